import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { evaluateFile, evaluateSnippet, JsonnetError, toJsonnetText, type JsonnetOptions } from '../../../src/jsonnet/index.js';
import { UserInputError } from '../../../src/errors.js';
import { PendingFetch, evaluateWithFetches } from '../../../src/pending.js';

function catchErr(fn: () => unknown): JsonnetError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof JsonnetError, `expected JsonnetError, got ${String(e)}`);
    return e;
  }
  throw new Error('expected an error');
}

test('JsonnetError is a UserInputError with code JSONNET and a position', () => {
  const e = catchErr(() => evaluateSnippet('x.jsonnet', '\n  error "boom"'));
  assert.ok(e instanceof UserInputError);
  assert.equal(e.code, 'JSONNET');
  assert.deepEqual(e.pos, { file: 'x.jsonnet', line: 2, col: 3 });
  assert.equal(e.kind, 'runtime');
  assert.match(e.describe(), /^x\.jsonnet:2:3: RUNTIME ERROR: boom/);
});

test('stack trace lists enclosing calls and fields', () => {
  const src = 'local f(x) = x.missing;\nlocal g(y) = f(y);\n{\n  out: g({}),\n}';
  const e = catchErr(() => evaluateSnippet('t.jsonnet', src));
  assert.deepEqual(e.pos, { file: 't.jsonnet', line: 1, col: 14 });
  assert.deepEqual(e.trace.map((f) => `${f.pos.line}:${f.pos.col} ${f.name}`), [
    '2:14 function <f>',
    '4:8 function <g>',
    '4:3 field <out>',
  ]);
  assert.match(e.describe(), /\n\tt\.jsonnet:2:14\tfunction <f>/);
});

test('static errors are reported as kind static', () => {
  const e = catchErr(() => evaluateSnippet('s.jsonnet', 'local a = b; a'));
  assert.equal(e.kind, 'static');
  assert.match(e.describe(), /STATIC ERROR: Unknown variable: b/);
});

test('extStr and extCode', () => {
  const opts: JsonnetOptions = { extStr: { S: 'str' }, extCode: { C: '{a: [1, 2][1] + 24}', F: 'function(x) x * 2' } };
  assert.deepEqual(evaluateSnippet('e.jsonnet', '[std.extVar("S"), std.extVar("C"), std.extVar("F")(4)]', opts), ['str', { a: 26 }, 8]);
});

test('extCode errors point into the ext var', () => {
  const e = catchErr(() => evaluateSnippet('e.jsonnet', 'std.extVar("BAD")', { extCode: { BAD: '1 + y' } }));
  assert.deepEqual(e.pos, { file: '<extvar:BAD>', line: 1, col: 5 });
  assert.match(e.message, /Unknown variable: y/);
});

test('native functions receive JSON and return JSON', () => {
  const seen: unknown[] = [];
  const opts: JsonnetOptions = {
    nativeFunctions: {
      echo: { params: ['a', 'b'], fn: (a, b) => { seen.push(a, b); return { got: [a, b], n: 1.5 }; } },
    },
  };
  const v = evaluateSnippet('n.jsonnet', 'local echo = std.native("echo"); echo({x: [1, "y"], h:: 0}, null).got', opts);
  assert.deepEqual(v, [{ x: [1, 'y'] }, null]);
  assert.deepEqual(seen, [{ x: [1, 'y'] }, null]);
});

test('native function result objects can be used with std.objectValues', () => {
  const opts: JsonnetOptions = { nativeFunctions: { tf: { params: ['addr'], fn: () => ({ b: { id: 'sg-2' }, a: { id: 'sg-1' } }) } } };
  assert.deepEqual(evaluateSnippet('n.jsonnet', '[sg.id for sg in std.objectValues(std.native("tf")("x"))]', opts), ['sg-1', 'sg-2']);
});

test('native function arity is checked', () => {
  const opts: JsonnetOptions = { nativeFunctions: { one: { params: ['a'], fn: (a) => a } } };
  const e = catchErr(() => evaluateSnippet('n.jsonnet', 'std.native("one")(1, 2)', opts));
  assert.match(e.message, /Too many arguments/);
});

test('native function errors become JsonnetErrors at the call, keeping the cause', () => {
  const boom = new Error('environment variable AWS_REGION is not defined');
  const opts: JsonnetOptions = { nativeFunctions: { must_env: { params: ['n'], fn: () => { throw boom; } } } };
  const e = catchErr(() => evaluateSnippet('n.jsonnet', 'local must_env = std.native("must_env");\n{ region: must_env("AWS_REGION") }', opts));
  assert.equal(e.message, 'environment variable AWS_REGION is not defined');
  assert.deepEqual(e.pos, { file: 'n.jsonnet', line: 2, col: 11 });
  assert.equal(e.cause, boom);
});

test('PendingFetch from a native function propagates unchanged', () => {
  const pending = new PendingFetch(async () => {});
  const opts: JsonnetOptions = { nativeFunctions: { ssm: { params: ['n'], fn: () => { throw pending; } } } };
  let caught: unknown;
  try {
    evaluateSnippet('p.jsonnet', '{ a: [std.native("ssm")("/x")] }', opts);
  } catch (e) {
    caught = e;
  }
  assert.equal(caught, pending);
});

test('evaluateWithFetches re-evaluates after a fetch', async () => {
  const cache = new Map<string, string>();
  let fetches = 0;
  const opts: JsonnetOptions = {
    nativeFunctions: {
      ssm: {
        params: ['name'],
        fn: (name) => {
          const v = cache.get(String(name));
          if (v !== undefined) return v;
          throw new PendingFetch(async () => { fetches++; cache.set(String(name), `value-of-${String(name)}`); });
        },
      },
    },
  };
  const src = 'local ssm = std.native("ssm"); { a: ssm("/a"), b: ssm("/b"), a2: ssm("/a") }';
  const v = await evaluateWithFetches(() => evaluateSnippet('p.jsonnet', src, opts));
  assert.deepEqual(v, { a: 'value-of-/a', a2: 'value-of-/a', b: 'value-of-/b' });
  assert.equal(fetches, 2);
});

function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecsx-jsonnet-'));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

test('imports resolve relative to the importing file, then import paths', () => {
  const dir = tempTree({
    'main.jsonnet': 'local a = import "sub/a.libsonnet"; local l = import "lib.libsonnet"; {a: a, l: l, s: importstr "sub/t.txt", b: importbin "sub/t.txt"}',
    'sub/a.libsonnet': '(import "b.libsonnet") + {a: true}',
    'sub/b.libsonnet': '{b: std.thisFile}',
    'sub/t.txt': 'hi\n',
    'vendor1/lib.libsonnet': '"vendor1"',
    'vendor2/lib.libsonnet': '"vendor2"',
  });
  const v = evaluateFile(join(dir, 'main.jsonnet'), { importPaths: [join(dir, 'vendor1'), join(dir, 'vendor2')] });
  assert.deepEqual(v, { a: { a: true, b: join(dir, 'sub/b.libsonnet') }, l: 'vendor2', s: 'hi\n', b: [104, 105, 10] });
});

test('errors in imported files carry that file position', () => {
  const dir = tempTree({ 'm.jsonnet': 'local l = import "l.libsonnet";\nl.f(1)', 'l.libsonnet': '{\n  f(x):: x + {},\n}' });
  const e = catchErr(() => evaluateFile(join(dir, 'm.jsonnet')));
  assert.deepEqual(e.pos, { file: join(dir, 'l.libsonnet'), line: 2, col: 10 });
  assert.equal(e.trace[0].name, 'function <f>');
});

test('readFile hook is used for the main file and imports, each read once', () => {
  const files: Record<string, string> = {
    '/v/main.jsonnet': '[import "x.libsonnet", import "x.libsonnet", (import "x.libsonnet").n]',
    '/v/x.libsonnet': '{n: std.length([1, 2])}',
  };
  const reads: string[] = [];
  const v = evaluateFile('/v/main.jsonnet', { readFile: (p) => { reads.push(p); return files[p]; } });
  assert.deepEqual(v, [{ n: 2 }, { n: 2 }, 2]);
  assert.deepEqual(reads, ['/v/main.jsonnet', '/v/x.libsonnet']);
});

test('missing input file', () => {
  const e = catchErr(() => evaluateFile('/definitely/not/here.jsonnet'));
  assert.match(e.message, /Opening input file/);
});

test('std.trace goes to the trace option', () => {
  const lines: string[] = [];
  assert.equal(evaluateSnippet('tr.jsonnet', '\nstd.trace("hello " + 1, 7)', { trace: (m) => lines.push(m) }), 7);
  assert.deepEqual(lines, ['TRACE: tr.jsonnet:2 hello 1']);
});

test('top-level function is called with its defaults', () => {
  assert.deepEqual(evaluateSnippet('f.jsonnet', 'function(x = 2) x * 3'), 6);
});

test('object keys like __proto__ are kept as plain data', () => {
  const v = evaluateSnippet('p.jsonnet', '{"__proto__": 1, constructor: 2}') as Record<string, unknown>;
  assert.deepEqual(Object.keys(v), ['__proto__', 'constructor']);
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
});

test('toJsonnetText renders jsonnetfmt style', () => {
  const text = toJsonnetText({
    family: 'app',
    cpu: 256,
    essential: true,
    'awslogs-group': "it's",
    empty: [],
    none: {},
    nothing: null,
    if: 'keyword key',
    list: [{ name: 'a\nb', value: 'x\'y"z' }],
  });
  assert.equal(text, [
    '{',
    "  family: 'app',",
    '  cpu: 256,',
    '  essential: true,',
    `  'awslogs-group': "it's",`,
    '  empty: [],',
    '  none: {},',
    '  nothing: null,',
    "  'if': 'keyword key',",
    '  list: [',
    '    {',
    "      name: 'a\\nb',",
    "      value: 'x\\'y\"z',",
    '    },',
    '  ],',
    '}',
    '',
  ].join('\n'));
  assert.deepEqual(evaluateSnippet('r.jsonnet', text), {
    family: 'app', cpu: 256, essential: true, 'awslogs-group': "it's", empty: [], none: {}, nothing: null, if: 'keyword key',
    list: [{ name: 'a\nb', value: 'x\'y"z' }],
  });
});

// Speed is measured in bench/evaluate.ts, not here: this checks the big definition's values.
test('a 200-line definition with comprehensions, self and std evaluates correctly', () => {
  const container = (i: number) => [
    '    {',
    `      name: 'c${i}',`,
    `      image: 'repo/c${i}:%s' % std.extVar('TAG'),`,
    `      cpu: 128 * (${i} % 4 + 1),`,
    '      memory: self.cpu * 2,',
    `      essential: ${i} == 0,`,
    `      environment: [env('K%d' % j, std.toString(j * ${i})) for j in std.range(0, 9)],`,
    `      portMappings: [{ containerPort: 8000 + ${i}, protocol: 'tcp' }],`,
    '      logConfiguration: {',
    "        logDriver: 'awslogs',",
    `        options: { 'awslogs-group': '/ecs/c${i}', 'awslogs-region': region },`,
    '      },',
    `      secrets: [{ name: 'S%d' % k, valueFrom: 'arn:aws:ssm:%s:1:parameter/p%d' % [region, k] } for k in [1, 2]],`,
    '    },',
  ];
  const src = [
    "local env(name, value) = { name: name, value: value };",
    "local region = 'ap-northeast-1';",
    '{',
    "  family: 'perf',",
    '  containerDefinitions: [',
    ...Array.from({ length: 13 }, (_, i) => container(i)).flat(),
    '  ],',
    '  cpu: std.toString(std.sum([c.cpu for c in self.containerDefinitions])),',
    "  tags: std.sort([{ key: k, value: std.asciiUpper(k) } for k in std.split('a,b,c,d,e,f,g', ',')], function(t) t.key),",
    '}',
  ].join('\n');
  assert.ok(src.split('\n').length >= 190);
  const v: any = evaluateSnippet('perf.jsonnet', src, { extStr: { TAG: 'v1' } });
  assert.equal(v.containerDefinitions.length, 13);
  assert.equal(v.containerDefinitions[3].environment.length, 10);
  assert.equal(v.containerDefinitions[2].image, 'repo/c2:v1');
  assert.equal(v.containerDefinitions[2].memory, 768);
});
