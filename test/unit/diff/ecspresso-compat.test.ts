/**
 * kayac/ecspresso diff_test.go expectations, ported: unit conversion through normalisation,
 * differently-ordered task definitions, a FARGATE service with and without explicit defaults,
 * the desiredCount rules, and "remote nil → only the --- header is a minus line".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '@aws-sdk/client-ecs';
import {
  canonicalJson,
  diffJson,
  normalizeServiceDefinition,
  normalizeServicePair,
  normalizeTaskDefinition,
} from '../../../src/diff/index.js';
import type { ServiceDefinition, TaskDefinitionInput } from '../../../src/definitions/types.js';

const minusLines = (s: string) => s.split('\n').filter((l) => l.startsWith('-')).length;

for (const [input, want] of [
  ['256', '256'],
  ['0.25 vCPU', '256'],
  ['0.5vcpu', '512'],
  ['4 vcpu', '4096'],
] as const) {
  test(`ToNumberCPU through normalisation: ${input} → ${want}`, () => {
    assert.equal(normalizeTaskDefinition({ family: 'f', containerDefinitions: [], cpu: input }).cpu, want);
  });
}
for (const [input, want] of [
  ['512', '512'],
  ['0.5 GB', '512'],
  ['4GB', '4096'],
] as const) {
  test(`ToNumberMemory through normalisation: ${input} → ${want}`, () => {
    assert.equal(normalizeTaskDefinition({ family: 'f', containerDefinitions: [], memory: input }).memory, want);
  });
}

const td1: TaskDefinitionInput = {
  family: 'app',
  cpu: '0.25 vCPU',
  memory: '1 GB',
  containerDefinitions: [
    {
      name: 'app',
      image: 'debian:buster',
      environment: [
        { name: 'TZ', value: 'UTC' },
        { name: 'LANG', value: 'en_US' },
      ],
    },
    { cpu: 0, name: 'web', image: 'nginx:latest' },
  ],
  proxyConfiguration: {
    containerName: 'envoy',
    properties: [
      { name: 'ProxyIngressPort', value: '15000' },
      { name: 'ProxyEgressPort', value: '15001' },
    ],
  },
  tags: [
    { key: 'AppVersion', value: 'v1' },
    { key: 'Environment', value: 'Dev' },
  ],
};

const td2: TaskDefinitionInput = {
  family: 'app',
  cpu: '256',
  memory: '1024',
  containerDefinitions: [
    { name: 'web', image: 'nginx:latest' },
    {
      name: 'app',
      image: 'debian:buster',
      environment: [
        { name: 'LANG', value: 'en_US' },
        { name: 'TZ', value: 'UTC' },
      ],
    },
  ],
  volumes: [],
  proxyConfiguration: {
    containerName: 'envoy',
    properties: [
      { name: 'ProxyEgressPort', value: '15001' },
      { name: 'ProxyIngressPort', value: '15000' },
    ],
  },
  tags: [
    { key: 'Environment', value: 'Dev' },
    { key: 'AppVersion', value: 'v1' },
  ],
};

test('TestTaskDefinitionDiffer: differently-ordered task definitions serialise identically', () => {
  assert.equal(canonicalJson(normalizeTaskDefinition(td1)), canonicalJson(normalizeTaskDefinition(td2)));
});

test('TestTaskDefinitionDiffer: normalisation does not mutate its argument', () => {
  const before = JSON.stringify(td1);
  normalizeTaskDefinition(td1);
  assert.equal(JSON.stringify(td1), before);
});

test('TestDiffTaskDefs: same task definitions give no diff', () => {
  const r = diffJson(normalizeTaskDefinition(td2), normalizeTaskDefinition(td1), { remoteName: 'remote', localName: 'file' });
  assert.equal(r.changed, false);
  assert.equal(r.unified, '');
  assert.deepEqual(r.changes, []);
});

test('TestDiffTaskDefs: remote nil → one minus line, the --- header', () => {
  const r = diffJson(undefined, normalizeTaskDefinition(td1), { remoteName: '', localName: 'file' });
  assert.equal(r.changed, true);
  assert.equal(minusLines(r.unified), 1);
  assert.ok(r.unified.startsWith('--- \n+++ file\n@@ -0,0 +1,'));
});

const sv1: ServiceDefinition = {
  launchType: 'FARGATE',
  networkConfiguration: {
    awsvpcConfiguration: { subnets: ['subnet-876543210', 'subnet-012345678'], securityGroups: ['sg-99999999', 'sg-11111111'] },
  },
  tags: [{ key: 'Environment', value: 'Dev' }],
};

const sv2: ServiceDefinition = {
  deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 },
  networkConfiguration: {
    awsvpcConfiguration: {
      subnets: ['subnet-012345678', 'subnet-876543210'],
      securityGroups: ['sg-11111111', 'sg-99999999'],
      assignPublicIp: 'DISABLED',
    },
  },
  launchType: 'FARGATE',
  platformVersion: 'LATEST',
  schedulingStrategy: 'REPLICA',
  tags: [{ key: 'Environment', value: 'Dev' }],
};

test('TestServiceDefinitionDiffer: unsorted, no defaults == sorted, explicit defaults', () => {
  assert.equal(canonicalJson(normalizeServiceDefinition(sv1)), canonicalJson(normalizeServiceDefinition(sv2)));
});

test('TestServiceDefinitionDiffer: also as a local/remote pair, with the remote read back', () => {
  const remote: Service = { ...(sv2 as Service), availabilityZoneRebalancing: 'ENABLED', serviceArn: 'arn:svc' };
  const { local, remote: r } = normalizeServicePair(sv1, remote);
  assert.equal(canonicalJson(local), canonicalJson(r));
});

const noDesired: ServiceDefinition = { launchType: 'FARGATE' };
const hasDesired: ServiceDefinition = { launchType: 'FARGATE', desiredCount: 2 };

test('TestDiffServices: local desiredCount nil → remote desiredCount ignored', () => {
  const p = normalizeServicePair(noDesired, hasDesired as Service);
  assert.equal(diffJson(p.remote, p.local, { remoteName: 'arn', localName: 'file' }).changed, false);
});

test('TestDiffServices: local desiredCount set → a missing remote desiredCount is a diff', () => {
  const p = normalizeServicePair(hasDesired, noDesired as Service);
  const r = diffJson(p.remote, p.local, { remoteName: 'arn', localName: 'file' });
  assert.equal(r.changed, true);
  assert.deepEqual(r.changes, [{ path: 'desiredCount', kind: 'added', after: 2 }]);
});

test('TestDiffServices: remote nil → one minus line, the --- header', () => {
  const p = normalizeServicePair(noDesired, undefined);
  assert.equal(p.remote, undefined);
  const r = diffJson(p.remote, p.local, { remoteName: '', localName: 'file' });
  assert.equal(r.changed, true);
  assert.equal(minusLines(r.unified), 1);
});
