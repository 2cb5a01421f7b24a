// `ecsx status` through the built CLI against the sandbox: the status block, JSON output, a
// rollout in progress, auto scaling, and the errors (missing service, no service in the config).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationAutoScalingClient, PutScalingPolicyCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { fargateTd, startClassic, type Classic } from '../helpers/classic.js';

let c: Classic;
const creds = { accessKeyId: 'test', secretAccessKey: 'test' };

before(async () => {
  c = await startClassic();
  await c.register();
  await c.createService('app', 'app:1', 2);
});
after(() => c?.stop());

test('status prints service, cluster, task definition, deployments and events', async () => {
  const r = await c.ecsx(['status']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'Service: app');
  assert.equal(lines[1], 'Cluster: default');
  assert.equal(lines[2], 'TaskDefinition: app:1');
  assert.equal(lines[3], 'Deployments:');
  assert.match(lines[4]!, /^ {3}PRIMARY app:1 desired:2 pending:0 running:2 COMPLETED\(ECS deployment ecs-svc\/\d+ completed\.\)$/);
  const events = lines.slice(lines.indexOf('Events:') + 1).filter(Boolean);
  assert.ok(events.length >= 3, r.stdout);
  assert.match(events.at(-1)!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d) \(service app\) has reached a steady state\.$/);
});

test('--events limits the events shown; --output json gives the typed result', async () => {
  const one = await c.ecsx(['status', '--events', '1']);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(one.stdout.split('Events:\n')[1]!.trim().split('\n').length, 1);
  const r = await c.ecsx(['status', '--output', 'json', '--events', '2']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.service, 'app');
  assert.equal(j.status, 'ACTIVE');
  assert.equal(j.express, false);
  assert.equal(j.taskDefinition, 'app:1');
  assert.equal(j.runningCount, 2);
  assert.equal(j.deployments[0].status, 'PRIMARY');
  assert.equal(j.deployments[0].rolloutState, 'COMPLETED');
  assert.equal(j.events.length, 2);
  assert.ok(Date.parse(j.events[0].createdAt) <= Date.parse(j.events[1].createdAt), 'events oldest first');
});

test('a rollout in progress shows PRIMARY and ACTIVE deployments', async () => {
  await c.ecs.send(new RegisterTaskDefinitionCommand(fargateTd('app', 'nginx:1.28')));
  await c.ecs.send(new UpdateServiceCommand({ service: 'app', taskDefinition: 'app:2' }));
  await c.sandbox.client.advance(20);
  const r = await c.ecsx(['status']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^TaskDefinition: app:2$/m);
  assert.match(r.stdout, /^ {3}PRIMARY app:2 desired:2 pending:\d running:\d IN_PROGRESS\(ECS deployment ecs-svc\/\d+ in progress\.\)$/m);
  assert.match(r.stdout, /^ {4}ACTIVE app:1 desired:\d running:\d|^ {4}ACTIVE app:1 desired:2 pending:0 running:2 COMPLETED/m);
  await c.until(async () => (await c.describe('app'))!.deployments!.length === 1);
});

test('auto scaling target and policies are shown', async () => {
  // moto's Application Auto Scaling checks that the ECS service exists in moto's own ECS, so the
  // service is mirrored there (the sandbox's ECS engine is separate from moto's).
  const motoEcs = new ECSClient({ region: 'us-east-1', endpoint: c.sandbox.motoEndpoint, credentials: creds });
  await motoEcs.send(new CreateClusterCommand({ clusterName: 'default' }));
  await motoEcs.send(new RegisterTaskDefinitionCommand(fargateTd()));
  await motoEcs.send(new CreateServiceCommand({ cluster: 'default', serviceName: 'app', taskDefinition: 'app:1', desiredCount: 2 }));
  motoEcs.destroy();
  const aas = new ApplicationAutoScalingClient({ region: 'us-east-1', endpoint: c.sandbox.endpoint, credentials: creds });
  const target = { ServiceNamespace: 'ecs' as const, ResourceId: 'service/default/app', ScalableDimension: 'ecs:service:DesiredCount' as const };
  await aas.send(new RegisterScalableTargetCommand({ ...target, MinCapacity: 1, MaxCapacity: 4 }));
  await aas.send(
    new PutScalingPolicyCommand({
      ...target,
      PolicyName: 'cpu50',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
    }),
  );
  aas.destroy();
  const r = await c.ecsx(['status', '--events', '0']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^AutoScaling:\n {2}Capacity min:1 max:4\n {2}Suspended in:false out:false scheduled:false\n {2}Policy name:cpu50 type:TargetTrackingScaling$/m);
  assert.doesNotMatch(r.stdout, /Events:/);
  const j = JSON.parse((await c.ecsx(['status', '--output', 'json'])).stdout);
  assert.deepEqual(j.autoScaling.policies, [{ name: 'cpu50', type: 'TargetTrackingScaling' }]);
});

test('--debug logs each AWS call with its input on stderr', async () => {
  const r = await c.ecsx(['status', '--debug']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^aws ecs DescribeServices \{"cluster":"default","services":\["app"\]\}$/m);
  assert.match(r.stderr, /^aws application-autoscaling DescribeScalableTargets /m);
});

test('a missing service is a clear error with exit 2', async () => {
  c.write('missing.yml', 'region: us-east-1\ncluster: default\nservice: nope\n');
  const r = await c.ecsx(['status', '--config', 'missing.yml']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^error: service nope not found in cluster default: check `service`, `cluster` and `region` in the config$/m);
  const j = await c.ecsx(['status', '--config', 'missing.yml', '--output', 'json']);
  assert.equal(j.code, 2);
  assert.equal(JSON.parse(j.stderr.trim().split('\n').at(-1)!).error.code, 'SERVICE_NOT_FOUND');
});

test('a missing cluster and a config without service are errors with exit 2', async () => {
  c.write('nocluster.yml', 'region: us-east-1\ncluster: nope\nservice: app\n');
  const r = await c.ecsx(['status', '--config', 'nocluster.yml']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cluster nope not found/);
  c.write('noservice.yml', 'region: us-east-1\ncluster: default\n');
  const n = await c.ecsx(['status', '--config', 'noservice.yml']);
  assert.equal(n.code, 2);
  assert.match(n.stderr, /status needs `service` in the config/);
  const bad = await c.ecsx(['status', '--events', 'x']);
  assert.equal(bad.code, 2);
});
