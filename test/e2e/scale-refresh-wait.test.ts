// `ecsx scale`, `ecsx refresh` and `ecsx wait` through the built CLI: scaling without a new
// deployment, auto-scaling flags on a registered scalable target, a refresh that replaces every
// task with the same revision, and waiting on a deployment started elsewhere.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { startProject, type Project } from './deploy-fixture.js';

let p: Project;
before(async () => {
  p = await startProject({ timeScale: 200 });
  const r = await p.cli(['deploy']);
  assert.equal(r.code, 0, r.stderr);
});
after(() => p?.stop());

const primaryId = async () => (await p.describe()).deployments?.find((d) => d.status === 'PRIMARY')?.id;

test('wait on a stable service returns at once', async () => {
  const r = await p.cli(['wait']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /service is stable on web:1/);
  // Only what happens while waiting is news: no replay of the deploy's events.
  assert.doesNotMatch(r.stderr, /has started 4 tasks/);
});

test('scale --tasks 2: same deployment, fewer tasks, waits until stable', async () => {
  const before = await primaryId();
  await p.sandbox.client.clearRequests();
  const r = await p.cli(['scale', '--tasks', '2']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'scaled service web in cluster main to 2 tasks (web:1)\n');
  assert.match(r.stderr, /has stopped 2 running tasks/);
  const s = await p.describe();
  assert.equal(s.desiredCount, 2);
  assert.equal(s.runningCount, 2);
  assert.equal(await primaryId(), before);
  assert.equal((await p.sandbox.client.requests({ operation: 'RegisterTaskDefinition' })).length, 0);
});

test('scale --dry-run changes nothing', async () => {
  await p.sandbox.client.clearRequests();
  const r = await p.cli(['scale', '--tasks', '8', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /"desiredCount": 8/);
  assert.deepEqual(await p.mutations(), []);
});

test('scale with auto-scaling flags updates the scalable target', async () => {
  const aas = new ApplicationAutoScalingClient({ region: p.sandbox.region, endpoint: p.sandbox.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const target = { ServiceNamespace: 'ecs' as const, ResourceId: 'service/main/web', ScalableDimension: 'ecs:service:DesiredCount' as const };
  // moto's Application Auto Scaling checks the service exists in moto's own ECS, which is not the sandbox's.
  const motoEcs = new ECSClient({ region: p.sandbox.region, endpoint: p.sandbox.motoEndpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await motoEcs.send(new CreateClusterCommand({ clusterName: 'main' }));
  await motoEcs.send(new RegisterTaskDefinitionCommand({ family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx', memory: 128 }] }));
  await motoEcs.send(new CreateServiceCommand({ cluster: 'main', serviceName: 'web', taskDefinition: 'web', desiredCount: 0 }));
  motoEcs.destroy();
  await aas.send(new RegisterScalableTargetCommand({ ...target, MinCapacity: 1, MaxCapacity: 4 }));
  const r = await p.cli(['scale', '--tasks', '3', '--suspend-auto-scaling', '--auto-scaling-max', '6']);
  assert.equal(r.code, 0, r.stderr);
  const t = (await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [target.ResourceId] }))).ScalableTargets![0]!;
  assert.equal(t.MaxCapacity, 6);
  assert.equal(t.MinCapacity, 1);
  assert.deepEqual(t.SuspendedState, { DynamicScalingInSuspended: true, DynamicScalingOutSuspended: true, ScheduledScalingSuspended: true });
  assert.equal((await p.describe()).runningCount, 3);
  aas.destroy();
  const both = await p.cli(['scale', '--suspend-auto-scaling', '--resume-auto-scaling']);
  assert.equal(both.code, 2);
});

test('refresh: a new deployment of the same revision, desired count unchanged', async () => {
  const before = await primaryId();
  const r = await p.cli(['refresh']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'refreshed service web in cluster main: new deployment of web:1\n');
  const s = await p.describe();
  assert.notEqual(await primaryId(), before);
  assert.match(s.taskDefinition!, /web:1$/);
  assert.equal(s.desiredCount, 3);
});

test('wait --until deployed follows a deployment started with --no-wait', async () => {
  const started = await p.cli(['refresh', '--no-wait']);
  assert.equal(started.code, 0, started.stderr);
  assert.match(started.stdout, /not waiting: --no-wait/);
  const r = await p.cli(['wait', '--until', 'deployed']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /deployment of web:1 (successful|completed)/);
  assert.equal((await p.describe()).deployments?.length, 1);
});

test('wait on a service that does not exist: exit 2', async () => {
  const r = await p.cli(['wait', '--config', 'other.yml']);
  assert.equal(r.code, 2);
});
