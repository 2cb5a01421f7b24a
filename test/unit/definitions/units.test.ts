/** ecspresso diff_test.go's ToNumberCPU / ToNumberMemory tables, plus edge cases. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toNumberCPU, toNumberMemory } from '../../../src/definitions/index.js';
import { closest, editDistance } from '../../../src/definitions/suggest.js';
import { formatPath } from '../../../src/definitions/path.js';
import { positionMapper } from '../../../src/definitions/json-tree.js';

const cpu: Array<[string | number, string | undefined]> = [
  [256, '256'],
  ['256', '256'],
  ['0.25 vCPU', '256'],
  ['0.5vcpu', '512'],
  ['4 vcpu', '4096'],
  ['1 VCPU', '1024'],
  ['2  vCpu', '2048'],
  ['0.3 vCPU', '307'], // truncated like Go's int()
  ['vCPU', 'vCPU'], // no number before the unit: not a unit expression, unchanged
  ['x vCPU', undefined], // unreadable number: nil in ecspresso
  ['1024', '1024'],
];
for (const [input, want] of cpu) test(`toNumberCPU(${JSON.stringify(input)}) = ${want}`, () => assert.equal(toNumberCPU(input), want));

const memory: Array<[string | number, string | undefined]> = [
  [512, '512'],
  ['512', '512'],
  ['0.5 GB', '512'],
  ['4GB', '4096'],
  ['1 gb', '1024'],
  ['2.5 GB', '2560'],
  ['GB', 'GB'],
  ['lots GB', undefined],
  ['2048', '2048'],
];
for (const [input, want] of memory) test(`toNumberMemory(${JSON.stringify(input)}) = ${want}`, () => assert.equal(toNumberMemory(input), want));

test('editDistance', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
  assert.equal(editDistance('nmae', 'name'), 1); // adjacent swap
});

test('closest: likely typos only', () => {
  const members = ['portMappings', 'essential', 'environment', 'environmentFiles', 'image', 'name'];
  assert.equal(closest('portMapping', members), 'portMappings');
  assert.equal(closest('enviroment', members), 'environment');
  assert.equal(closest('IMAGE', members), 'image');
  assert.equal(closest('nmae', members), 'name');
  assert.equal(closest('healthCheck', members), undefined);
  assert.equal(closest('x', members), undefined);
});

test('formatPath', () => {
  assert.equal(formatPath([]), '');
  assert.equal(formatPath(['containerDefinitions', 0, 'portMappings', 1, 'containerPort']), 'containerDefinitions[0].portMappings[1].containerPort');
  assert.equal(formatPath(['dockerLabels', 'com.example.a', 'x']), 'dockerLabels["com.example.a"].x');
  assert.equal(formatPath(['options', 'awslogs-group']), 'options["awslogs-group"]');
});

test('positionMapper: 1-based line and column', () => {
  const pos = positionMapper('f', 'ab\ncd\n\nx');
  assert.deepEqual(pos(0), { file: 'f', line: 1, col: 1 });
  assert.deepEqual(pos(2), { file: 'f', line: 1, col: 3 });
  assert.deepEqual(pos(3), { file: 'f', line: 2, col: 1 });
  assert.deepEqual(pos(6), { file: 'f', line: 3, col: 1 });
  assert.deepEqual(pos(7), { file: 'f', line: 4, col: 1 });
});
