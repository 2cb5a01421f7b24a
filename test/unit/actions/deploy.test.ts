// Pure pieces of deploy: desired count (ecspresso's calcDesiredCount table), task-definition
// flags, the single UpdateService input, tag changes, CreateService input, what to watch,
// auto-scaling input and the dry-run plan text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '@aws-sdk/client-ecs';
import { UsageError, UserInputError } from '../../../src/errors.js';
import { calcDesiredCount } from '../../../src/actions/deploy/desired-count.js';
import { familyOf, registerInput, revisionOf, taskDefinitionSpec } from '../../../src/actions/deploy/task-definition.js';
import { createServiceInput, planServiceUpdate, tagChanges } from '../../../src/actions/deploy/service-input.js';
import { watchTarget } from '../../../src/actions/deploy/watch.js';
import { autoScalingInput, checkAutoScalingFlags } from '../../../src/actions/deploy/auto-scaling.js';
import { resolveDeployOptions } from '../../../src/actions/deploy/options.js';
import { formatPlan, pendingRevision } from '../../../src/actions/deploy/plan.js';
import type { ServiceDefinition } from '../../../src/definitions/types.js';

describe('calcDesiredCount (ecspresso deploy_test.go)', () => {
  const cases: [string, Parameters<typeof calcDesiredCount>[0], number | undefined, number | undefined][] = [
    ['DAEMON: none, whatever --tasks says', { schedulingStrategy: 'DAEMON', desiredCount: 2 }, 3, undefined],
    ['-1: the definition\'s', { desiredCount: 2 }, -1, 2],
    ['no --tasks: the definition\'s', { desiredCount: 2 }, undefined, 2],
    ['--tasks wins', { desiredCount: 2 }, 5, 5],
    ['--tasks 0 is a count', { desiredCount: 2 }, 0, 0],
    ['no definition: none (unchanged)', undefined, -1, undefined],
    ['definition without desiredCount: none', { schedulingStrategy: 'REPLICA' }, -1, undefined],
  ];
  for (const [name, def, tasks, want] of cases) it(name, () => assert.equal(calcDesiredCount(def, tasks), want));
});

describe('taskDefinitionSpec', () => {
  it('reads the flags', () => {
    assert.deepEqual(taskDefinitionSpec({}), { mode: 'register' });
    assert.deepEqual(taskDefinitionSpec({ skipTaskDefinition: true }), { mode: 'current' });
    assert.deepEqual(taskDefinitionSpec({ latestTaskDefinition: true }), { mode: 'latest' });
    // --revision alone is enough (ecspresso ignores it without --skip-task-definition).
    assert.deepEqual(taskDefinitionSpec({ revision: 42 }), { mode: 'revision', revision: 42 });
    assert.deepEqual(taskDefinitionSpec({ revision: 42, skipTaskDefinition: true }), { mode: 'revision', revision: 42 });
  });
  it('rejects --revision with --latest-task-definition, and bad revisions', () => {
    assert.throws(() => taskDefinitionSpec({ revision: 1, latestTaskDefinition: true }), UsageError);
    assert.throws(() => taskDefinitionSpec({ revision: -1 }), /positive whole number/);
  });
  it('families and revisions of ARNs', () => {
    assert.equal(familyOf('arn:aws:ecs:us-east-1:123456789012:task-definition/web-worker:12'), 'web-worker');
    assert.equal(familyOf('web:3'), 'web');
    assert.equal(familyOf('web'), 'web');
    assert.equal(revisionOf('arn:aws:ecs:us-east-1:123456789012:task-definition/web:12'), 12);
  });
  it('registerInput drops an empty tag list and copies', () => {
    const td = { family: 'web', containerDefinitions: [], tags: [] };
    const input = registerInput(td);
    assert.equal('tags' in input, false);
    assert.deepEqual(td.tags, []);
  });
});

const SUBNETS = ['subnet-b', 'subnet-a'];
const local = (extra: Partial<ServiceDefinition> = {}): ServiceDefinition => ({
  launchType: 'FARGATE',
  desiredCount: 2,
  networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS, securityGroups: ['sg-1'] } },
  loadBalancers: [{ targetGroupArn: 'arn:tg', containerName: 'app', containerPort: 80 }],
  tags: [{ key: 'team', value: 'web' }],
  ...extra,
});
/** What DescribeServices returns for `local()`: defaults filled, lists reordered. */
const remote = (extra: Partial<Service> = {}): Service => ({
  serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/main/web',
  serviceName: 'web',
  status: 'ACTIVE',
  launchType: 'FARGATE',
  platformVersion: 'LATEST',
  desiredCount: 2,
  propagateTags: 'NONE',
  enableECSManagedTags: false,
  healthCheckGracePeriodSeconds: 0,
  deploymentConfiguration: { deploymentCircuitBreaker: { enable: false, rollback: false }, maximumPercent: 200, minimumHealthyPercent: 100 },
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' } },
  loadBalancers: [{ targetGroupArn: 'arn:tg', containerName: 'app', containerPort: 80 }],
  tags: [{ key: 'team', value: 'web' }, { key: 'aws:cloudformation:stack-name', value: 's' }],
  ...extra,
});
const opts = { cluster: 'main', service: 'web', taskDefinition: 'arn:td:web:2', desiredCount: 2, updateService: true };

describe('planServiceUpdate: one UpdateService', () => {
  it('nothing differs: task definition and count only', () => {
    const p = planServiceUpdate(local(), remote(), opts);
    assert.deepEqual(p.input, { cluster: 'main', service: 'web', taskDefinition: 'arn:td:web:2', desiredCount: 2 });
    assert.deepEqual(p.changedAttributes, []);
    assert.deepEqual(p.tags, { add: [], remove: [] });
  });
  it('changed attributes are sent as written; a dropped list is cleared', () => {
    const l = local({ healthCheckGracePeriodSeconds: 60, enableExecuteCommand: true });
    delete l.loadBalancers;
    const p = planServiceUpdate(l, remote(), { ...opts, forceNewDeployment: true });
    assert.deepEqual(p.changedAttributes, ['enableExecuteCommand', 'healthCheckGracePeriodSeconds', 'loadBalancers']);
    assert.equal(p.input.healthCheckGracePeriodSeconds, 60);
    assert.equal(p.input.enableExecuteCommand, true);
    assert.deepEqual(p.input.loadBalancers, []);
    assert.equal(p.input.forceNewDeployment, true);
  });
  it('a setting removed from the definition is reset to its default (as the diff shows)', () => {
    const p = planServiceUpdate(local(), remote({ enableExecuteCommand: true, propagateTags: 'SERVICE' }), opts);
    assert.deepEqual(p.changedAttributes, ['enableExecuteCommand', 'propagateTags']);
    assert.equal(p.input.enableExecuteCommand, false);
    assert.equal(p.input.propagateTags, 'NONE');
  });
  it('--no-update-service: attributes and tags are left alone', () => {
    const p = planServiceUpdate(local({ healthCheckGracePeriodSeconds: 60, tags: [] }), remote(), { ...opts, updateService: false, desiredCount: undefined });
    assert.deepEqual(p.input, { cluster: 'main', service: 'web', taskDefinition: 'arn:td:web:2' });
    assert.deepEqual(p.tags, { add: [], remove: [] });
  });
  it('tags: changed and new ones set, dropped ones removed; ignored and aws: tags untouched', () => {
    const p = planServiceUpdate(
      local({ tags: [{ key: 'team', value: 'platform' }, { key: 'env', value: 'prod' }] }),
      remote({ tags: [{ key: 'team', value: 'web' }, { key: 'old', value: '1' }, { key: 'managed-by', value: 'x' }, { key: 'aws:ecs:clusterName', value: 'main' }] }),
      { ...opts, ignoreTags: ['managed-by'] },
    );
    assert.deepEqual(p.tags, { add: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'platform' }], remove: ['old'] });
  });
  it('tagChanges on normalised lists', () => {
    assert.deepEqual(tagChanges([{ key: 'a', value: '' }], undefined), { add: [{ key: 'a', value: '' }], remove: [] });
    assert.deepEqual(tagChanges(undefined, [{ key: 'a', value: '1' }]), { add: [], remove: ['a'] });
  });
});

describe('createServiceInput', () => {
  it('names from the config, chosen task definition and count, no empty tags', () => {
    const input = createServiceInput({ ...local({ tags: [] }), taskDefinition: 'ignored:1' } as ServiceDefinition, { cluster: 'main', service: 'web', taskDefinition: 'web:3', desiredCount: 4 });
    assert.equal(input.cluster, 'main');
    assert.equal(input.serviceName, 'web');
    assert.equal(input.taskDefinition, 'web:3');
    assert.equal(input.desiredCount, 4);
    assert.equal('tags' in input, false);
  });
  it('DAEMON: no desiredCount', () => {
    const input = createServiceInput(local({ schedulingStrategy: 'DAEMON' }), { cluster: 'main', service: 'web', taskDefinition: 'web:3' });
    assert.equal('desiredCount' in input, false);
  });
});

describe('watchTarget', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  const svc = (primary: string, created: number, events: number[] = []): Service => ({
    taskDefinition: `td:${primary}`,
    deployments: [{ id: primary, status: 'PRIMARY', taskDefinition: `td:${primary}`, createdAt: at(created) }],
    events: events.map((e) => ({ createdAt: at(e), message: `e${e}` })),
  });
  it('a new PRIMARY after the change is the watched deployment; its events from its start', () => {
    const t = watchTarget(svc('ecs-svc/1', 0, [5]), svc('ecs-svc/2', 10, [5]));
    assert.deepEqual(t, { deploymentId: 'ecs-svc/2', taskDefinitionArn: 'td:ecs-svc/2', startedAt: at(10).getTime(), eventsFrom: undefined, newDeployment: true });
  });
  it('the same PRIMARY (scale): watch it, events only from now on', () => {
    const t = watchTarget(svc('ecs-svc/1', 0, [5, 7]), svc('ecs-svc/1', 0, [5, 7]));
    assert.equal(t.newDeployment, false);
    assert.equal(t.eventsFrom, at(7).getTime() + 1);
  });
  it('a created service (no before) is new', () => assert.equal(watchTarget(undefined, svc('ecs-svc/1', 0)).newDeployment, true));
  it('wait (no change) watches the current deployment', () => assert.equal(watchTarget(svc('ecs-svc/1', 0), undefined).deploymentId, 'ecs-svc/1'));
});

describe('options', () => {
  it('defaults (ecspresso): --tasks -1, update the service, wait until deployed', () => {
    const r = resolveDeployOptions({});
    assert.deepEqual([r.tasks, r.updateService, r.wait, r.waitUntil], [-1, true, true, 'deployed']);
    assert.equal(resolveDeployOptions({}, 'stable').waitUntil, 'stable');
    assert.equal(resolveDeployOptions({ waitUntil: 'ecs:bake_time' }).waitUntil, 'ecs:BAKE_TIME');
  });
  it('rejects bad values before anything happens', () => {
    assert.throws(() => resolveDeployOptions({ tasks: -2 }), UsageError);
    assert.throws(() => resolveDeployOptions({ waitUntil: 'soon' }), UserInputError);
    assert.throws(() => checkAutoScalingFlags({ suspendAutoScaling: true, resumeAutoScaling: true }), UsageError);
    assert.throws(() => checkAutoScalingFlags({ autoScalingMin: 5, autoScalingMax: 2 }), /greater than/);
  });
  it('auto-scaling input', () => {
    assert.deepEqual(autoScalingInput({ cluster: 'c', service: 's' }, { suspendAutoScaling: true, autoScalingMax: 6 }), {
      ServiceNamespace: 'ecs',
      ResourceId: 'service/c/s',
      ScalableDimension: 'ecs:service:DesiredCount',
      MaxCapacity: 6,
      SuspendedState: { DynamicScalingInSuspended: true, DynamicScalingOutSuspended: true, ScheduledScalingSuspended: true },
    });
    assert.deepEqual(autoScalingInput({ cluster: 'c', service: 's' }, { resumeAutoScaling: true }).SuspendedState?.DynamicScalingInSuspended, false);
  });
});

describe('dry-run plan text', () => {
  it('one header line per call with its note, then the input as indented JSON', () => {
    const text = formatPlan([
      { service: 'ecs', operation: 'UpdateService', input: { service: 'web', taskDefinition: pendingRevision('web') }, note: 'changes loadBalancers' },
    ]);
    assert.equal(text, 'ecs UpdateService  # changes loadBalancers\n  {\n    "service": "web",\n    "taskDefinition": "web:<revision registered by this command>"\n  }');
    assert.equal(formatPlan([]), 'no API calls would be made');
  });
});
