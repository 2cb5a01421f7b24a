/**
 * ECS-native BLUE_GREEN, LINEAR and CANARY deployments of classic services, through the real SDK
 * against the sandbox with moto: lifecycle stages in ECS's order, green at 100 % before traffic
 * moves, the production listener rule's weights shifting in moto, CLEAN_UP, and rollbacks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { account, defaultVpc, ruleWeights, startSdkSandbox, type SdkSandbox } from './express-support.js';

const STAGES = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

interface Infra {
  subnets: string[];
  tg1: string;
  tg2: string;
  prodRule: string;
  testRule: string;
}

let s: SdkSandbox;
let infra: Infra;
let n = 0;

/** An ALB with a production and a test listener, a rule on each, and a blue/green target-group pair. */
async function loadBalancer(name: string): Promise<Infra> {
  const { vpcId, subnets } = await defaultVpc(s);
  const lb = (await s.elb.send(new CreateLoadBalancerCommand({ Name: `${name}-alb`, Subnets: subnets.slice(0, 2), Type: 'application' }))).LoadBalancers![0]!;
  const tg = async (n: string) =>
    (await s.elb.send(new CreateTargetGroupCommand({ Name: n, Protocol: 'HTTP', Port: 80, VpcId: vpcId, TargetType: 'ip' }))).TargetGroups![0]!.TargetGroupArn!;
  const tg1 = await tg(`${name}-blue`);
  const tg2 = await tg(`${name}-green`);
  const rule = async (port: number) => {
    const listener = await s.elb.send(
      new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTP', Port: port, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] }),
    );
    const created = await s.elb.send(
      new CreateRuleCommand({
        ListenerArn: listener.Listeners![0]!.ListenerArn,
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
        Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: tg1, Weight: 100 }, { TargetGroupArn: tg2, Weight: 0 }] } }],
      }),
    );
    return created.Rules![0]!.RuleArn!;
  };
  return { subnets, tg1, tg2, prodRule: await rule(80), testRule: await rule(8080) };
}

async function registerTaskDef(image: string): Promise<string> {
  const out = await s.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  return out.taskDefinition!.taskDefinitionArn!;
}

const currentDeployment = async (service: string): Promise<ServiceDeployment> => {
  const svc = (await s.ecs.send(new DescribeServicesCommand({ services: [service] }))).services![0]!;
  const out = await s.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [svc.currentServiceDeployment!] }));
  return out.serviceDeployments![0]!;
};

const runningOf = async (service: string, revisionArn: string) => {
  const svc = (await s.ecs.send(new DescribeServicesCommand({ services: [service] }))).services![0]!;
  return svc.currentServiceRevisions!.find((r) => r.arn === revisionArn)?.runningTaskCount ?? 0;
};

/** A service deployed (first deployment done) with `deploymentConfiguration`; returns its name. */
async function stableService(deploymentConfiguration: DeploymentConfiguration, testRule = false): Promise<string> {
  const name = `svc${++n}`;
  await s.ecs.send(
    new CreateServiceCommand({
      serviceName: name,
      taskDefinition: await registerTaskDef('nginx:1'),
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: infra.subnets.slice(0, 2), assignPublicIp: 'ENABLED' } },
      loadBalancers: [
        {
          targetGroupArn: infra.tg1,
          containerName: 'app',
          containerPort: 80,
          advancedConfiguration: {
            alternateTargetGroupArn: infra.tg2,
            productionListenerRule: infra.prodRule,
            testListenerRule: testRule ? infra.testRule : undefined,
            roleArn: `arn:aws:iam::${account}:role/ecsInfrastructureRole`,
          },
        },
      ],
      deploymentConfiguration,
    }),
  );
  await s.until(async () => (await currentDeployment(name)).status === 'SUCCESSFUL', { every: 30 });
  // The first deployment put its tasks on the primary target group and all traffic there.
  assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 100, [infra.tg2]: 0 });
  return name;
}

interface Observed {
  stages: string[];
  /** Distinct production weights of the target revision, with the green running count when first seen. */
  weights: { weight: number; greenRunning: number; rule: Record<string, number> }[];
  final: ServiceDeployment;
}

/** Steps 5 s at a time until the current deployment finishes, recording stages and weights. */
async function observe(service: string): Promise<Observed> {
  const stages: string[] = [];
  const weights: Observed['weights'] = [];
  const final = await s.until(
    async () => {
      const sd = await currentDeployment(service);
      if (sd.lifecycleStage && stages[stages.length - 1] !== sd.lifecycleStage) stages.push(sd.lifecycleStage);
      const w = sd.targetServiceRevision!.requestedProductionTrafficWeight ?? 0;
      if (weights.length === 0 || weights[weights.length - 1]!.weight !== w) {
        weights.push({ weight: w, greenRunning: await runningOf(service, sd.targetServiceRevision!.arn!), rule: await ruleWeights(s, infra.prodRule) });
      }
      return ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'].includes(sd.status!) && sd;
    },
    { every: 5, max: 3600 },
  );
  return { stages, weights, final };
}

describe('traffic-shifting deployment strategies', () => {
  before(async () => {
    s = await startSdkSandbox();
    infra = await loadBalancer('strat');
  });
  after(() => s?.stop());

  it('CANARY: green to 100 %, 10 % of production traffic, bake, the rest, bake, clean up', async () => {
    const name = await stableService({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 }, bakeTimeInMinutes: 1 });
    const t0 = (await s.sandbox.client.clock()).now;
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:2') }));
    const { stages, weights, final } = await observe(name);
    assert.equal(final.status, 'SUCCESSFUL');
    assert.deepEqual(stages, STAGES);
    assert.deepEqual(weights.map((w) => w.weight), [0, 10, 100]);
    // Green was whole before any production traffic moved.
    assert.equal(weights[1]!.greenRunning, 2);
    // moto's listener rule followed: green is on the alternate target group.
    assert.deepEqual(weights[1]!.rule, { [infra.tg1]: 90, [infra.tg2]: 10 });
    assert.deepEqual(weights[2]!.rule, { [infra.tg1]: 0, [infra.tg2]: 100 });
    assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 0, [infra.tg2]: 100 });
    // 2 min canary bake + 1 min bake + stages and cleanup.
    const took = ((await s.sandbox.client.clock()).now - t0) / 1000;
    assert.ok(took > 180 && took < 420, `deployment took ${took}s`);
    assert.equal(final.sourceServiceRevisions![0]!.requestedProductionTrafficWeight, 0);
    assert.equal(final.targetServiceRevision!.requestedProductionTrafficWeight, 100);
    const svc = (await s.ecs.send(new DescribeServicesCommand({ services: [name] }))).services![0]!;
    assert.equal(svc.deployments!.length, 1);
    assert.equal(svc.deployments![0]!.rolloutState, 'COMPLETED');
    // CLEAN_UP scaled blue to 0: only green's targets remain registered (in the alternate group).
    await s.advance(60);
    const healthy = async (tg: string) => (await s.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }))).TargetHealthDescriptions!.length;
    assert.equal(await healthy(infra.tg2), 2);
    s.assertModelValid();
  });

  it('LINEAR: equal steps of stepPercent, stepBakeTimeInMinutes apart; the next deployment goes back to the primary group', async () => {
    const name = await stableService({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 }, bakeTimeInMinutes: 1 });
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:2') }));
    const first = await observe(name);
    assert.equal(first.final.status, 'SUCCESSFUL');
    assert.deepEqual(first.stages, STAGES);
    assert.deepEqual(first.weights.map((w) => w.weight), [0, 25, 50, 75, 100]);
    assert.deepEqual(first.weights[2]!.rule, { [infra.tg1]: 50, [infra.tg2]: 50 });
    // Blue and green swap target groups on every deployment.
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:3') }));
    const second = await observe(name);
    assert.equal(second.final.status, 'SUCCESSFUL');
    assert.deepEqual(second.weights[1]!.rule, { [infra.tg1]: 25, [infra.tg2]: 75 });
    assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 100, [infra.tg2]: 0 });
    s.assertModelValid();
  });

  it('BLUE_GREEN: test traffic first, then all production traffic at once, bake, clean up', async () => {
    const name = await stableService({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 2 }, true);
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:2') }));
    let testWeightAtTestShift: Record<string, number> | undefined;
    await s.until(async () => {
      const sd = await currentDeployment(name);
      if (sd.lifecycleStage === 'POST_TEST_TRAFFIC_SHIFT') testWeightAtTestShift = await ruleWeights(s, infra.testRule);
      return testWeightAtTestShift;
    });
    // Test traffic is on green while production still is all blue.
    assert.deepEqual(testWeightAtTestShift, { [infra.tg1]: 0, [infra.tg2]: 100 });
    assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 100, [infra.tg2]: 0 });
    const { stages, weights, final } = await observe(name);
    assert.equal(final.status, 'SUCCESSFUL');
    assert.deepEqual(stages, STAGES.slice(STAGES.indexOf('POST_TEST_TRAFFIC_SHIFT')));
    assert.deepEqual(weights.map((w) => w.weight), [0, 100]);
    assert.equal(final.targetServiceRevision!.requestedTestTrafficWeight, 100);
    s.assertModelValid();
  });

  it('StopServiceDeployment(ROLLBACK) during the bake shifts traffic back to blue and stops green', async () => {
    const name = await stableService({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 5 } });
    const blueRevision = (await currentDeployment(name)).targetServiceRevision!.arn!;
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:2') }));
    const sd = await s.until(async () => {
      const x = await currentDeployment(name);
      return x.targetServiceRevision!.requestedProductionTrafficWeight === 20 && x;
    });
    assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 80, [infra.tg2]: 20 });
    await s.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: sd.serviceDeploymentArn, stopType: 'ROLLBACK' }));
    const { final } = await observe(name);
    assert.equal(final.status, 'ROLLBACK_SUCCESSFUL');
    assert.equal(final.rollback!.serviceRevisionArn, blueRevision);
    assert.equal(final.targetServiceRevision!.requestedProductionTrafficWeight, 0);
    assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 100, [infra.tg2]: 0 });
    const svc = (await s.ecs.send(new DescribeServicesCommand({ services: [name] }))).services![0]!;
    assert.deepEqual(svc.currentServiceRevisions!.map((r) => [r.arn, r.runningTaskCount]), [[blueRevision, 2]]);
    const list = await s.ecs.send(new ListServiceDeploymentsCommand({ service: name }));
    assert.deepEqual(list.serviceDeployments!.map((d) => d.status), ['ROLLBACK_SUCCESSFUL', 'SUCCESSFUL']);
    s.assertModelValid();
  });

  it('a circuit-breaker trip while green scales up rolls back before any traffic moved', async () => {
    const name = await stableService({ strategy: 'CANARY', deploymentCircuitBreaker: { enable: true, rollback: true } });
    await s.sandbox.client.ecs('/scenarios', 'POST', { kind: 'image-pull-failure', match: { service: name, image: 'nginx:missing' } });
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:missing') }));
    const { stages, weights, final } = await observe(name);
    assert.equal(final.status, 'ROLLBACK_SUCCESSFUL');
    assert.equal(final.deploymentCircuitBreaker!.status, 'TRIGGERED');
    // Green never got past SCALE_UP; the rollback puts traffic back on blue, then cleans green up.
    assert.deepEqual(stages, ['PRE_SCALE_UP', 'SCALE_UP', 'PRODUCTION_TRAFFIC_SHIFT', 'CLEAN_UP']);
    assert.deepEqual(weights.map((w) => w.weight), [0]);
    assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 100, [infra.tg2]: 0 });
    s.assertModelValid();
  });

  it('a CloudWatch alarm of deploymentConfiguration.alarms going off during the bake fails the deployment', async () => {
    await s.cloudwatch.send(
      new PutMetricAlarmCommand({ AlarmName: 'web-5xx', MetricName: 'HTTPCode_Target_5XX_Count', Namespace: 'AWS/ApplicationELB', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }),
    );
    const name = await stableService({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5, alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true } });
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:2') }));
    await s.until(async () => (await currentDeployment(name)).lifecycleStage === 'BAKE_TIME');
    assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 0, [infra.tg2]: 100 });
    await s.cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'web-5xx', StateValue: 'ALARM', StateReason: 'test' }));
    const { final } = await observe(name);
    assert.equal(final.status, 'ROLLBACK_SUCCESSFUL');
    assert.deepEqual(final.alarms, { status: 'TRIGGERED', alarmNames: ['web-5xx'], triggeredAlarmNames: ['web-5xx'] });
    assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 100, [infra.tg2]: 0 });
    await s.cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'web-5xx', StateValue: 'OK', StateReason: 'test' }));
    s.assertModelValid();
  });

  it('an update during the canary supersedes it: traffic back to blue, RECONCILE_SERVICE, then a full canary', async () => {
    const name = await stableService({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 30, canaryBakeTimeInMinutes: 5 } });
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:2') }));
    const first = await s.until(async () => {
      const sd = await currentDeployment(name);
      return sd.targetServiceRevision!.requestedProductionTrafficWeight === 30 && sd;
    });
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:3') }));
    await s.advance(15);
    const second = await currentDeployment(name);
    assert.notEqual(second.serviceDeploymentArn, first.serviceDeploymentArn);
    assert.equal(second.lifecycleStage, 'RECONCILE_SERVICE');
    assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 100, [infra.tg2]: 0 });
    const { final } = await observe(name);
    assert.equal(final.status, 'SUCCESSFUL');
    const list = await s.ecs.send(new ListServiceDeploymentsCommand({ service: name }));
    assert.deepEqual(list.serviceDeployments!.map((d) => d.status), ['SUCCESSFUL', 'STOPPED', 'SUCCESSFUL']);
    s.assertModelValid();
  });
});
