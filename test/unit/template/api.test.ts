import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateError, UserInputError } from '../../../src/errors.js';
import { evaluateWithFetches, PendingFetch } from '../../../src/pending.js';
import { baseFuncs, parseTemplate, renderTemplate, withArity, type FuncMap } from '../../../src/template/index.js';

test('parse once, execute many times with different data', () => {
  const t = parseTemplate('{{ .name }}={{ len .items }}', { file: 'x' });
  assert.equal(t.execute({ name: 'a', items: [1] }), 'a=1');
  assert.equal(t.execute({ name: 'b', items: [] }), 'b=0');
  assert.equal(t.file, 'x');
});

test('unknown functions are parse errors even in branches never taken', () => {
  assert.throws(() => parseTemplate('{{ if false }}{{ nope }}{{ end }}', { file: 'x' }), /function "nope" not defined/);
});

test('arity is checked at execution, so a branch never taken may be wrong', () => {
  assert.equal(renderTemplate('{{ if false }}{{ must_env }}{{ end }}ok', { file: 'x', funcs: baseFuncs({}) }), 'ok');
});

test('a PendingFetch propagates unchanged, wherever the call is', () => {
  const pending = new PendingFetch(async () => {});
  const funcs: FuncMap = {
    ssm: () => {
      throw pending;
    },
  };
  const templates = [
    '{{ ssm "/a" }}',
    '{{ printf "%s" (ssm "/a") }}',
    '{{ "/a" | ssm }}',
    '{{ if true }}{{ range 1 }}{{ ssm "/a" }}{{ end }}{{ end }}',
    '{{ define "t" }}{{ ssm . }}{{ end }}{{ template "t" "/a" }}',
    '{{ call .f }}',
  ];
  for (const t of templates) {
    assert.throws(
      () => renderTemplate(t, { file: 'x', funcs, data: { f: funcs.ssm } }),
      (e: unknown) => e === pending,
      t,
    );
  }
});

test('rendering again after the fetch completes (evaluateWithFetches)', async () => {
  const cache = new Map<string, string>();
  let fetches = 0;
  const ssm = withArity((name: string) => {
    const v = cache.get(name);
    if (v === undefined) {
      throw new PendingFetch(async () => {
        fetches++;
        cache.set(name, `value-of-${name}`);
      });
    }
    return v;
  }, 1);
  const t = parseTemplate('{{ ssm "/a" }} {{ ssm "/b" }} {{ ssm "/a" }}', { file: 'x', funcs: { ssm } });
  assert.equal(await evaluateWithFetches(() => t.execute()), 'value-of-/a value-of-/b value-of-/a');
  assert.equal(fetches, 2);
});

test('an EcsxError from a function is wrapped with position, and kept as cause', () => {
  const inner = new UserInputError('X', 'parameter /a not found');
  const funcs: FuncMap = {
    ssm: () => {
      throw inner;
    },
  };
  assert.throws(
    () => renderTemplate('a\n  {{ ssm "/a" }}', { file: 'svc.json', funcs }),
    (e: unknown) =>
      e instanceof TemplateError &&
      e.message === 'error calling ssm: parameter /a not found' &&
      e.describe() === 'svc.json:2:6: error calling ssm: parameter /a not found' &&
      e.cause === inner,
  );
});

test('fn.arity declares the accepted argument count; without it any count is accepted', () => {
  const loose = (...a: unknown[]) => a.length;
  const strict = withArity((a: unknown) => a, 1);
  const ranged = Object.assign((...a: unknown[]) => a.length, { arity: { min: 1, max: 3 } });
  const funcs: FuncMap = { loose, strict, ranged };
  assert.equal(renderTemplate('{{ loose }} {{ loose 1 2 3 4 }}', { file: 'x', funcs }), '0 4');
  assert.equal(renderTemplate('{{ strict 7 }} {{ 8 | strict }}', { file: 'x', funcs }), '7 8');
  assert.equal(renderTemplate('{{ ranged 1 2 3 }}', { file: 'x', funcs }), '3');
  assert.throws(() => renderTemplate('{{ ranged 1 2 3 4 }}', { file: 'x', funcs }), /want 1 to 3 got 4/);
  assert.throws(() => renderTemplate('{{ strict }}', { file: 'x', funcs }), /want 1 got 0/);
});

test('functions receive null for missing values, and JavaScript values as they are', () => {
  const seen: unknown[] = [];
  const funcs: FuncMap = { spy: (...a: unknown[]) => (seen.push(...a), '') };
  renderTemplate('{{ spy .missing .nil .n .s .l nil }}', { file: 'x', funcs, data: { nil: null, n: 1.5, s: 's', l: [1] } });
  assert.deepEqual(seen, [null, null, 1.5, 's', [1], null]);
});

test('builtin and/or short-circuit: later arguments are not evaluated', () => {
  let calls = 0;
  const funcs: FuncMap = { side: () => ++calls };
  assert.equal(renderTemplate('{{ and 0 (side) }} {{ or 1 (side) }} {{ and 1 (side) }}', { file: 'x', funcs }), '0 1 1');
  assert.equal(calls, 1);
});

test('template functions override builtins of the same name', () => {
  const funcs: FuncMap = { len: () => 'mine' };
  assert.equal(renderTemplate('{{ len "abc" }}', { file: 'x', funcs }), 'mine');
});

test('baseFuncs reads process.env by default', () => {
  process.env.ECSX_TEMPLATE_TEST_VAR = 'from-process';
  try {
    assert.equal(renderTemplate('{{ must_env "ECSX_TEMPLATE_TEST_VAR" }}', { file: 'x', funcs: baseFuncs() }), 'from-process');
  } finally {
    delete process.env.ECSX_TEMPLATE_TEST_VAR;
  }
});

test('definedTemplates lists define and block names', () => {
  const t = parseTemplate('{{ define "b" }}{{ end }}{{ block "a" . }}{{ end }}', { file: 'x' });
  assert.deepEqual(t.definedTemplates(), ['a', 'b']);
});

test('an empty definition may be replaced by a later one', () => {
  const out = renderTemplate('{{ define "a" }} {{ end }}{{ define "a" }}A{{ end }}{{ template "a" }}', { file: 'x' });
  assert.equal(out, 'A');
});

test('data objects are read as maps: own keys only, never the prototype chain', () => {
  assert.equal(renderTemplate('{{ .constructor }}|{{ .toString }}|{{ .a }}', { file: 'x', data: { a: 1 } }), '<no value>|<no value>|1');
  assert.equal(renderTemplate('{{ .k }} {{ range $k, $v := . }}{{ $k }}{{ $v }}{{ end }}', { file: 'x', data: new Map([['k', 'v']]) }), 'v kv');
});

test('CRLF text is kept, and raw strings drop carriage returns as in Go', () => {
  assert.equal(renderTemplate('a\r\n{{ `x\r\ny` }}\r\n', { file: 'x' }), 'a\r\nx\ny\r\n');
});

// Large and pathological inputs must complete (a quadratic lexer would make these runs crawl);
// speed itself is measured in bench/, not asserted here.
test('large templates render', () => {
  const line = '  "key{{ .i }}": "{{ env `NOPE` `default` }}-{{ printf "%03d" .i }}",\n';
  const text = line.repeat(20_000);
  const out = renderTemplate(text, { file: 'x', funcs: baseFuncs({}), data: { i: 7 } });
  assert.equal(out.length, '  "key7": "default-007",\n'.length * 20_000);
});

test('recursion deeper than the JavaScript stack is a positioned TemplateError', () => {
  let data: unknown = 1;
  for (let i = 0; i < 5000; i++) data = { n: [data] };
  const text = '{{ define "r" }}{{ with .n }}{{ range . }}{{ if . }}{{ with . }}{{ template "r" . }}{{ end }}{{ end }}{{ end }}{{ end }}{{ end }}{{ template "r" . }}';
  assert.throws(
    () => renderTemplate(text, { file: 'x', data }),
    (e: unknown) => e instanceof TemplateError && /^exceeded maximum template depth/.test(e.message) && e.pos?.line === 1,
  );
});

test('pathological inputs fail fast', () => {
  for (const text of ['{{'.repeat(50_000), '{{ ' + '('.repeat(5000), '{{/*' + ' '.repeat(100_000), 'x{{- '.repeat(20_000)]) {
    assert.throws(() => renderTemplate(text, { file: 'x' }), TemplateError);
  }
});
