/**
 * ECS-native BLUE_GREEN, LINEAR and CANARY deployments of classic services, through the real SDK
 * against the sandbox with moto: lifecycle stages in ECS's order, green at 100 % before traffic
 * moves, the production (and test) listener rules' weights shifting in moto, and CLEAN_UP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ruleWeights } from './express-support.js';
import { currentDeployment, infra, observe, registerTaskDef, s, stableService, STAGES, startBench } from './strategies-support.js';

describe('traffic-shifting deployment strategies', () => {
  before(startBench);
  after(() => s?.stop());

  it('CANARY: green to 100 %, 10 % of production traffic, bake, the rest, bake, clean up', async () => {
    const name = await stableService({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 }, bakeTimeInMinutes: 1 });
    const t0 = (await s.sandbox.client.clock()).now;
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:2') }));
    const { stages, statuses, weights, final } = await observe(name);
    assert.equal(final.status, 'SUCCESSFUL');
    assert.deepEqual(statuses, ['PENDING', 'IN_PROGRESS', 'SUCCESSFUL']);
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
});
