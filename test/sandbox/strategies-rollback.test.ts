/**
 * Failures of traffic-shifting deployments (reference §2.5, §2.6, §4.2, §4.4): StopServiceDeployment,
 * the circuit breaker, a CloudWatch alarm and a superseding update each send production traffic
 * back to blue in moto's listener rule and end in ROLLBACK_SUCCESSFUL (or a fresh deployment).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand, ListServiceDeploymentsCommand, StopServiceDeploymentCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { ruleWeights } from './express-support.js';
import { currentDeployment, infra, observe, registerTaskDef, s, stableService, startBench } from './strategies-support.js';

describe('traffic-shifting deployments: rollback', () => {
  before(startBench);
  after(() => s?.stop());

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
    const { final, statuses } = await observe(name);
    assert.deepEqual(statuses, ['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL']);
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
    const { final, statuses } = await observe(name);
    assert.deepEqual(statuses, ['IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL']);
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
