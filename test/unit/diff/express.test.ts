/**
 * normalizeExpressDefinition: read-back drift (managed security group, sorted env and secrets,
 * server defaults, cluster ARN, several active configurations) must not show as a diff; real
 * changes must.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ECSExpressGatewayService, ExpressGatewayServiceConfiguration } from '@aws-sdk/client-ecs';
import {
  canonicalJson,
  clusterName,
  currentExpressConfiguration,
  diffJson,
  managedSecurityGroupIds,
  normalizeExpressDefinition,
  type NormalizeExpressOptions,
} from '../../../src/diff/index.js';
import type { ExpressDefinition } from '../../../src/definitions/types.js';

const ACCOUNT = '123456789012';
const INFRA = `arn:aws:iam::${ACCOUNT}:role/ecsInfrastructureRoleForExpressServices`;
const EXEC = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`;
const MANAGED_SG = 'sg-0managed';
const SG_ARN = `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/${MANAGED_SG}`;

const local = (x: Partial<ExpressDefinition> = {}, container: object = {}): ExpressDefinition => ({
  infrastructureRoleArn: INFRA,
  executionRoleArn: EXEC,
  primaryContainer: { image: 'nginx:1.27', ...container },
  ...x,
});

/** A described service whose single active configuration is what ECS made of `local()`. */
const remote = (config: Partial<ExpressGatewayServiceConfiguration> = {}, container: object = {}, top: Partial<ECSExpressGatewayService> = {}): ECSExpressGatewayService => ({
  cluster: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/default`,
  serviceName: 'web',
  serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/default/web`,
  infrastructureRoleArn: INFRA,
  status: { statusCode: 'ACTIVE' },
  createdAt: new Date('2026-01-01T00:00:00Z'),
  activeConfigurations: [
    {
      serviceRevisionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service-revision/default/web/1`,
      executionRoleArn: EXEC,
      taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/default-web:1`,
      cpu: '1024',
      memory: '2048',
      healthCheckPath: '/',
      networkConfiguration: { subnets: ['subnet-b', 'subnet-a'], securityGroups: [MANAGED_SG] },
      primaryContainer: {
        image: 'nginx:1.27',
        containerPort: 80,
        awsLogsConfiguration: { logGroup: '/aws/ecs/default/web-1234', logStreamPrefix: 'ecs' },
        ...container,
      },
      scalingTarget: { minTaskCount: 1, maxTaskCount: 20, autoScalingMetric: 'AVERAGE_CPU', autoScalingTargetValue: 60 },
      ingressPaths: [{ accessType: 'PUBLIC', endpoint: 'we-0123.ecs.us-east-1.on.aws' }],
      createdAt: new Date('2026-01-01T00:00:00Z'),
      ...config,
    },
  ],
  ...top,
});

interface Case {
  name: string;
  local: ExpressDefinition;
  remote: ECSExpressGatewayService;
  opts?: NormalizeExpressOptions;
  equal: boolean;
}

const managed: NormalizeExpressOptions = { managedSecurityGroupIds: [MANAGED_SG] };

const cases: Case[] = [
  { name: 'a minimal definition == its read-back with every server default', local: local(), remote: remote(), equal: true },
  { name: 'a different image differs', local: local({}, { image: 'nginx:1.28' }), remote: remote(), equal: false },
  { name: 'a different execution role differs', local: local({ executionRoleArn: `${EXEC}2` }), remote: remote(), equal: false },
  // --- managed security group ---
  {
    name: 'the ECS-managed security group (ids given) is not compared',
    local: local({ networkConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-mine'] } }),
    remote: remote({ networkConfiguration: { subnets: ['subnet-b', 'subnet-a'], securityGroups: [MANAGED_SG, 'sg-mine'] } }),
    opts: managed,
    equal: true,
  },
  {
    name: 'the ECS-managed security group (from ecsManagedResources) is not compared',
    local: local({ networkConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-mine'] } }),
    remote: remote({ networkConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-mine', MANAGED_SG] } }),
    opts: { ecsManagedResources: { serviceSecurityGroups: [{ arn: SG_ARN, status: 'ACTIVE', updatedAt: new Date(0) }] } },
    equal: true,
  },
  {
    name: 'without the managed ids the extra security group shows',
    local: local({ networkConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-mine'] } }),
    remote: remote({ networkConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-mine', MANAGED_SG] } }),
    equal: false,
  },
  {
    name: 'a security group of the user missing remotely still differs',
    local: local({ networkConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-mine', 'sg-other'] } }),
    remote: remote({ networkConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-mine', MANAGED_SG] } }),
    opts: managed,
    equal: false,
  },
  {
    name: 'a managed group the local names itself stays compared',
    local: local({ networkConfiguration: { subnets: ['subnet-a'], securityGroups: [MANAGED_SG] } }),
    remote: remote({ networkConfiguration: { subnets: ['subnet-a'], securityGroups: [MANAGED_SG] } }),
    opts: managed,
    equal: true,
  },
  { name: 'a different subnet differs', local: local({ networkConfiguration: { subnets: ['subnet-a', 'subnet-c'] } }), remote: remote(), opts: managed, equal: false },
  // --- env and secrets ---
  {
    name: 'environment and secrets come back sorted',
    local: local({}, { environment: [{ name: 'Z', value: '1' }, { name: 'A', value: '2' }], secrets: [{ name: 'Y', valueFrom: SECRET }, { name: 'B', valueFrom: SECRET }] }),
    remote: remote({}, { environment: [{ name: 'A', value: '2' }, { name: 'Z', value: '1' }], secrets: [{ name: 'B', valueFrom: SECRET }, { name: 'Y', valueFrom: SECRET }] }),
    equal: true,
  },
  { name: 'an env value differs', local: local({}, { environment: [{ name: 'A', value: '1' }] }), remote: remote({}, { environment: [{ name: 'A', value: '2' }] }), equal: false },
  { name: 'remote env the local dropped differs (a deploy clears it)', local: local(), remote: remote({}, { environment: [{ name: 'A', value: '1' }] }), equal: false },
  { name: 'a remote command the local dropped differs', local: local(), remote: remote({}, { command: ['serve'] }), equal: false },
  // --- server defaults compared only where set ---
  { name: 'cpu set locally is compared', local: local({ cpu: '2048' }), remote: remote(), equal: false },
  { name: 'cpu "1 vCPU" == "1024"', local: local({ cpu: '1 vCPU', memory: '2 GB' }), remote: remote(), equal: true },
  { name: 'healthCheckPath set locally is compared', local: local({ healthCheckPath: '/health' }), remote: remote(), equal: false },
  { name: 'containerPort set locally is compared', local: local({}, { containerPort: 8080 }), remote: remote(), equal: false },
  { name: 'containerPort 80 set locally == the default', local: local({}, { containerPort: 80 }), remote: remote(), equal: true },
  {
    name: 'a partial scalingTarget is compared member by member',
    local: local({ scalingTarget: { minTaskCount: 1, maxTaskCount: 20 } }),
    remote: remote(),
    equal: true,
  },
  { name: 'a scalingTarget member that differs', local: local({ scalingTarget: { maxTaskCount: 4 } }), remote: remote(), equal: false },
  {
    name: 'awsLogsConfiguration set locally is compared (logGroup)',
    local: local({}, { awsLogsConfiguration: { logGroup: '/custom', logStreamPrefix: 'ecs' } }),
    remote: remote(),
    equal: false,
  },
  // --- identity ---
  { name: 'cluster name == cluster ARN', local: local(), remote: remote(), opts: { cluster: 'default', serviceName: 'web' }, equal: true },
  { name: 'another cluster differs', local: local(), remote: remote(), opts: { cluster: 'prod' }, equal: false },
  { name: 'infrastructure role is compared', local: local({ infrastructureRoleArn: `${INFRA}2` }), remote: remote(), equal: false },
  // --- tags ---
  {
    name: 'tags: order, ignore.tags and aws: keys',
    local: local({ tags: [{ key: 'b', value: '2' }, { key: 'a', value: '1' }] }),
    remote: remote({}, {}, { tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'Deployed', value: 'x' }, { key: 'aws:ecs:x', value: 'y' }] }),
    opts: { ignoreTags: ['Deployed'] },
    equal: true,
  },
  { name: 'a tag value differs', local: local({ tags: [{ key: 'a', value: '1' }] }), remote: remote({}, {}, { tags: [{ key: 'a', value: '2' }] }), equal: false },
  // --- several active configurations ---
  {
    name: 'the newest active configuration is the remote',
    local: local({}, { image: 'nginx:1.28' }),
    remote: remote({}, {}, {
      activeConfigurations: [
        { ...remote().activeConfigurations![0]!, primaryContainer: { image: 'nginx:1.28' }, createdAt: new Date('2026-02-01T00:00:00Z') },
        { ...remote().activeConfigurations![0]! },
      ],
    }),
    equal: true,
  },
];

for (const c of cases) {
  test(`express: ${c.name}`, () => {
    const p = normalizeExpressDefinition(c.local, c.remote, c.opts);
    if (c.equal) assert.equal(canonicalJson(p.remote), canonicalJson(p.local));
    else assert.notEqual(canonicalJson(p.remote), canonicalJson(p.local));
  });
}

test('express: remote not created yet → only the local side, every line added', () => {
  const p = normalizeExpressDefinition(local(), undefined, { cluster: 'default' });
  assert.equal(p.remote, undefined);
  assert.equal(p.local.cluster, 'default');
  const d = diffJson(p.remote, p.local, { remoteName: '', localName: 'ecs-express-def.json' });
  assert.equal(d.unified.split('\n').filter((l) => l.startsWith('-')).length, 1);
});

test('express: secrets are never expanded', () => {
  const p = normalizeExpressDefinition(local({}, { secrets: [{ name: 'DB', valueFrom: SECRET }] }), undefined);
  assert.deepEqual((p.local.primaryContainer as { secrets: unknown }).secrets, [{ name: 'DB', valueFrom: SECRET }]);
});

test('express: a changed image is the only change against a read-back full of defaults', () => {
  const p = normalizeExpressDefinition(local({ networkConfiguration: { subnets: ['subnet-a', 'subnet-b'] } }, { image: 'nginx:1.28' }), remote(), managed);
  const d = diffJson(p.remote, p.local, { remoteName: 'web', localName: 'ecs-express-def.json' });
  assert.deepEqual(d.changes, [{ path: 'primaryContainer.image', kind: 'changed', before: 'nginx:1.27', after: 'nginx:1.28' }]);
});

test('express: normalisation does not mutate its arguments', () => {
  const l = local({}, { environment: [{ name: 'Z', value: '1' }, { name: 'A', value: '2' }] });
  const r = remote({ networkConfiguration: { subnets: ['subnet-b', 'subnet-a'], securityGroups: [MANAGED_SG] } });
  const [ls, rs] = [JSON.stringify(l), JSON.stringify(r)];
  normalizeExpressDefinition(l, r, managed);
  assert.equal(JSON.stringify(l), ls);
  assert.equal(JSON.stringify(r), rs);
});

test('express helpers: currentExpressConfiguration, managedSecurityGroupIds, clusterName', () => {
  const older = { cpu: '256', createdAt: new Date(1) };
  const newer = { cpu: '512', createdAt: new Date(2) };
  assert.equal(currentExpressConfiguration({ activeConfigurations: [older, newer] })?.cpu, '512');
  assert.equal(currentExpressConfiguration({ activeConfigurations: [newer, older] })?.cpu, '512');
  assert.equal(currentExpressConfiguration({ activeConfigurations: [{ cpu: '1' }, { cpu: '2' }] })?.cpu, '1');
  assert.equal(currentExpressConfiguration({}), undefined);
  assert.deepEqual(managedSecurityGroupIds({ serviceSecurityGroups: [{ arn: SG_ARN, status: 'ACTIVE', updatedAt: new Date(0) }, { status: 'PROVISIONING', updatedAt: new Date(0) }] }), [MANAGED_SG]);
  assert.deepEqual(managedSecurityGroupIds(undefined), []);
  assert.equal(clusterName(`arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/prod`), 'prod');
  assert.equal(clusterName(`arn:aws-cn:ecs:cn-north-1:${ACCOUNT}:cluster/prod`), 'prod');
  assert.equal(clusterName('prod'), 'prod');
});
