import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateError } from '../../../src/errors.js';
import { baseFuncs, renderTemplate, withArity, type FuncMap } from '../../../src/template/index.js';

const funcs: FuncMap = {
  ...baseFuncs({ SET: 'yes' }),
  two: withArity((a: unknown, b: unknown) => `${a}${b}`, 2),
  upToTwo: withArity((...a: unknown[]) => a.join(''), 0, 2),
  boom: () => {
    throw new Error('kaboom');
  },
};

/** [template, data, "line:col message"]: parse and execution errors, positioned in the original text. */
const cases: [string, unknown, string][] = [
  // lexer
  ['abc {{ .x', undefined, '1:5 unclosed action'],
  ['line1\n  {{ if .x\n  ', undefined, '2:3 unclosed action'],
  ['{{ "abc }}', undefined, '1:4 unterminated quoted string'],
  ['{{ `abc }}', undefined, '1:4 unterminated raw quoted string'],
  ["{{ 'ab }}", undefined, '1:4 unterminated character constant'],
  ['{{ 12a }}', undefined, '1:4 bad number syntax: "12a"'],
  ['{{ .x) }}', undefined, "1:6 unexpected right paren U+0029 ')'"],
  ['x\n{{ printf "%s" (.x }}', undefined, '2:16 unclosed left paren'],
  ['{{ .x@ }}', undefined, "1:6 bad character U+0040 '@'"],
  ['{{ $x:1 }}', undefined, '1:6 expected :='],
  ['{{ .x ~ }}', undefined, '1:7 unexpected "~" in operand'],
  ['{{ .x \u00a7 }}', undefined, "1:7 unrecognized character in action: U+00A7 '§'"],
  ['a\n\n   {{/* never closed', undefined, '3:4 unclosed comment'],
  ['{{/* x */ .x }}', undefined, '1:10 comment ends before closing delimiter'],
  ['{{ /* x */ }}', undefined, '1:4 unexpected "/" in command'],
  // parser
  ['{{ foo }}', undefined, '1:4 function "foo" not defined'],
  ['text\n  {{ "a" | bar }}', undefined, '2:12 function "bar" not defined'],
  ['{{ if .x }}abc', undefined, '1:1 unexpected EOF'],
  ['{{ range .x }}\n  {{ with .y }}\n  {{ end }}', undefined, '1:1 unexpected EOF'],
  ['{{ if .a }}\n{{ with .b }}x{{ else }}', undefined, '2:1 unexpected EOF'],
  ['ok\n  {{ end }}', undefined, '2:6 unexpected {{end}}'],
  ['{{ else }}', undefined, '1:4 unexpected {{else}}'],
  ['{{ if 1 }}{{ else }}{{ else }}{{ end }}', undefined, '1:24 expected end; found {{else}}'],
  ['{{ end x }}', undefined, '1:8 unexpected "x" in end'],
  ['{{ }}', undefined, '1:4 missing value for command'],
  ['{{ if }}x{{ end }}', undefined, '1:7 missing value for if'],
  ['{{ range $i, $v := }}{{ end }}', undefined, '1:20 missing value for range'],
  ['{{ $x }}', undefined, '1:4 undefined variable "$x"'],
  ['{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}', undefined, '1:39 undefined variable "$y"'],
  ['{{ break }}', undefined, '1:4 {{break}} outside {{range}}'],
  ['{{ range . }}{{ else }}{{ continue }}{{ end }}', undefined, '1:27 {{continue}} outside {{range}}'],
  ['{{ .x | 1 }}', undefined, '1:9 non executable command in pipeline stage 2'],
  ['{{ "a".b }}', undefined, '1:7 unexpected . after term "\\"a\\""'],
  ['{{ range $a, $b, $c := . }}{{ end }}', undefined, '1:16 too many declarations in range'],
  ['{{ $a, $b := 1 }}', undefined, '1:6 too many declarations in command'],
  ['{{ "\\q" }}', undefined, '1:4 invalid syntax'],
  ['{{ 99999999999999999999 }}', undefined, '1:4 integer overflow: "99999999999999999999"'],
  ['{{ 1+2i }}', undefined, '1:4 complex numbers are not supported: "1+2i"'],
  ['{{ template .x }}', undefined, '1:13 unexpected ".x" in template clause'],
  ['{{ template . }}', undefined, '1:13 unexpected <.> in template clause'],
  ['{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}', undefined, '1:37 multiple definition of template "a"'],
  ['{{ if 1 }}{{ define "a" }}{{ end }}{{ end }}', undefined, '1:14 unexpected <define> in command'],
  ['{{ if 1 }}'.repeat(1001), undefined, '1:10001 max nesting depth exceeded'],
  [`{{ len ${'('.repeat(1001)}`, undefined, '1:1008 max expression depth exceeded'],
  // execution
  ['{{ must_env }}', undefined, '1:4 wrong number of args for must_env: want 1 got 0'],
  ['{{ "x" | two }}', undefined, '1:10 wrong number of args for two: want 2 got 1'],
  ['{{ upToTwo 1 2 3 }}', undefined, '1:4 wrong number of args for upToTwo: want at most 2 got 3'],
  ['{{ not 1 2 }}', undefined, '1:4 wrong number of args for not: want 1 got 2'],
  ['{{ and }}', undefined, '1:4 wrong number of args for and: want at least 1 got 0'],
  ['a: 1\nb: {{ must_env `NOPE_X` }}', undefined, '2:7 error calling must_env: environment variable NOPE_X is not defined'],
  ['{{ printf "%s" (must_env "NOPE") }}', undefined, '1:17 error calling must_env: environment variable NOPE is not defined'],
  ['{{ boom }}', undefined, '1:4 error calling boom: kaboom'],
  ['{{ 1 2 }}', undefined, "1:4 can't give argument to non-function 1"],
  ['{{ .x | $ }}', undefined, "1:9 can't give argument to non-function $"],
  ['{{ nil }}', undefined, '1:4 nil is not a command'],
  ['{{ .a.b }}', { a: null }, '1:4 nil pointer evaluating interface {}.b'],
  ['{{ .a.b }}', { a: 'str' }, "1:4 can't evaluate field b in type string"],
  ['{{ .x 1 }}', { x: {} }, '1:4 x is not a method but has arguments'],
  ['{{ range .a }}{{ end }}', { a: 'str' }, "1:10 range can't iterate over str"],
  ['{{ range $i, $v := 3 }}{{ end }}', undefined, "1:10 can't use 3 to iterate over more than one variable"],
  ['{{ $x = 1 }}', undefined, '1:4 undefined variable: $x'],
  ['{{ template "nope" }}', undefined, '1:13 template "nope" not defined'],
  ['{{ define "r" }}{{ template "r" }}{{ end }}{{ template "r" }}', undefined, '1:29 exceeded maximum template depth (1000)'],
  ['{{ index .l 5 }}', { l: [1] }, '1:4 error calling index: index out of range: 5'],
  ['{{ index nil 1 }}', undefined, '1:4 error calling index: index of untyped nil'],
  ['{{ index .m 1 }}', { m: {} }, '1:4 error calling index: value has type int; should be string'],
  ['{{ slice .l 2 1 }}', { l: [1, 2] }, '1:4 error calling slice: invalid slice index: 2 > 1'],
  ['{{ eq "a" 1 }}', undefined, '1:4 error calling eq: incompatible types for comparison'],
  ['{{ eq 1 }}', undefined, '1:4 error calling eq: missing argument for comparison'],
  ['{{ lt true false }}', undefined, '1:4 error calling lt: invalid type for comparison'],
  ['{{ len 3 }}', undefined, '1:4 error calling len: len of type int'],
  ['{{ call .f }}', { f: 'x' }, '1:4 error calling call: non-function of type string'],
  ['{{ printf 1 }}', undefined, '1:4 wrong type for value; expected string; got int'],
  ['{{ env 1 }}', undefined, '1:4 wrong type for value; expected string; got int'],
  ['{{ json_escape .missing }}', {}, '1:4 invalid value; expected string'],
];

for (const [tmpl, data, want] of cases) {
  test(`error ${JSON.stringify(tmpl)} -> ${want}`, () => {
    let caught: unknown;
    try {
      renderTemplate(tmpl, { file: 'defs/task.json', funcs, data });
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof TemplateError, `expected a TemplateError, got ${String(caught)}`);
    const { pos } = caught;
    assert.equal(pos?.file, 'defs/task.json');
    assert.equal(`${pos?.line}:${pos?.col} ${caught.message}`, want);
    assert.equal(caught.code, 'TEMPLATE');
  });
}

test('describe() gives file:line:col: message', () => {
  assert.throws(
    () => renderTemplate('x\n {{ nope }}', { file: 'ecspresso.yml' }),
    (e: unknown) => e instanceof TemplateError && e.describe() === 'ecspresso.yml:2:5: function "nope" not defined',
  );
});
