/** diffJson: canonical text, unified output with ecspresso's headers, colour, structured changes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, computeChanges, diffJson, type Change, type JsonValue } from '../../../src/diff/index.js';

const names = { remoteName: 'arn:aws:ecs:us-east-1:123456789012:task-definition/app:1', localName: 'ecs-task-def.json' };

test('canonical JSON: keys sorted recursively, arrays kept, 2-space indent, trailing newline', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, 1], c: null } }), '{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      1\n    ]\n  },\n  "b": 1\n}\n');
  assert.equal(canonicalJson(undefined), '');
});

test('unchanged → changed false, empty unified, no changes', () => {
  const r = diffJson({ a: 1, b: 2 }, { b: 2, a: 1 }, names);
  assert.deepEqual([r.changed, r.unified, r.changes], [false, '', []]);
  assert.equal(r.remoteText, r.localText);
});

test('a change → unified diff with ecspresso headers and no index line', () => {
  const r = diffJson({ family: 'app', cpu: '256' }, { family: 'app', cpu: '512' }, names);
  assert.equal(r.changed, true);
  assert.equal(
    r.unified,
    [
      `--- ${names.remoteName}`,
      `+++ ${names.localName}`,
      '@@ -1,4 +1,4 @@',
      ' {',
      '-  "cpu": "256",',
      '+  "cpu": "512",',
      '   "family": "app"',
      ' }',
      '',
    ].join('\n'),
  );
});

test('remote missing → every line added; only the --- header starts with -', () => {
  for (const remote of [undefined, null]) {
    const r = diffJson(remote, { family: 'app', containerDefinitions: [{ name: 'a' }] }, { remoteName: '', localName: 'td.json' });
    const lines = r.unified.split('\n');
    assert.equal(lines[0], '--- ');
    assert.equal(lines[2], '@@ -0,0 +1,8 @@');
    assert.equal(lines.filter((l) => l.startsWith('-')).length, 1);
    assert.equal(lines.filter((l) => l.startsWith('+')).length, 9); // +++ header and 8 lines
    assert.equal(r.remoteText, '');
    assert.deepEqual(r.changes.map((c) => [c.path, c.kind]), [['containerDefinitions', 'added'], ['family', 'added']]);
  }
});

test('colour: red -, green +, cyan @@, context plain', () => {
  const r = diffJson({ a: 1, b: 2 }, { a: 1, b: 3 }, { ...names, color: true });
  const esc = (code: number, s: string) => `\x1b[${code}m${s}\x1b[39m`;
  const lines = r.unified.split('\n');
  assert.equal(lines[0], esc(31, `--- ${names.remoteName}`));
  assert.equal(lines[1], esc(32, `+++ ${names.localName}`));
  assert.equal(lines[2], esc(36, '@@ -1,4 +1,4 @@'));
  assert.equal(lines[3], ' {');
  assert.ok(lines.includes(esc(31, '-  "b": 2')));
  assert.ok(lines.includes(esc(32, '+  "b": 3')));
});

test('no colour by default, whatever the environment says', () => {
  assert.ok(!diffJson({ a: 1 }, { a: 2 }, names).unified.includes('\x1b['));
});

test('context lines are configurable', () => {
  const big = (x: number) => Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i === 10 ? x : i]));
  const hunk = (ctx?: number) => diffJson(big(0), big(1), { ...names, context: ctx }).unified.split('\n')[2];
  assert.equal(hunk(), '@@ -9,7 +9,7 @@');
  assert.equal(hunk(0), '@@ -12,1 +12,1 @@');
});

interface ChangeCase {
  name: string;
  before: JsonValue | undefined;
  after: JsonValue;
  want: Change[];
}

const changeCases: ChangeCase[] = [
  { name: 'scalar changed', before: { a: 1 }, after: { a: 2 }, want: [{ path: 'a', kind: 'changed', before: 1, after: 2 }] },
  { name: 'key added and removed', before: { a: 1 }, after: { b: 1 }, want: [{ path: 'a', kind: 'removed', before: 1 }, { path: 'b', kind: 'added', after: 1 }] },
  {
    name: 'named list items are matched by name',
    before: { containerDefinitions: [{ name: 'app', image: 'x:1' }, { name: 'old', image: 'o' }] },
    after: { containerDefinitions: [{ name: 'app', image: 'x:2' }, { name: 'new', image: 'n' }] },
    want: [
      { path: 'containerDefinitions[name=app].image', kind: 'changed', before: 'x:1', after: 'x:2' },
      { path: 'containerDefinitions[name=old]', kind: 'removed', before: { name: 'old', image: 'o' } },
      { path: 'containerDefinitions[name=new]', kind: 'added', after: { name: 'new', image: 'n' } },
    ],
  },
  {
    name: 'nested named lists (environment inside a container)',
    before: { containerDefinitions: [{ name: 'app', environment: [{ name: 'TZ', value: 'UTC' }] }] },
    after: { containerDefinitions: [{ name: 'app', environment: [{ name: 'TZ', value: 'JST' }] }] },
    want: [{ path: 'containerDefinitions[name=app].environment[name=TZ].value', kind: 'changed', before: 'UTC', after: 'JST' }],
  },
  {
    name: 'tags are matched by key',
    before: { tags: [{ key: 'env', value: 'dev' }] },
    after: { tags: [{ key: 'env', value: 'prd' }] },
    want: [{ path: 'tags[key=env].value', kind: 'changed', before: 'dev', after: 'prd' }],
  },
  {
    name: 'a list of strings changes as a whole',
    before: { subnets: ['a', 'b'] },
    after: { subnets: ['a', 'c'] },
    want: [{ path: 'subnets', kind: 'changed', before: ['a', 'b'], after: ['a', 'c'] }],
  },
  {
    name: 'unnamed objects of the same count are compared by index',
    before: { loadBalancers: [{ containerPort: 80 }] },
    after: { loadBalancers: [{ containerPort: 8080 }] },
    want: [{ path: 'loadBalancers[0].containerPort', kind: 'changed', before: 80, after: 8080 }],
  },
  {
    name: 'keys that are not identifiers are quoted',
    before: { dockerLabels: { 'com.example.a': '1' } },
    after: { dockerLabels: { 'com.example.a': '2' } },
    want: [{ path: 'dockerLabels["com.example.a"]', kind: 'changed', before: '1', after: '2' }],
  },
  {
    name: 'names that are not plain are quoted',
    before: { environment: [{ name: 'A B', value: '1' }] },
    after: { environment: [{ name: 'A B', value: '2' }] },
    want: [{ path: 'environment[name="A B"].value', kind: 'changed', before: '1', after: '2' }],
  },
  { name: 'type change', before: { a: [1] }, after: { a: { x: 1 } }, want: [{ path: 'a', kind: 'changed', before: [1], after: { x: 1 } }] },
  { name: 'nothing before: top-level members added', before: undefined, after: { b: 1, a: 2 }, want: [{ path: 'a', kind: 'added', after: 2 }, { path: 'b', kind: 'added', after: 1 }] },
];

for (const c of changeCases) {
  test(`changes: ${c.name}`, () => {
    assert.deepEqual(computeChanges(c.before, c.after), c.want);
  });
}

test('changes are reported remote → local', () => {
  const r = diffJson({ desiredCount: 1 }, { desiredCount: 2 }, names);
  assert.deepEqual(r.changes, [{ path: 'desiredCount', kind: 'changed', before: 1, after: 2 }]);
});
