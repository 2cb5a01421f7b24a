import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sprintf, stableStringify, toTemplateText } from '../../../src/plugins/format.js';
import { SecretRegistry, MASK } from '../../../src/plugins/secret-registry.js';
import { evaluatePath, parsePath } from '../../../src/plugins/tfstate/path.js';

describe('sprintf (Go fmt subset)', () => {
  const cases: [string, unknown[], string][] = [
    ['aws_subnet.private[%s].id', ['"a"'], 'aws_subnet.private["a"].id'],
    ['aws_instance.web[%d].id', [2], 'aws_instance.web[2].id'],
    ['%s-%s', ['a', 'b'], 'a-b'],
    ['%q', ['x'], '"x"'],
    ['100%%', [], '100%'],
    ['%v/%v', [true, 1.5], 'true/1.5'],
    ['%03d', [7], '007'],
    ['%-4s|', ['ab'], 'ab  |'],
    ['%.2f', [3.14159], '3.14'],
    ['%x', [255], 'ff'],
    ['%s %s', ['only'], 'only %!s(MISSING)'],
    ['%s', ['a', 'b'], 'a%!(EXTRA string=b)'],
    ['%d', ['x'], '%!d(string=x)'],
    ['no verbs', [], 'no verbs'],
  ];
  for (const [fmt, args, want] of cases) test(`${fmt} ${JSON.stringify(args)}`, () => assert.equal(sprintf(fmt, args), want));
});

describe('toTemplateText', () => {
  test('strings as is, numbers and bools as text', () => {
    assert.equal(toTemplateText('x'), 'x');
    assert.equal(toTemplateText(30), '30');
    assert.equal(toTemplateText(false), 'false');
  });
  test('objects and arrays as JSON with sorted keys (like Go)', () => {
    assert.equal(toTemplateText({ b: 1, a: [2, { d: 1, c: 2 }] }), '{"a":[2,{"c":2,"d":1}],"b":1}');
    assert.equal(toTemplateText(['a']), '["a"]');
    assert.equal(stableStringify(null), 'null');
    assert.equal(stableStringify({ p: 'a<b>&c' }), '{"p":"a\\u003cb\\u003e\\u0026c"}', 'HTML-escaped like Go');
  });
});

describe('SecretRegistry', () => {
  test('masks every occurrence, longest first', () => {
    const r = new SecretRegistry();
    r.add('abc');
    r.add('abcdef');
    assert.equal(r.mask('x abcdef y abc z'), `x ${MASK} y ${MASK} z`);
  });
  test('ignores empty values and leaves text without secrets alone', () => {
    const r = new SecretRegistry();
    r.add('');
    assert.equal(r.size, 0);
    assert.equal(r.mask('hello'), 'hello');
  });
  test('masks the JSON-escaped form too', () => {
    const r = new SecretRegistry();
    r.add('pa"ss\nword');
    const json = JSON.stringify({ v: 'pa"ss\nword' });
    assert.equal(r.mask(json), `{"v":"${MASK}"}`);
    assert.ok(r.has('pa"ss\nword'));
  });
});

describe('tfstate path', () => {
  test('parses keys, indexes and quoted keys', () => {
    assert.deepEqual(parsePath('.a["b-c"][0].d[-1]'), [{ key: 'a' }, { key: 'b-c' }, { index: 0 }, { key: 'd' }, { index: -1 }]);
    assert.deepEqual(parsePath(`['x.y']`), [{ key: 'x.y' }]);
    assert.deepEqual(parsePath('[plain]'), [{ key: 'plain' }]);
    assert.deepEqual(parsePath('.'), []);
  });
  test('rejects malformed paths', () => {
    assert.throws(() => parsePath('x'));
    assert.throws(() => parsePath('.a['));
    assert.throws(() => parsePath('.a[]'));
  });
  test('evaluates without throwing on type mismatches', () => {
    const v = { a: [1, { b: 'x' }], s: 'str' };
    assert.equal(evaluatePath(v, parsePath('.a[1].b')), 'x');
    assert.equal(evaluatePath(v, parsePath('.s.x')), undefined);
    assert.equal(evaluatePath(v, parsePath('.a.b')), undefined);
    assert.equal(evaluatePath(v, parsePath('.s[0]')), undefined);
    assert.equal(evaluatePath(v, parsePath('.toString')), undefined);
  });
});
