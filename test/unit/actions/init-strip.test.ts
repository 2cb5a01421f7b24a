// init: what a described service / task definition becomes in the files it writes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { serviceDefinitionOf, sortTaskDefinition, taskDefinitionOf, toDefinitionJson, userTags } from '../../../src/actions/init/strip.js';
import { configLocation, configText, definitionLocation, jsonnetPath } from '../../../src/actions/init/files.js';
import { normalizeServicePair, normalizeTaskDefinition, diffJson } from '../../../src/diff/index.js';
import { parseServiceDefinition, parseTaskDefinition } from '../../../src/definitions/index.js';

const described: Service = {
  serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/default/web',
  serviceName: 'web',
  clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/default',
  status: 'ACTIVE',
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  launchType: 'FARGATE',
  platformVersion: 'LATEST',
  platformFamily: 'Linux',
  taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
  deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100, alarms: { alarmNames: [], enable: false, rollback: false } },
  deployments: [
    {
      id: 'ecs-svc/1',
      status: 'PRIMARY',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
      serviceConnectConfiguration: { enabled: true, namespace: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1' },
      createdAt: new Date(0),
    },
  ],
  roleArn: 'arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
  events: [{ id: '1', createdAt: new Date(0), message: 'm' }],
  createdAt: new Date(0),
  placementConstraints: [],
  placementStrategy: [],
  loadBalancers: [],
  serviceRegistries: [],
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-b', 'subnet-a'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' } },
  schedulingStrategy: 'REPLICA',
  deploymentController: { type: 'ECS' },
  tags: [{ key: 'aws:cloudformation:stack-name', value: 'x' }, { key: 'team', value: 'web' }],
  createdBy: 'arn:aws:iam::123456789012:root',
  enableECSManagedTags: false,
  enableExecuteCommand: false,
  availabilityZoneRebalancing: 'ENABLED',
  resourceManagementType: 'CUSTOMER',
};

const td: TaskDefinition = {
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
  family: 'web',
  revision: 3,
  status: 'ACTIVE',
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  requiresCompatibilities: ['FARGATE'],
  compatibilities: ['EC2', 'FARGATE'],
  requiresAttributes: [{ name: 'ecs.capability.task-eni' }],
  registeredAt: new Date(0),
  registeredBy: 'arn:aws:iam::123456789012:root',
  volumes: [],
  placementConstraints: [],
  containerDefinitions: [
    { name: 'web', image: 'nginx', cpu: 0, essential: true, environment: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }], mountPoints: [], volumesFrom: [], portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }] },
    { name: 'agent', image: 'datadog', cpu: 0, essential: false, environment: [], mountPoints: [], volumesFrom: [] },
  ],
};

describe('serviceDefinitionOf', () => {
  const sv = serviceDefinitionOf(described);
  it('keeps only CreateService fields, drops read-only ones, nulls and empty lists', () => {
    for (const k of ['serviceArn', 'serviceName', 'clusterArn', 'status', 'runningCount', 'pendingCount', 'taskDefinition', 'deployments', 'events', 'createdAt', 'createdBy', 'roleArn', 'platformFamily', 'resourceManagementType', 'loadBalancers', 'placementConstraints']) {
      assert.ok(!(k in sv), k);
    }
    assert.equal(sv.desiredCount, 2);
    assert.deepEqual(Object.keys(sv), [...Object.keys(sv)].sort());
  });
  it('lifts Service Connect from the PRIMARY deployment, drops reserved tags and switched-off alarms', () => {
    assert.deepEqual(sv.serviceConnectConfiguration, { enabled: true, namespace: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1' });
    assert.deepEqual(sv.tags, [{ key: 'team', value: 'web' }]);
    assert.equal((sv.deploymentConfiguration as any).alarms, undefined);
    assert.equal(sv.propagateTags, 'NONE');
  });
  it('keeps alarms that are on, with their required (possibly empty) list', () => {
    const on = serviceDefinitionOf({ ...described, deploymentConfiguration: { alarms: { alarmNames: [], enable: true, rollback: true } } });
    assert.deepEqual((on.deploymentConfiguration as any).alarms, { alarmNames: [], enable: true, rollback: true });
  });
  it('parses back as a service definition and diffs clean against the described service', () => {
    const warnings: string[] = [];
    const local = parseServiceDefinition({ file: 'sv.json', text: JSON.stringify(sv) }, { warn: (m) => warnings.push(m) });
    assert.deepEqual(warnings, []);
    const pair = normalizeServicePair({ ...local, serviceName: 'web' }, described);
    const d = diffJson(pair.remote, pair.local, { remoteName: 'remote', localName: 'local' });
    assert.equal(d.changed, false, d.unified);
  });
});

describe('taskDefinitionOf', () => {
  it('keeps RegisterTaskDefinition fields and user tags; parses back and diffs clean', () => {
    const out = taskDefinitionOf(td, [{ key: 'aws:x', value: '1' }, { key: 'team', value: 'web' }]);
    for (const k of ['taskDefinitionArn', 'revision', 'status', 'compatibilities', 'requiresAttributes', 'registeredAt', 'registeredBy', 'volumes']) assert.ok(!(k in out), k);
    assert.deepEqual(out.tags, [{ key: 'team', value: 'web' }]);
    const warnings: string[] = [];
    const local = parseTaskDefinition({ file: 'td.json', text: JSON.stringify(out) }, { warn: (m) => warnings.push(m) });
    assert.deepEqual(warnings, []);
    const d = diffJson(normalizeTaskDefinition(td, { tags: [{ key: 'team', value: 'web' }] }), normalizeTaskDefinition(local), { remoteName: 'r', localName: 'l' });
    assert.equal(d.changed, false, d.unified);
  });
  it('--sort orders containers and their environment; without it the order is kept', () => {
    const plain = taskDefinitionOf(td, undefined) as any;
    assert.deepEqual(plain.containerDefinitions.map((c: any) => c.name), ['web', 'agent']);
    const sorted = sortTaskDefinition(plain) as any;
    assert.deepEqual(sorted.containerDefinitions.map((c: any) => c.name), ['agent', 'web']);
    assert.deepEqual(sorted.containerDefinitions[1].environment.map((e: any) => e.name), ['A', 'B']);
    assert.deepEqual(plain.containerDefinitions[0].environment.map((e: any) => e.name), ['B', 'A'], 'input not mutated');
  });
});

describe('helpers', () => {
  it('toDefinitionJson', () => {
    assert.deepEqual(toDefinitionJson({ b: [], a: null, c: { z: 1, y: [null] }, d: new Date(0), e: 0, f: false }), { c: { z: 1 }, d: '1970-01-01T00:00:00.000Z', e: 0, f: false });
  });
  it('userTags', () => {
    assert.equal(userTags([{ key: 'AWS:x', value: '1' }]), undefined);
    assert.equal(userTags(undefined), undefined);
  });
  it('paths', () => {
    assert.equal(jsonnetPath('ecs-task-def.json'), 'ecs-task-def.jsonnet');
    assert.equal(jsonnetPath('ecsx.yml'), 'ecsx.jsonnet');
    assert.equal(jsonnetPath('x.jsonnet'), 'x.jsonnet');
    assert.equal(configLocation('/w', undefined, false), '/w/ecsx.yml');
    assert.equal(configLocation('/w', 'deploy/app.yaml', true), '/w/deploy/app.jsonnet');
    assert.equal(definitionLocation('/w/deploy/app.yml', 'td.json'), '/w/deploy/td.json');
    assert.equal(definitionLocation('/w/deploy/app.yml', '/abs/td.json'), '/abs/td.json');
  });
  it('config text in YAML or Jsonnet', () => {
    const c = { region: 'r', cluster: 'c', service: undefined, task_definition: 'td.json', timeout: '10m' };
    assert.equal(configText('/w/ecsx.yml', c), 'region: r\ncluster: c\ntask_definition: td.json\ntimeout: 10m\n');
    assert.match(configText('/w/ecsx.jsonnet', c), /^\{\n\s+region: 'r',/);
  });
});
