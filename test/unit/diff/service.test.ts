/**
 * normalizeServicePair / normalizeServiceDefinition: every rule both ways — a local definition
 * and a described service that must compare equal, and a pair that must still differ.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '@aws-sdk/client-ecs';
import {
  canonicalJson,
  normalizeServiceDefinition,
  normalizeServicePair,
  type NormalizeServicePairOptions,
} from '../../../src/diff/index.js';
import type { ServiceDefinition } from '../../../src/definitions/types.js';

interface Case {
  name: string;
  local: ServiceDefinition;
  remote: Partial<Service>;
  equal: boolean;
  opts?: NormalizeServicePairOptions;
}

const fargate: ServiceDefinition = { launchType: 'FARGATE' };
const sv = (x: ServiceDefinition = {}): ServiceDefinition => ({ ...fargate, ...x });
const rs = (x: Partial<Service> = {}): Partial<Service> => ({ launchType: 'FARGATE', platformVersion: 'LATEST', ...x });
const vpc = (subnets: string[], securityGroups?: string[], assignPublicIp?: 'ENABLED' | 'DISABLED') => ({
  networkConfiguration: { awsvpcConfiguration: { subnets, securityGroups, assignPublicIp } },
});
/** What DescribeServices returns for a rolling service created without a deploymentConfiguration. */
const describedRolling = {
  deploymentCircuitBreaker: { enable: false, rollback: false, resetOnHealthyTask: true, thresholdConfiguration: { type: 'BOUNDED_PERCENT' as const, value: 50 } },
  maximumPercent: 200,
  minimumHealthyPercent: 100,
  alarms: { alarmNames: [], enable: false, rollback: false },
  strategy: 'ROLLING' as const,
  bakeTimeInMinutes: 0,
};
const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup';
const NS_ARN = 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc';
const primary = (x: object) => ({ deployments: [{ status: 'ACTIVE', serviceConnectConfiguration: { enabled: false } }, { status: 'PRIMARY', ...x }] });

const cases: Case[] = [
  // --- only UpdateService fields and tags ---
  {
    name: 'server state (ARNs, counts, events, deployments, taskDefinition) is not compared',
    local: sv(),
    remote: rs({
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/c/s',
      serviceName: 's',
      status: 'ACTIVE',
      runningCount: 2,
      pendingCount: 0,
      taskDefinition: 'arn:td:1',
      events: [{ id: '1', message: 'has reached a steady state.', createdAt: new Date(0) }],
      createdAt: new Date(0),
      deploymentConfiguration: describedRolling,
      deployments: [{ status: 'PRIMARY', id: 'ecs-svc/1' }],
    }),
    equal: true,
  },
  // --- desiredCount ---
  { name: 'desiredCount omitted locally is not compared', local: sv(), remote: rs({ desiredCount: 3 }), equal: true },
  { name: 'desiredCount 2 != 3', local: sv({ desiredCount: 2 }), remote: rs({ desiredCount: 3 }), equal: false },
  // --- availabilityZoneRebalancing ---
  { name: 'AZ rebalancing omitted locally == remote ENABLED (CreateService default)', local: sv(), remote: rs({ availabilityZoneRebalancing: 'ENABLED' }), equal: true },
  { name: 'AZ rebalancing DISABLED != remote ENABLED', local: sv({ availabilityZoneRebalancing: 'DISABLED' }), remote: rs({ availabilityZoneRebalancing: 'ENABLED' }), equal: false },
  { name: 'AZ rebalancing DISABLED == remote never set', local: sv({ availabilityZoneRebalancing: 'DISABLED' }), remote: rs(), equal: true },
  { name: 'AZ rebalancing ENABLED != remote never set', local: sv({ availabilityZoneRebalancing: 'ENABLED' }), remote: rs(), equal: false },
  // --- platformVersion ---
  { name: 'FARGATE without platformVersion == LATEST', local: sv(), remote: rs({ platformVersion: 'LATEST' }), equal: true },
  { name: 'FARGATE without platformVersion != 1.4.0', local: sv(), remote: rs({ platformVersion: '1.4.0' }), equal: false },
  {
    name: 'FARGATE_SPOT capacity provider without platformVersion == LATEST',
    local: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] },
    remote: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }], platformVersion: 'LATEST' },
    equal: true,
  },
  // --- capacityProviderStrategy ---
  {
    name: "no launchType or strategy == the cluster's default strategy (and its LATEST)",
    local: {},
    remote: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }], platformVersion: 'LATEST' },
    equal: true,
  },
  {
    name: 'a different strategy still differs',
    local: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] },
    remote: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }], platformVersion: 'LATEST' },
    equal: false,
  },
  {
    name: 'strategy base / weight 0 == missing',
    local: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] },
    remote: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 0, base: 0 }], platformVersion: 'LATEST' },
    equal: true,
  },
  // --- deploymentConfiguration ---
  { name: 'no deploymentConfiguration == the described rolling defaults', local: sv(), remote: rs({ deploymentConfiguration: describedRolling }), equal: true },
  {
    name: 'minimumHealthyPercent 50 != the default 100',
    local: sv({ deploymentConfiguration: { minimumHealthyPercent: 50 } }),
    remote: rs({ deploymentConfiguration: describedRolling }),
    equal: false,
  },
  {
    name: 'a partial deploymentConfiguration == the described one with the rest defaulted (#894, #1082)',
    local: sv({ deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } }),
    remote: rs({ deploymentConfiguration: { ...describedRolling, deploymentCircuitBreaker: { ...describedRolling.deploymentCircuitBreaker, enable: true, rollback: true } } }),
    equal: true,
  },
  {
    name: 'circuit breaker on != off',
    local: sv({ deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } }),
    remote: rs({ deploymentConfiguration: describedRolling }),
    equal: false,
  },
  {
    name: 'configured alarms still differ from none',
    local: sv(),
    remote: rs({ deploymentConfiguration: { ...describedRolling, alarms: { alarmNames: ['a'], enable: true, rollback: true } } }),
    equal: false,
  },
  {
    name: 'earlySuccessCriteria defaults == missing members',
    local: sv({ deploymentConfiguration: { earlySuccessCriteria: { enable: true } } }),
    remote: rs({ deploymentConfiguration: { ...describedRolling, earlySuccessCriteria: { enable: true, healthyPercent: 100, sourceServiceRevisionCleanup: 'BLOCKING' } } }),
    equal: true,
  },
  {
    name: 'lifecycle hook defaults == missing members',
    local: sv({ deploymentConfiguration: { strategy: 'BLUE_GREEN', lifecycleHooks: [{ hookTargetArn: 'arn:fn', roleArn: 'arn:role', lifecycleStages: ['POST_SCALE_UP'] }] } }),
    remote: rs({
      deploymentConfiguration: {
        ...describedRolling,
        strategy: 'BLUE_GREEN',
        lifecycleHooks: [{ hookTargetArn: 'arn:fn', roleArn: 'arn:role', lifecycleStages: ['POST_SCALE_UP'], targetType: 'AWS_LAMBDA', timeoutConfiguration: { action: 'ROLLBACK', timeoutInMinutes: 1440 } }],
      },
    }),
    equal: true,
  },
  {
    name: 'DAEMON without deploymentConfiguration == 100 / 0',
    local: { schedulingStrategy: 'DAEMON' },
    remote: { schedulingStrategy: 'DAEMON', deploymentConfiguration: { maximumPercent: 100, minimumHealthyPercent: 0 } },
    equal: true,
  },
  {
    name: 'DAEMON: placementStrategy is not compared',
    local: { schedulingStrategy: 'DAEMON' },
    remote: { schedulingStrategy: 'DAEMON', deploymentConfiguration: { maximumPercent: 100, minimumHealthyPercent: 0 }, placementStrategy: [{ type: 'spread', field: 'instanceId' }] },
    equal: true,
  },
  // --- network configuration ---
  { name: 'assignPublicIp DISABLED == missing', local: sv(vpc(['s-1'])), remote: rs(vpc(['s-1'], undefined, 'DISABLED')), equal: true },
  { name: 'assignPublicIp ENABLED != missing', local: sv(vpc(['s-1'])), remote: rs(vpc(['s-1'], undefined, 'ENABLED')), equal: false },
  { name: 'subnet and security group order does not matter', local: sv(vpc(['s-2', 's-1'], ['sg-2', 'sg-1'])), remote: rs(vpc(['s-1', 's-2'], ['sg-1', 'sg-2'])), equal: true },
  { name: 'a different subnet still differs', local: sv(vpc(['s-1', 's-3'])), remote: rs(vpc(['s-1', 's-2'])), equal: false },
  // --- sorted lists ---
  {
    name: 'placementConstraints and placementStrategy order does not matter',
    local: { launchType: 'EC2', placementConstraints: [{ type: 'memberOf', expression: 'b' }, { type: 'distinctInstance' }], placementStrategy: [{ type: 'spread', field: 'b' }, { type: 'binpack', field: 'memory' }] },
    remote: { launchType: 'EC2', placementConstraints: [{ type: 'distinctInstance' }, { type: 'memberOf', expression: 'b' }], placementStrategy: [{ type: 'binpack', field: 'memory' }, { type: 'spread', field: 'b' }] },
    equal: true,
  },
  {
    name: 'volumeConfigurations and vpcLatticeConfigurations order does not matter',
    local: sv({ volumeConfigurations: [{ name: 'b' }, { name: 'a' }], vpcLatticeConfigurations: [{ portName: 'y', roleArn: 'r', targetGroupArn: 't' }, { portName: 'x', roleArn: 'r', targetGroupArn: 't' }] }),
    remote: rs(primary({ volumeConfigurations: [{ name: 'a' }, { name: 'b' }], vpcLatticeConfigurations: [{ portName: 'x', roleArn: 'r', targetGroupArn: 't' }, { portName: 'y', roleArn: 'r', targetGroupArn: 't' }] })),
    equal: true,
  },
  // --- tags ---
  { name: 'tag order does not matter', local: sv({ tags: [{ key: 'b', value: '2' }, { key: 'a', value: '1' }] }), remote: rs({ tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }), equal: true },
  { name: 'a tag value still differs', local: sv({ tags: [{ key: 'a', value: '1' }] }), remote: rs({ tags: [{ key: 'a', value: '2' }] }), equal: false },
  { name: 'ignore.tags keys are not compared', local: sv(), remote: rs({ tags: [{ key: 'Deployed', value: 'x' }] }), opts: { ignoreTags: ['Deployed'] }, equal: true },
  { name: 'aws: tags are not compared', local: sv(), remote: rs({ tags: [{ key: 'aws:cloudformation:stack-name', value: 's' }] }), equal: true },
  // --- Service Connect ---
  { name: 'no Service Connect == {enabled: false}', local: sv(), remote: rs(primary({ serviceConnectConfiguration: { enabled: false } })), equal: true },
  { name: 'no Service Connect != an enabled one on the PRIMARY deployment (#856)', local: sv(), remote: rs(primary({ serviceConnectConfiguration: { enabled: true, namespace: 'ns' } })), equal: false },
  {
    name: 'a namespace ARN resolved by the caller == the name',
    local: sv({ serviceConnectConfiguration: { enabled: true, namespace: 'internal' } }),
    remote: rs(primary({ serviceConnectConfiguration: { enabled: true, namespace: NS_ARN } })),
    opts: { namespaceNames: { [NS_ARN]: 'internal' } },
    equal: true,
  },
  {
    name: 'an unresolved namespace ARN != the name',
    local: sv({ serviceConnectConfiguration: { enabled: true, namespace: 'internal' } }),
    remote: rs(primary({ serviceConnectConfiguration: { enabled: true, namespace: NS_ARN } })),
    equal: false,
  },
  // --- CODE_DEPLOY ---
  {
    name: 'CODE_DEPLOY: the swapped target group is not compared (#943)',
    local: sv({ deploymentController: { type: 'CODE_DEPLOY' }, loadBalancers: [{ targetGroupArn: `${TG}/blue`, containerName: 'app', containerPort: 80 }] }),
    remote: rs({ deploymentController: { type: 'CODE_DEPLOY' }, loadBalancers: [{ targetGroupArn: `${TG}/green`, containerName: 'app', containerPort: 80 }] }),
    equal: true,
  },
  {
    name: 'CODE_DEPLOY: the rule applies when only the remote says CODE_DEPLOY',
    local: sv({ loadBalancers: [{ targetGroupArn: `${TG}/blue`, containerName: 'app', containerPort: 80 }] }),
    remote: rs({ deploymentController: { type: 'CODE_DEPLOY' }, loadBalancers: [{ targetGroupArn: `${TG}/green`, containerName: 'app', containerPort: 80 }] }),
    equal: true,
  },
  {
    name: 'ECS controller: a different target group still differs',
    local: sv({ loadBalancers: [{ targetGroupArn: `${TG}/blue`, containerName: 'app', containerPort: 80 }] }),
    remote: rs({ loadBalancers: [{ targetGroupArn: `${TG}/green`, containerName: 'app', containerPort: 80 }] }),
    equal: false,
  },
  {
    name: 'CODE_DEPLOY: a different containerPort still differs',
    local: sv({ deploymentController: { type: 'CODE_DEPLOY' }, loadBalancers: [{ targetGroupArn: `${TG}/blue`, containerName: 'app', containerPort: 8080 }] }),
    remote: rs({ deploymentController: { type: 'CODE_DEPLOY' }, loadBalancers: [{ targetGroupArn: `${TG}/blue`, containerName: 'app', containerPort: 80 }] }),
    equal: false,
  },
  // --- Express-managed services ---
  {
    name: 'Express-managed: deploymentConfiguration and loadBalancers are not compared',
    local: sv(),
    remote: rs({ resourceManagementType: 'ECS', deploymentConfiguration: { ...describedRolling, strategy: 'CANARY' }, loadBalancers: [{ targetGroupArn: `${TG}/x`, containerName: 'Main', containerPort: 80 }] }),
    equal: true,
  },
  { name: 'Express-managed: other fields still differ', local: sv({ healthCheckGracePeriodSeconds: 30 }), remote: rs({ resourceManagementType: 'ECS' }), equal: false },
  // --- scalar defaults ---
  { name: 'healthCheckGracePeriodSeconds 0 == missing', local: sv(), remote: rs({ healthCheckGracePeriodSeconds: 0 }), equal: true },
  { name: 'healthCheckGracePeriodSeconds 30 != missing', local: sv(), remote: rs({ healthCheckGracePeriodSeconds: 30 }), equal: false },
  { name: 'propagateTags NONE == missing', local: sv(), remote: rs({ propagateTags: 'NONE' }), equal: true },
  { name: 'propagateTags SERVICE != missing', local: sv(), remote: rs({ propagateTags: 'SERVICE' }), equal: false },
  { name: 'enableECSManagedTags / enableExecuteCommand false == missing', local: sv(), remote: rs({ enableECSManagedTags: false, enableExecuteCommand: false }), equal: true },
  { name: 'enableExecuteCommand true != missing', local: sv(), remote: rs({ enableExecuteCommand: true }), equal: false },
];

for (const c of cases) {
  test(`service: ${c.name}`, () => {
    const p = normalizeServicePair(c.local, c.remote as Service, c.opts);
    if (c.equal) assert.equal(canonicalJson(p.remote), canonicalJson(p.local));
    else assert.notEqual(canonicalJson(p.remote), canonicalJson(p.local));
  });
}

test('service: the canonical form of a bare FARGATE definition (ecspresso defaults filled)', () => {
  assert.deepEqual(normalizeServiceDefinition(sv({ desiredCount: 1 })), {
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: false, rollback: false, resetOnHealthyTask: true, thresholdConfiguration: { type: 'BOUNDED_PERCENT', value: 50 } },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      strategy: 'ROLLING',
      bakeTimeInMinutes: 0,
    },
    desiredCount: 1,
    enableECSManagedTags: false,
    enableExecuteCommand: false,
    platformVersion: 'LATEST',
    propagateTags: 'NONE',
    serviceConnectConfiguration: { enabled: false },
  });
});

test('service: normalisation does not mutate its arguments', () => {
  const local = sv(vpc(['s-2', 's-1']));
  const remote = rs({ ...vpc(['s-1', 's-2']), ...primary({ serviceConnectConfiguration: { enabled: true, namespace: NS_ARN } }) }) as Service;
  const [l, r] = [JSON.stringify(local), JSON.stringify(remote)];
  normalizeServicePair(local, remote, { namespaceNames: { [NS_ARN]: 'x' } });
  assert.equal(JSON.stringify(local), l);
  assert.equal(JSON.stringify(remote), r);
});

test('service: a standalone remote keeps availabilityZoneRebalancing and desiredCount', () => {
  const n = normalizeServiceDefinition(rs({ availabilityZoneRebalancing: 'ENABLED', desiredCount: 2 }) as Service);
  assert.equal(n.availabilityZoneRebalancing, 'ENABLED');
  assert.equal(n.desiredCount, 2);
});
