// What init writes: an import that diffs clean (managed security group dropped), a quick start
// with every defaulted field set, and the IAM role names and trust policies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ECSExpressGatewayService } from '@aws-sdk/client-ecs';
import { normalizeExpressDefinition } from '../../../src/diff/index.js';
import { definitionFromService, quickStartDefinition, serviceNameFromImage } from '../../../src/express/import.js';
import { roleNames, trustPolicy, roleNameOf } from '../../../src/express/roles.js';

const live: ECSExpressGatewayService = {
  serviceArn: 'arn:aws:ecs:us-east-1:1:service/default/web',
  serviceName: 'web',
  cluster: 'arn:aws:ecs:us-east-1:1:cluster/default',
  infrastructureRoleArn: 'arn:aws:iam::1:role/infra',
  tags: [{ key: 'team', value: 'web' }, { key: 'aws:cloudformation:stack-name', value: 's' }],
  activeConfigurations: [
    {
      serviceRevisionArn: 'rev/1',
      executionRoleArn: 'arn:aws:iam::1:role/exec',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/default-web:3',
      cpu: '512',
      memory: '1024',
      healthCheckPath: '/health',
      networkConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-mine', 'sg-managed'] },
      primaryContainer: { image: 'app:1', containerPort: 8080, environment: [{ name: 'A', value: '1' }], command: [], secrets: [] },
      scalingTarget: { minTaskCount: 1, maxTaskCount: 4, autoScalingMetric: 'AVERAGE_CPU', autoScalingTargetValue: 60 },
      createdAt: new Date(0),
    },
  ],
};

test('definitionFromService: the current configuration, without the managed group, aws: tags or empty lists', () => {
  const def = definitionFromService(live, ['sg-managed']);
  assert.deepEqual(def, {
    infrastructureRoleArn: 'arn:aws:iam::1:role/infra',
    executionRoleArn: 'arn:aws:iam::1:role/exec',
    cpu: '512',
    memory: '1024',
    healthCheckPath: '/health',
    networkConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-mine'] },
    primaryContainer: { image: 'app:1', containerPort: 8080, environment: [{ name: 'A', value: '1' }] },
    scalingTarget: { minTaskCount: 1, maxTaskCount: 4, autoScalingMetric: 'AVERAGE_CPU', autoScalingTargetValue: 60 },
    tags: [{ key: 'team', value: 'web' }],
  });
  const pair = normalizeExpressDefinition(def, live, { managedSecurityGroupIds: ['sg-managed'], cluster: 'default', serviceName: 'web' });
  assert.deepEqual(pair.local, pair.remote, 'the import diffs clean');
});

test('definitionFromService keeps a bring-your-own task definition, and nothing it excludes', () => {
  const byo: ECSExpressGatewayService = { ...live, activeConfigurations: [{ ...live.activeConfigurations![0]!, primaryContainer: undefined }] };
  const def = definitionFromService(byo);
  assert.equal(def.taskDefinitionArn, 'arn:aws:ecs:us-east-1:1:task-definition/default-web:3');
  for (const k of ['primaryContainer', 'executionRoleArn', 'cpu', 'memory'] as const) assert.equal(def[k], undefined, k);
});

test('quickStartDefinition sets every defaulted field (the documented defaults disagree)', () => {
  const d = quickStartDefinition({ image: 'nginx:latest', port: 80, executionRoleArn: 'e', infrastructureRoleArn: 'i' });
  assert.equal(d.healthCheckPath, '/');
  assert.equal(d.cpu, '256');
  assert.equal(d.memory, '512');
  assert.deepEqual(d.primaryContainer, { image: 'nginx:latest', containerPort: 80 });
});

test('serviceNameFromImage', () => {
  assert.equal(serviceNameFromImage('nginx:latest'), 'nginx');
  assert.equal(serviceNameFromImage('public.ecr.aws/nginx/nginx:1.27'), 'nginx');
  assert.equal(serviceNameFromImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/My.App@sha256:abc'), 'my-app');
});

test('role names fit IAM\'s 64 characters; trust policies name the service principal', () => {
  assert.deepEqual(roleNames('web'), { execution: 'ecsx-web-execution', infrastructure: 'ecsx-web-infrastructure' });
  const long = roleNames('x'.repeat(200));
  assert.ok(long.execution.length <= 64 && long.infrastructure.length <= 64);
  assert.equal(JSON.parse(trustPolicy('ecs.amazonaws.com')).Statement[0].Principal.Service, 'ecs.amazonaws.com');
  assert.equal(roleNameOf('arn:aws:iam::1:role/path/to/name'), 'name');
});
