import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTemplate, sprint, sprintf } from '../../../src/template/index.js';

/** [format, args, Go's fmt.Sprintf output] */
const printf: [string, unknown[], string][] = [
  // integers
  ['%d', [42], '42'],
  ['%5d|%-5d|%05d', [42, 42, 42], '   42|42   |00042'],
  ['%+d % d %05d', [42, 42, -42], '+42  42 -0042'],
  ['%.3d %8.3d', [7, 7], '007      007'],
  ['%x %X %#x %x', [255, 255, 255, -255], 'ff FF 0xff -ff'],
  ['%#08x', [255], '0x000000ff'],
  ['%o %#o %O %b', [8, 8, 8, 5], '10 010 0o10 101'],
  ['%c%c %q %U %#U', [72, 105, 65, 0x1f600, 65], "Hi 'A' U+1F600 U+0041 'A'"],
  ['%d', [2 ** 60], '1152921504606846976'],
  // strings
  ['%s|%10s|%-10s|', ['hi', 'hi', 'hi'], 'hi|        hi|hi        |'],
  ['%.2s %05s', ['hello', 'ab'], 'he 000ab'],
  ['%q %q', ['a"b', 'é\n'], '"a\\"b" "é\\n"'],
  ['%+q %#q %#q', ['é', 'abc', 'a`b'], '"\\u00e9" `abc` "a`b"'],
  ['%x %X % x %#x', ['hi', 'hi', 'hi', 'hi'], '6869 6869 68 69 0x6869'],
  ['%v %s', ['plain', 'plain'], 'plain plain'],
  // floats: Go rounds the exact binary value, ties to even
  ['%f %.2f %8.2f| %-8.2f|', [3.14159, 3.14159, 3.14159, 3.14159], '3.141590 3.14     3.14| 3.14    |'],
  ['%05.1f %08.2f %+.1f', [3.14159, -3.14159, 2.25], '003.1 -0003.14 +2.2'],
  ['%.0f %.0f %.0f %.2f', [0.5, 1.5, 2.5, 12.345], '0 2 2 12.35'],
  ['%e %E %.2e', [1234.5678, 1234.5678, 0.000123], '1.234568e+03 1.234568E+03 1.23e-04'],
  ['%g %g %g %.3g %.3g', [0.0001, 0.00001, 123456789.5, 3.14159, 1234.5], '0.0001 1e-05 1.234567895e+08 3.14 1.23e+03'],
  ['%v %v %v', [0.1 + 0.2, 1e-7, 1234567.5], '0.30000000000000004 1e-07 1.2345675e+06'],
  ['%v %f %5.1f|%v', [NaN, Infinity, -Infinity, 1e21], 'NaN +Inf  -Inf|1000000000000000000000'],
  // an integral number is an int, but the float verbs accept it (Go: %!f(int=3))
  ['%6.2f %e', [3, 100], '  3.00 1.000000e+02'],
  // booleans, nil, composites
  ['%t %v %t', [true, false, 1], 'true false %!t(int=1)'],
  ['%v %d %s', [null, null, null], '<nil> %!d(<nil>) %!s(<nil>)'],
  ['%v %d %s %q', [[1, 2], [1, 2], ['a', 'b'], ['a', 'b']], '[1 2] [1 2] [a b] ["a" "b"]'],
  ['%v', [{ b: [1, null], a: { c: true } }], 'map[a:map[c:true] b:[1 <nil>]]'],
  ['%3v', [[1, 2]], '[  1   2]'],
  ['%#v %#v %#v', ['s', [1, 'a'], { a: 1 }], '"s" []interface {}{1, "a"} map[string]interface {}{"a":1}'],
  ['%T %T %T %T %T %T', [1, 1.5, 's', true, [], null], 'int float64 string bool []interface {} <nil>'],
  // argument indexes, * width and precision
  ['%[2]d %[1]d', [1, 2], '2 1'],
  ['%[2]*[1]d|', [42, 5], '   42|'],
  ['%*d|%-*d|%.*f', [5, 42, 5, 42, 2, 3.14159], '   42|42   |3.14'],
  ['%[3]d', [1], '%!d(BADINDEX)'],
  // Go's in-band errors
  ['%d', ['x'], '%!d(string=x)'],
  ['%s %s', ['a'], 'a %!s(MISSING)'],
  ['%d', [1, 'two', null], '1%!(EXTRA string=two, <nil>)'],
  ['100%', [], '100%!(NOVERB)'],
  ['%z', [1], '%!z(int=1)'],
  ['%d%%', [50], '50%'],
  ['%s', [1.5], '%!s(float64=1.5)'],
];

for (const [format, args, want] of printf) {
  test(`sprintf(${JSON.stringify(format)}, ${JSON.stringify(args)})`, () => assert.equal(sprintf(format, args), want));
}

const print: [unknown[], string][] = [
  [['a', 1, 2, 'b'], 'a1 2b'],
  [[1, 2, 3], '1 2 3'],
  [[null, 'x', null], '<nil>x<nil>'],
  [[[1, 'a'], { k: 'v' }], '[1 a] map[k:v]'],
];
for (const [args, want] of print) test(`sprint(${JSON.stringify(args)})`, () => assert.equal(sprint(args), want));

test('printf inside templates', () => {
  const out = renderTemplate('{{ printf "%s:%d:%.1f:%v:%q" .s .n .f .l .s }}', {
    file: 'x',
    data: { s: 'a', n: 7, f: 0.25, l: ['x', 'y'] },
  });
  assert.equal(out, 'a:7:0.2:[x y]:"a"');
});
