// ECS-native BLUE_GREEN through the same deploy path: the service deployment's lifecycle stages
// are shown, `--wait-until ecs:BAKE_TIME` returns during the bake, `wait --until deployed`
// follows it to the end, and a failing green revision is rolled back (exit 3).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateRuleCommand, CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startProject, type Project } from './deploy-fixture.js';

let p: Project;
before(async () => {
  p = await startProject({ timeScale: 120 });
  const vpc = (await p.ec2.send(new DescribeSubnetsCommand({ SubnetIds: p.subnets }))).Subnets![0]!.VpcId!;
  const green = (await p.elbv2.send(new CreateTargetGroupCommand({ Name: 'web-green', Protocol: 'HTTP', Port: 80, VpcId: vpc, TargetType: 'ip' }))).TargetGroups![0]!.TargetGroupArn!;
  const lb = (await p.elbv2.send(new CreateLoadBalancerCommand({ Name: 'web', Subnets: p.subnets }))).LoadBalancers![0]!.LoadBalancerArn!;
  const forward = [{ Type: 'forward' as const, TargetGroupArn: p.targetGroupArn }];
  const listener = (await p.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: forward }))).Listeners![0]!.ListenerArn!;
  const rule = (await p.elbv2.send(new CreateRuleCommand({ ListenerArn: listener, Priority: 1, Conditions: [{ Field: 'path-pattern', Values: ['/*'] }], Actions: forward }))).Rules![0]!.RuleArn!;
  p.writeServiceDefinition({
    deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 3, deploymentCircuitBreaker: { enable: true, rollback: true } },
    loadBalancers: [
      {
        targetGroupArn: p.targetGroupArn,
        containerName: 'app',
        containerPort: 80,
        advancedConfiguration: { alternateTargetGroupArn: green, productionListenerRule: rule, roleArn: 'arn:aws:iam::123456789012:role/ecs-blue-green' },
      },
    ],
  });
  const r = await p.cli(['deploy']);
  assert.equal(r.code, 0, r.stderr);
});
after(() => p?.stop());

test('--wait-until ecs:BAKE_TIME returns once the new revision takes production traffic', async () => {
  const r = await p.cli(['deploy', '--wait-until', 'ecs:BAKE_TIME'], { APP_VERSION: '2' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /service deployment reached (BAKE_TIME|CLEAN_UP|SUCCESSFUL)/);
  assert.match(r.stderr, /\(production 100%/);
  const w = await p.cli(['wait', '--until', 'deployed']);
  assert.equal(w.code, 0, w.stderr);
  assert.match(w.stderr, /deployment of web:2 successful/);
  const s = await p.describe();
  assert.match(s.taskDefinition!, /web:2$/);
  assert.equal(s.deployments?.length, 1);
});

test('a green revision that cannot start is rolled back: exit 3, blue keeps serving', async () => {
  await p.sandbox.client.ecs('scenarios', 'POST', { kind: 'image-pull-failure', match: { image: 'broken' } });
  const r = await p.cli(['deploy'], { IMAGE: 'example.com/app:broken' });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /CannotPullContainerError/);
  assert.match((await p.describe()).taskDefinition!, /web:2$/);
});
