/**
 * normalizeTaskDefinition: every rule both ways — a pair that must compare equal, and a pair
 * that must still differ.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerDefinition, TaskDefinition } from '@aws-sdk/client-ecs';
import { canonicalJson, normalizeTaskDefinition, type NormalizeTaskDefinitionOptions } from '../../../src/diff/index.js';
import type { TaskDefinitionInput } from '../../../src/definitions/types.js';

type TD = TaskDefinitionInput | TaskDefinition;
interface Case {
  name: string;
  a: TD;
  b: TD;
  equal: boolean;
  optsA?: NormalizeTaskDefinitionOptions;
  optsB?: NormalizeTaskDefinitionOptions;
}

/** A task definition with one container `app`, the container and task fields overridden. */
const td = (c: Partial<ContainerDefinition> = {}, t: Partial<TD> = {}): TD => ({
  family: 'app',
  containerDefinitions: [{ name: 'app', image: 'nginx:1.27', ...c }],
  ...t,
});
const awsvpc = { networkMode: 'awsvpc' } as const;
const SECRET_A = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:a-AbCdEf';
const SECRET_B = 'arn:aws:ssm:us-east-1:123456789012:parameter/b';

const cases: Case[] = [
  // --- remote reduced to registerable fields ---
  {
    name: 'DescribeTaskDefinition server fields are stripped',
    a: td(),
    b: {
      ...td(),
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/app:7',
      revision: 7,
      status: 'ACTIVE',
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }],
      compatibilities: ['EC2'],
      registeredAt: new Date('2026-01-01T00:00:00Z'),
      registeredBy: 'arn:aws:iam::123456789012:user/me',
      deregisteredAt: new Date('2026-01-02T00:00:00Z'),
    } as TaskDefinition,
    equal: true,
  },
  { name: 'a different family still differs', a: td(), b: td({}, { family: 'other' }), equal: false },
  // --- task cpu / memory units ---
  { name: 'cpu "1 vCPU" == "1024"', a: td({}, { cpu: '1 vCPU' }), b: td({}, { cpu: '1024' }), equal: true },
  { name: 'cpu "1 vCPU" != "512"', a: td({}, { cpu: '1 vCPU' }), b: td({}, { cpu: '512' }), equal: false },
  { name: 'memory "2GB" == "2048"', a: td({}, { memory: '2GB' }), b: td({}, { memory: '2048' }), equal: true },
  { name: 'memory "2GB" != "1024"', a: td({}, { memory: '2GB' }), b: td({}, { memory: '1024' }), equal: false },
  // --- container defaults ---
  { name: 'container cpu 0 == missing', a: td(), b: td({ cpu: 0 }), equal: true },
  { name: 'container cpu 10 != missing', a: td(), b: td({ cpu: 10 }), equal: false },
  { name: 'essential true == missing', a: td(), b: td({ essential: true }), equal: true },
  { name: 'essential false != missing', a: td(), b: td({ essential: false }), equal: false },
  { name: 'protocol tcp == missing', a: td({ portMappings: [{ containerPort: 80 }] }), b: td({ portMappings: [{ containerPort: 80, protocol: 'tcp' }] }), equal: true },
  { name: 'protocol udp != missing', a: td({ portMappings: [{ containerPort: 80 }] }), b: td({ portMappings: [{ containerPort: 80, protocol: 'udp' }] }), equal: false },
  {
    name: 'awsvpc: missing hostPort == containerPort',
    a: td({ portMappings: [{ containerPort: 80 }] }, awsvpc),
    b: td({ portMappings: [{ containerPort: 80, hostPort: 80 }] }, awsvpc),
    equal: true,
  },
  {
    name: 'host mode: missing hostPort == containerPort',
    a: td({ portMappings: [{ containerPort: 80 }] }, { networkMode: 'host' }),
    b: td({ portMappings: [{ containerPort: 80, hostPort: 80 }] }, { networkMode: 'host' }),
    equal: true,
  },
  {
    name: 'bridge: missing hostPort (dynamic) != hostPort 80',
    a: td({ portMappings: [{ containerPort: 80 }] }),
    b: td({ portMappings: [{ containerPort: 80, hostPort: 80 }] }),
    equal: false,
  },
  {
    name: 'bridge: hostPort 0 == missing (both dynamic)',
    a: td({ portMappings: [{ containerPort: 80 }] }, { networkMode: 'bridge' }),
    b: td({ portMappings: [{ containerPort: 80, hostPort: 0 }] }),
    equal: true,
  },
  {
    name: 'healthCheck timing defaults == missing',
    a: td({ healthCheck: { command: ['CMD', 'true'] } }),
    b: td({ healthCheck: { command: ['CMD', 'true'], interval: 30, timeout: 5, retries: 3, startPeriod: 0 } }),
    equal: true,
  },
  {
    name: 'healthCheck interval 10 != missing',
    a: td({ healthCheck: { command: ['CMD', 'true'] } }),
    b: td({ healthCheck: { command: ['CMD', 'true'], interval: 10 } }),
    equal: false,
  },
  // --- per-container sorting ---
  {
    name: 'environment order does not matter',
    a: td({ environment: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] }),
    b: td({ environment: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }),
    equal: true,
  },
  {
    name: 'an environment value still differs',
    a: td({ environment: [{ name: 'A', value: '1' }] }),
    b: td({ environment: [{ name: 'A', value: '2' }] }),
    equal: false,
  },
  {
    name: 'secrets order does not matter',
    a: td({ secrets: [{ name: 'B', valueFrom: SECRET_B }, { name: 'A', valueFrom: SECRET_A }] }),
    b: td({ secrets: [{ name: 'A', valueFrom: SECRET_A }, { name: 'B', valueFrom: SECRET_B }] }),
    equal: true,
  },
  {
    name: 'a secret valueFrom still differs',
    a: td({ secrets: [{ name: 'A', valueFrom: SECRET_A }] }),
    b: td({ secrets: [{ name: 'A', valueFrom: SECRET_B }] }),
    equal: false,
  },
  {
    name: 'mountPoints order does not matter',
    a: td({ mountPoints: [{ sourceVolume: 'b', containerPath: '/b' }, { sourceVolume: 'a', containerPath: '/a' }] }),
    b: td({ mountPoints: [{ containerPath: '/a', sourceVolume: 'a' }, { sourceVolume: 'b', containerPath: '/b' }] }),
    equal: true,
  },
  {
    name: 'a mountPoint readOnly still differs',
    a: td({ mountPoints: [{ sourceVolume: 'a', containerPath: '/a' }] }),
    b: td({ mountPoints: [{ sourceVolume: 'a', containerPath: '/a', readOnly: true }] }),
    equal: false,
  },
  {
    name: 'portMappings order does not matter (after defaults are applied)',
    a: td({ portMappings: [{ containerPort: 443 }, { containerPort: 80, protocol: 'tcp' }] }, awsvpc),
    b: td({ portMappings: [{ containerPort: 80, hostPort: 80 }, { containerPort: 443, hostPort: 443, protocol: 'tcp' }] }, awsvpc),
    equal: true,
  },
  {
    name: 'volumesFrom order does not matter',
    a: td({ volumesFrom: [{ sourceContainer: 'b' }, { sourceContainer: 'a', readOnly: true }] }),
    b: td({ volumesFrom: [{ sourceContainer: 'a', readOnly: true }, { sourceContainer: 'b' }] }),
    equal: true,
  },
  {
    name: 'logConfiguration.secretOptions order does not matter',
    a: td({ logConfiguration: { logDriver: 'awsfirelens', secretOptions: [{ name: 'b', valueFrom: SECRET_B }, { name: 'a', valueFrom: SECRET_A }] } }),
    b: td({ logConfiguration: { logDriver: 'awsfirelens', secretOptions: [{ name: 'a', valueFrom: SECRET_A }, { name: 'b', valueFrom: SECRET_B }] } }),
    equal: true,
  },
  // --- task-level sorting ---
  {
    name: 'container order does not matter',
    a: { family: 'app', containerDefinitions: [{ name: 'b', image: 'x' }, { name: 'a', image: 'y' }] },
    b: { family: 'app', containerDefinitions: [{ name: 'a', image: 'y' }, { name: 'b', image: 'x' }] },
    equal: true,
  },
  {
    name: 'a container image still differs',
    a: { family: 'app', containerDefinitions: [{ name: 'a', image: 'y:1' }] },
    b: { family: 'app', containerDefinitions: [{ name: 'a', image: 'y:2' }] },
    equal: false,
  },
  {
    name: 'placementConstraints order does not matter',
    a: td({}, { placementConstraints: [{ type: 'memberOf', expression: 'b' }, { type: 'memberOf', expression: 'a' }] }),
    b: td({}, { placementConstraints: [{ type: 'memberOf', expression: 'a' }, { type: 'memberOf', expression: 'b' }] }),
    equal: true,
  },
  { name: 'requiresCompatibilities order does not matter', a: td({}, { requiresCompatibilities: ['FARGATE', 'EC2'] }), b: td({}, { requiresCompatibilities: ['EC2', 'FARGATE'] }), equal: true },
  { name: 'requiresCompatibilities EC2 != FARGATE', a: td({}, { requiresCompatibilities: ['EC2'] }), b: td({}, { requiresCompatibilities: ['FARGATE'] }), equal: false },
  { name: 'volumes order does not matter', a: td({}, { volumes: [{ name: 'b' }, { name: 'a' }] }), b: td({}, { volumes: [{ name: 'a' }, { name: 'b' }] }), equal: true },
  { name: 'volumes[].host {} == missing (bind mount)', a: td({}, { volumes: [{ name: 'a' }] }), b: td({}, { volumes: [{ name: 'a', host: {} }] }), equal: true },
  {
    name: 'volumes[].dockerVolumeConfiguration {} != missing (docker volume vs bind mount)',
    a: td({}, { volumes: [{ name: 'a' }] }),
    b: td({}, { volumes: [{ name: 'a', dockerVolumeConfiguration: {} }] }),
    equal: false,
  },
  {
    name: 'proxyConfiguration.properties order does not matter',
    a: td({}, { proxyConfiguration: { containerName: 'envoy', properties: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] } }),
    b: td({}, { proxyConfiguration: { containerName: 'envoy', properties: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] } }),
    equal: true,
  },
  // --- tags ---
  { name: 'tag order does not matter', a: td({}, { tags: [{ key: 'b', value: '2' }, { key: 'a', value: '1' }] }), b: td({}, { tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }), equal: true },
  { name: 'a tag value still differs', a: td({}, { tags: [{ key: 'a', value: '1' }] }), b: td({}, { tags: [{ key: 'a', value: '2' }] }), equal: false },
  {
    name: 'ignore.tags keys are not compared',
    a: td({}, { tags: [{ key: 'a', value: '1' }] }),
    b: td({}, { tags: [{ key: 'a', value: '1' }, { key: 'Deployed', value: 'now' }] }),
    optsB: { ignoreTags: ['Deployed'] },
    equal: true,
  },
  { name: 'ignore.tags is case-sensitive', a: td(), b: td({}, { tags: [{ key: 'deployed', value: 'now' }] }), optsB: { ignoreTags: ['Deployed'] }, equal: false },
  { name: 'aws: tags (added by AWS) are not compared', a: td(), b: td({}, { tags: [{ key: 'aws:cloudformation:stack-name', value: 's' }] }), equal: true },
  { name: 'remote tags given next to the definition', a: td({}, { tags: [{ key: 'a', value: '1' }] }), b: td(), optsB: { tags: [{ key: 'a', value: '1' }] }, equal: true },
  { name: 'remote tags given next to the definition still differ', a: td({}, { tags: [{ key: 'a', value: '1' }] }), b: td(), optsB: { tags: [] }, equal: false },
  // --- nulls and empties ---
  {
    name: 'empty arrays and objects == missing',
    a: td(),
    b: td({ environment: [], mountPoints: [], volumesFrom: [], secrets: [], dockerLabels: {}, systemControls: [] }, { volumes: [], placementConstraints: [] }),
    equal: true,
  },
  { name: 'null == missing', a: td(), b: td({ user: null } as unknown as ContainerDefinition), equal: true },
  { name: 'an empty string is a value', a: td({ environment: [{ name: 'A', value: '' }] }), b: td({ environment: [{ name: 'A' }] }), equal: false },
  // --- task-level defaults ---
  { name: 'networkMode bridge == missing', a: td(), b: td({}, { networkMode: 'bridge' }), equal: true },
  { name: 'networkMode awsvpc != missing', a: td(), b: td({}, awsvpc), equal: false },
  { name: 'enableFaultInjection false == missing', a: td(), b: td({}, { enableFaultInjection: false }), equal: true },
  { name: 'enableFaultInjection true != missing', a: td(), b: td({}, { enableFaultInjection: true }), equal: false },
];

for (const c of cases) {
  test(`task definition: ${c.name}`, () => {
    const a = canonicalJson(normalizeTaskDefinition(c.a, c.optsA));
    const b = canonicalJson(normalizeTaskDefinition(c.b, c.optsB));
    if (c.equal) assert.equal(a, b);
    else assert.notEqual(a, b);
  });
}

test('task definition: secrets are never expanded (valueFrom stays the ARN)', () => {
  const n = normalizeTaskDefinition(td({ secrets: [{ name: 'A', valueFrom: SECRET_A }] }));
  assert.deepEqual((n.containerDefinitions as { secrets: unknown }[])[0]!.secrets, [{ name: 'A', valueFrom: SECRET_A }]);
});

test('task definition: an unreadable vCPU expression is kept as written', () => {
  assert.equal(normalizeTaskDefinition(td({}, { cpu: 'x vCPU' })).cpu, 'x vCPU');
});

test('task definition: the canonical form of a described definition', () => {
  const described = {
    family: 'web',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
    revision: 3,
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      { name: 'web', image: 'nginx', cpu: 0, essential: true, portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }], environment: [], mountPoints: [], volumesFrom: [] },
    ],
    volumes: [],
    status: 'ACTIVE',
    compatibilities: ['EC2', 'FARGATE'],
    requiresCompatibilities: ['FARGATE'],
  } as TaskDefinition;
  assert.deepEqual(normalizeTaskDefinition(described), {
    family: 'web',
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'web', image: 'nginx', portMappings: [{ containerPort: 80, hostPort: 80 }] }],
    requiresCompatibilities: ['FARGATE'],
  });
});
