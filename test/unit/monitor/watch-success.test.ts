import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryIoHost } from '../../../src/io/hosts.js';
import { UserInputError } from '../../../src/errors.js';
import { watchDeployment, type ProgressSnapshot, type WatchOptions } from '../../../src/monitor/index.js';
import { FakeClock, NEW, OLD, T0, TD, event, scriptedSource, sdep, svc, type ScriptedSourceOptions } from './fixtures.js';

function setup(o: ScriptedSourceOptions, extra: Partial<WatchOptions> = {}) {
  const clock = new FakeClock();
  const io = new MemoryIoHost();
  const source = scriptedSource(clock, o);
  const opts: WatchOptions = { source, io, clock, waitUntil: 'stable', timeoutMs: 600_000, targetTaskDefinitionArn: TD(2), deploymentStartedAt: T0, ...extra };
  return { clock, io, source, run: () => watchDeployment(opts) };
}

const rolling = {
  services: [
    [0, svc({ deployments: [NEW(), OLD()] })],
    [1500, svc({ deployments: [NEW({ pending: 2 }), OLD()] })],
    [2500, svc({ deployments: [NEW({ running: 1, pending: 1 }), OLD()] })],
    [3200, svc({ deployments: [NEW({ running: 2 }), OLD({ running: 1 })] })],
    [4000, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' }), OLD({ running: 1 })] })],
    [30_000, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })] })],
  ],
} satisfies ScriptedSourceOptions;

test('stable: waits for old tasks to drain, records the timeline and emits SUCCEEDED', async () => {
  const { io, source, run } = setup(rolling);
  const r = await run();
  assert.equal(r.outcome, 'succeeded');
  assert.ok(r.elapsedMs >= 30_000 && r.elapsedMs <= 40_000, `elapsed ${r.elapsedMs}`);
  assert.equal(r.finalService.deployments?.length, 1);
  assert.deepEqual(r.timeline.map((t) => t.phase), ['SCALE_UP', 'CLEAN_UP', 'COMPLETED']);
  assert.ok(r.timeline.every((t) => t.end !== undefined && t.end >= t.start));
  assert.equal(io.withCode('ECSX_DEPLOY_SUCCEEDED').length, 1);
  assert.match(io.withCode('ECSX_DEPLOY_SUCCEEDED')[0].message, /service is stable on app:2/);
  assert.equal(r.polls, source.pollTimes.length);
});

test('deployed: succeeds when the new deployment COMPLETED, even while old tasks drain', async () => {
  const { run, source } = setup(rolling, { waitUntil: 'deployed' });
  const r = await run();
  assert.ok(r.elapsedMs >= 4000 && r.elapsedMs <= 6000, `elapsed ${r.elapsedMs}`);
  assert.equal(r.finalService.deployments?.length, 2);
  assert.ok(source.pollTimes.at(-1)! - 4000 <= 2000);
});

test('deployed: with the ServiceDeployments API, SUCCESSFUL decides (not classic COMPLETED)', async () => {
  const { run } = setup({
    services: [[0, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' }), OLD({ running: 1 })], currentServiceDeployment: 'sd-arn' })]],
    sds: [
      [0, sdep({ arn: 'sd-arn', status: 'IN_PROGRESS' })],
      [20_000, sdep({ arn: 'sd-arn', status: 'SUCCESSFUL' })],
    ],
  }, { waitUntil: 'deployed' });
  const r = await run();
  assert.ok(r.elapsedMs >= 20_000, `elapsed ${r.elapsedMs}`);
  assert.equal(r.serviceDeployment?.status, 'SUCCESSFUL');
});

for (const strategy of ['ROLLING', 'CANARY'] as const) {
  test(`deployed (${strategy}): a ServiceDeployment created before the change is not ours`, async () => {
    const { run } = setup({
      services: [[0, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })], strategy })]],
      sds: [
        [0, sdep({ arn: 'old', status: 'SUCCESSFUL', createdAt: new Date(T0 - 3_600_000) })],
        [5000, sdep({ arn: 'new', status: 'SUCCESSFUL' })],
      ],
    }, { waitUntil: 'deployed' });
    const r = await run();
    // ROLLING falls back to deployments[] (COMPLETED at once); CANARY needs its ServiceDeployment.
    if (strategy === 'ROLLING') assert.equal(r.serviceDeployment, undefined);
    else assert.equal(r.serviceDeployment?.serviceDeploymentArn, 'new');
  });
}

test('ecs:BAKE_TIME: canary lifecycle stages, traffic weights in progress data', async () => {
  const stage = (s: string, w: number, t: number) =>
    [t, sdep({ lifecycleStage: s as never, targetServiceRevision: { requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0, requestedProductionTrafficWeight: w } })] as [number, ReturnType<typeof sdep>];
  const { io, run } = setup({
    services: [[0, svc({ deployments: [NEW({ running: 2 }), OLD()], strategy: 'CANARY', currentServiceDeployment: 'arn:sd' })]],
    sds: [stage('SCALE_UP', 0, 0), stage('PRODUCTION_TRAFFIC_SHIFT', 5, 10_000), stage('BAKE_TIME', 100, 190_000), stage('CLEAN_UP', 100, 370_000)],
  }, { waitUntil: 'ecs:BAKE_TIME' });
  const r = await run();
  assert.ok(r.elapsedMs >= 190_000 && r.elapsedMs <= 200_000, `elapsed ${r.elapsedMs}`);
  assert.deepEqual(r.timeline.map((t) => t.phase), ['SCALE_UP', 'PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'COMPLETED']);
  const snaps = io.withCode('ECSX_DEPLOY_PROGRESS').map((m) => m.data as ProgressSnapshot);
  assert.ok(snaps.some((s) => s.serviceDeployment?.target?.productionTrafficWeight === 5));
});

test('ecs:STAGE is rejected for ROLLING services', async () => {
  const { run } = setup(rolling, { waitUntil: 'ecs:SCALE_UP' });
  await assert.rejects(run(), (e: unknown) => e instanceof UserInputError && /ROLLING/.test(e.message));
});

test('CANARY with the ServiceDeployments API: classic COMPLETED alone is not success ("ACTIVE does not mean ready")', async () => {
  const { run } = setup({
    services: [[0, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })], strategy: 'CANARY' })]],
    sds: [[0, undefined], [8000, sdep({ status: 'SUCCESSFUL' })]],
  }, { waitUntil: 'deployed' });
  const r = await run();
  assert.ok(r.elapsedMs >= 8000, `elapsed ${r.elapsedMs}`);
});

test('service events: each once, oldest first, only after the deployment started', async () => {
  const e0 = event('e0', -60_000, '(service web) has reached a steady state.');
  const e1 = event('e1', 1000, '(service web) has started 2 tasks: (task a) (task b).');
  const e2 = event('e2', 2000, '(service web) registered 2 targets in (target-group tg)');
  const e3 = event('e3', 3000, '(service web) (deployment ecs-svc/2) deployment completed.');
  const e4 = event('e4', 3001, '(service web) has reached a steady state.');
  const { io, run } = setup({
    services: [
      [0, svc({ deployments: [NEW(), OLD()], events: [e0] })],
      [1000, svc({ deployments: [NEW({ pending: 2 }), OLD()], events: [e1, e0] })],
      [2000, svc({ deployments: [NEW({ running: 2 }), OLD()], events: [e2, e1, e0] })],
      [3001, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })], events: [e4, e3, e2, e1, e0] })],
    ],
  });
  await run();
  assert.deepEqual(io.withCode('ECSX_SERVICE_EVENT').map((m) => (m.data as { id: string }).id), ['e1', 'e2', 'e3', 'e4']);
});

test('progress: info on change, debug when nothing changed', async () => {
  const { io, run } = setup({
    services: [
      [0, svc({ deployments: [NEW(), OLD()] })],
      [20_000, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })] })],
    ],
  });
  await run();
  const levels = io.withCode('ECSX_DEPLOY_PROGRESS').map((m) => m.level);
  assert.equal(levels[0], 'info');
  assert.equal(levels.at(-1), 'info');
  assert.ok(levels.slice(1, -1).every((l) => l === 'debug'));
  const snap = io.withCode('ECSX_DEPLOY_PROGRESS')[0].data as ProgressSnapshot;
  assert.deepEqual(snap.deployments.map((d) => [d.status, d.desired, d.running, d.rolloutState]), [['PRIMARY', 2, 0, 'IN_PROGRESS'], ['ACTIVE', 2, 2, 'COMPLETED']]);
  assert.equal(snap.elapsedMs, 0);
});

test('transient DescribeServices errors are retried with a warning', async () => {
  let calls = 0;
  const { io, run } = setup({
    services: [[0, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })] })]],
    onPoll: () => {
      if (++calls <= 2) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    },
  });
  const r = await run();
  assert.equal(r.outcome, 'succeeded');
  assert.equal(io.withCode('ECSX_MONITOR_POLL_ERROR').length, 2);
});

test('persistent DescribeServices errors end the watch', async () => {
  const { run } = setup({ services: [[0, svc({ deployments: [NEW()] })]], onPoll: () => { throw new Error('boom'); } });
  await assert.rejects(run(), /boom/);
});

test('PAUSE hook awaiting action is warned about once', async () => {
  const hook = { hookId: 'h-1', status: 'AWAITING_ACTION' as const };
  const { io, run } = setup({
    services: [[0, svc({ deployments: [NEW({ running: 2 }), OLD()], strategy: 'BLUE_GREEN', currentServiceDeployment: 'arn:sd' })]],
    sds: [[0, sdep({ lifecycleStage: 'POST_SCALE_UP', lifecycleHookDetails: [hook] })], [30_000, sdep({ status: 'SUCCESSFUL' })]],
  }, { waitUntil: 'deployed' });
  await run();
  assert.equal(io.withCode('ECSX_DEPLOY_HOOK_AWAITING').length, 1);
});

test('requireServiceDeployment (Express): classic COMPLETED is not enough while the API answers', async () => {
  const { run } = setup({
    services: [[0, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })] })]],
    sds: [[0, undefined], [7000, sdep({ status: 'SUCCESSFUL' })]],
  }, { waitUntil: 'deployed', requireServiceDeployment: true });
  const r = await run();
  assert.ok(r.elapsedMs >= 7000, `elapsed ${r.elapsedMs}`);
});

test('a ServiceDeployments API that keeps failing is given up with a warning; deployments[] decides', async () => {
  const clock = new FakeClock();
  const io = new MemoryIoHost();
  const source = scriptedSource(clock, { services: [[0, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })], strategy: 'CANARY', currentServiceDeployment: 'arn:sd' })]] });
  source.describeServiceDeployment = async () => {
    throw new Error('UnsupportedFeatureException');
  };
  const r = await watchDeployment({ source, io, clock, waitUntil: 'deployed', timeoutMs: 60_000, targetTaskDefinitionArn: TD(2), deploymentStartedAt: T0 });
  assert.equal(r.outcome, 'succeeded');
  assert.equal(r.polls, 3);
  assert.match(io.withCode('ECSX_MONITOR_POLL_ERROR')[0].message, /not usable, following service.deployments only: UnsupportedFeatureException/);
});

test('a ServiceDeployment that never shows up is given up after 30 s', async () => {
  const { io, run } = setup({
    services: [[0, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })], strategy: 'CANARY' })]],
    sds: [[0, undefined]],
  }, { waitUntil: 'deployed' });
  const r = await run();
  assert.ok(r.elapsedMs >= 30_000 && r.elapsedMs < 41_000, `elapsed ${r.elapsedMs}`);
  assert.match(io.withCode('ECSX_MONITOR_POLL_ERROR')[0].message, /no service deployment for this change/);
});
