import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryIoHost } from '../../../src/io/hosts.js';
import { DeploymentFailedError, DeploymentRolledBackError, ExitCode, InterruptedError, exitCodeFor } from '../../../src/errors.js';
import { deployFailureData, watchDeployment, type WatchOptions } from '../../../src/monitor/index.js';
import { FakeClock, NEW, OLD, T0, TD, dep, event, scriptedSource, sdep, stoppedTask, svc, type ScriptedSourceOptions } from './fixtures.js';

function setup(o: ScriptedSourceOptions, extra: Partial<WatchOptions> = {}) {
  const clock = new FakeClock();
  const io = new MemoryIoHost();
  const source = scriptedSource(clock, o);
  const opts: WatchOptions = { source, io, clock, waitUntil: 'stable', timeoutMs: 600_000, targetTaskDefinitionArn: TD(2), deploymentStartedAt: T0, ...extra };
  return { clock, io, source, run: () => watchDeployment(opts) };
}

const breaker = { enable: true, rollback: true };
const pullFailure = () =>
  stoppedTask({
    stopCode: 'TaskFailedToStart',
    stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/app:bad: not found',
    containers: [{ name: 'app', lastStatus: 'STOPPED', reason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' }],
  });
const exitFailure = () =>
  stoppedTask({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'app', lastStatus: 'STOPPED', exitCode: 1 }, { name: 'log-router', lastStatus: 'STOPPED', exitCode: 0 }] });
const otherDeployment = () => stoppedTask({ startedBy: 'ecs-svc/1', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'app', exitCode: 2 }] });

const rollback: ScriptedSourceOptions['services'] = [
  [0, svc({ deployments: [NEW(), OLD()], breaker })],
  [10_000, svc({ deployments: [NEW({ failed: 1 }), OLD()], breaker })],
  [60_000, svc({
    deployments: [OLD({ status: 'PRIMARY', rollout: 'IN_PROGRESS', reason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.' }), NEW({ status: 'ACTIVE', rollout: 'FAILED', reason: 'ECS deployment circuit breaker: tasks failed to start.', failed: 3 })],
    breaker,
    events: [event('r2', 60_000, '(service web) rolling back to deployment ecs-svc/1.'), event('r1', 60_000, '(service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.')],
  })],
  [84_000, svc({ deployments: [OLD({ status: 'PRIMARY', rollout: 'COMPLETED' })], breaker })],
];

test('circuit breaker rollback → DeploymentRolledBackError (exit 3) with diagnosis and log tail', async () => {
  const { io, source, clock, run } = setup({
    services: rollback,
    stopped: [pullFailure(), pullFailure(), exitFailure(), otherDeployment()],
    logs: { app: Array.from({ length: 15 }, (_, i) => `line ${i + 1}`), 'log-router': ['should not be read'] },
  });
  const err = await run().then(() => assert.fail('expected a rollback'), (e: unknown) => e);
  assert.ok(err instanceof DeploymentRolledBackError);
  assert.equal(exitCodeFor(err), ExitCode.ROLLED_BACK);
  assert.match(err.message, /deployment of app:2 failed: ECS deployment circuit breaker: tasks failed to start; ECS rolled back to app:1 \(ecs-svc\/1\)/);
  assert.match(err.message, /2 tasks stopped: CannotPullContainerError/);
  assert.match(err.message, /1 task stopped: Essential container in task exited \(EssentialContainerExited\); container app exit code 1/);
  assert.match(err.message, /\| line 15/);
  assert.doesNotMatch(err.message, /line 5\b/); // last 10 lines only
  const data = deployFailureData(err)!;
  assert.equal(data.state, 'rolled-back');
  assert.deepEqual(data.rollbackTo, { id: 'ecs-svc/1', taskDefinition: TD(1) });
  assert.equal(data.diagnosis?.tasks, 3); // the other deployment's task is not ours
  assert.deepEqual(source.listedBy, ['ecs-svc/2']);
  assert.deepEqual(source.tailed.map((t) => t.split('/')[1]), ['app']); // pull failures have no logs; exit-0 containers are not tailed
  // Said immediately, at the poll that saw the failure, before the rollback finished.
  const failed = io.withCode('ECSX_DEPLOY_FAILED');
  assert.equal(failed.length, 1);
  assert.ok(failed[0].time - T0 >= 60_000 && failed[0].time - T0 <= 70_000, `failed at ${failed[0].time - T0}`);
  assert.match(failed[0].message, /waiting for ECS to roll back/);
  assert.equal((failed[0].data as { final: boolean }).final, false);
  const end = io.withCode('ECSX_DEPLOY_ROLLED_BACK');
  assert.equal(end.length, 1);
  assert.ok(end[0].time - T0 >= 84_000);
  assert.equal(io.withCode('ECSX_DEPLOY_ROLLBACK_UNCONFIRMED').length, 0);
  assert.equal(io.withCode('ECSX_TASK_STOPPED').length, 2);
  assert.ok(clock.now() - T0 >= 84_000);
  assert.deepEqual(data.timeline.map((t) => t.phase), ['SCALE_UP', 'ROLLBACK', 'ROLLED_BACK']);
  assert.deepEqual(io.withCode('ECSX_SERVICE_EVENT').map((m) => m.level), ['warn', 'warn']);
});

test('circuit breaker without rollback → DeploymentFailedError DEPLOYMENT_FAILED (exit 4), said at once', async () => {
  const { io, run } = setup({
    services: [
      [0, svc({ deployments: [NEW(), OLD()] })],
      [45_000, svc({ deployments: [NEW({ rollout: 'FAILED', reason: 'ECS deployment circuit breaker: tasks failed to start.', failed: 3 }), OLD()] })],
    ],
    stopped: [exitFailure(), exitFailure(), exitFailure()],
  });
  const err = await run().then(() => assert.fail('expected failure'), (e: unknown) => e);
  assert.ok(err instanceof DeploymentFailedError);
  assert.equal(err.code, 'DEPLOYMENT_FAILED');
  assert.equal(exitCodeFor(err), ExitCode.FAILED);
  assert.match(err.message, /3 tasks stopped: Essential container in task exited/);
  // Seen at the first poll after it happened: at most one (capped) interval later.
  assert.ok(io.withCode('ECSX_DEPLOY_FAILED')[0].time - T0 <= 55_000);
  assert.equal(deployFailureData(err)?.state, 'failed');
  assert.equal((io.withCode('ECSX_DEPLOY_FAILED')[0].data as { final: boolean }).final, true);
  assert.equal(io.withCode('ECSX_DEPLOY_ROLLBACK_UNCONFIRMED').length + io.withCode('ECSX_DEPLOY_ROLLED_BACK').length, 0);
});

test('rollback configured but never starts → failure after the grace period', async () => {
  const { clock, io, run } = setup({ services: [[0, svc({ deployments: [NEW()], breaker })], [30_000, svc({ deployments: [NEW({ rollout: 'FAILED', failed: 3 })], breaker })]] });
  await assert.rejects(run(), (e: unknown) => e instanceof DeploymentFailedError && /did not start a rollback/.test(e.message));
  assert.deepEqual(io.messages.filter((m) => /FAILED|ROLL/.test(m.code)).map((m) => m.code), ['ECSX_DEPLOY_FAILED', 'ECSX_DEPLOY_ROLLBACK_UNCONFIRMED']);
  assert.ok(clock.now() - T0 >= 90_000 && clock.now() - T0 < 101_000);
});

test('ServiceDeployment ROLLBACK_SUCCESSFUL → rolled back; STOPPED → failed', async () => {
  const services: ScriptedSourceOptions['services'] = [[0, svc({ deployments: [NEW(), OLD()], currentServiceDeployment: 'arn:sd' })]];
  const a = setup({ services, sds: [[0, sdep()], [20_000, sdep({ status: 'ROLLBACK_IN_PROGRESS' })], [40_000, sdep({ status: 'ROLLBACK_SUCCESSFUL' })]] });
  await assert.rejects(a.run(), DeploymentRolledBackError);
  assert.equal(a.io.withCode('ECSX_DEPLOY_FAILED').length, 1);
  const b = setup({ services, sds: [[0, sdep()], [20_000, sdep({ status: 'STOPPED', statusReason: 'Service deployment stopped.' })]] });
  await assert.rejects(b.run(), (e: unknown) => e instanceof DeploymentFailedError && e.code === 'DEPLOYMENT_FAILED');
});

test('PRIMARY-TD confirm: "stable" on the previous task definition is a rollback (#732)', async () => {
  const { run } = setup({
    services: [
      [0, svc({ deployments: [NEW(), OLD()] })],
      [30_000, svc({ deployments: [OLD({ status: 'PRIMARY', rollout: 'COMPLETED' })] })],
    ],
  });
  await assert.rejects(run(), DeploymentRolledBackError);
});

test('PRIMARY-TD confirm: same task definition, rolled back to the older deployment id', async () => {
  const same = (o: Omit<Parameters<typeof dep>[0], 'td'>) => dep({ ...o, td: 2 });
  const { run } = setup({
    services: [
      [0, svc({ deployments: [same({ id: 'ecs-svc/2', rollout: 'IN_PROGRESS', createdAt: T0 }), same({ id: 'ecs-svc/1', status: 'ACTIVE', running: 2, rollout: 'COMPLETED', createdAt: T0 - 86_400_000 })] })],
      [30_000, svc({ deployments: [same({ id: 'ecs-svc/1', running: 2, rollout: 'COMPLETED', createdAt: T0 - 86_400_000 })] })],
    ],
  }, { targetDeploymentId: 'ecs-svc/2' });
  await assert.rejects(run(), DeploymentRolledBackError);
});

test('a stale first read (old deployment only) is not mistaken for a rollback', async () => {
  const { run } = setup({
    services: [
      [0, svc({ deployments: [OLD({ status: 'PRIMARY' })] })],
      [2000, svc({ deployments: [NEW(), OLD()] })],
      [9000, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })] })],
    ],
  });
  const r = await run();
  assert.equal(r.outcome, 'succeeded');
});

test('timeout → DeploymentFailedError TIMEOUT with the state, never a hang', async () => {
  const { clock, io, run } = setup({ services: [[0, svc({ deployments: [NEW({ running: 1, pending: 1 }), OLD({ running: 1 })] })]] });
  const err = await run().then(() => assert.fail('expected timeout'), (e: unknown) => e);
  assert.ok(err instanceof DeploymentFailedError);
  assert.equal(err.code, 'TIMEOUT');
  assert.equal(exitCodeFor(err), ExitCode.FAILED);
  assert.match(err.message, /^timed out after 10m0s waiting for the service to become stable \(app:2\); the deployment continues in ECS: PRIMARY app:2 running 1\/2 pending 1 IN_PROGRESS; ACTIVE app:1 running 1\/2 COMPLETED$/);
  assert.equal(clock.now() - T0, 600_000); // the last poll is exactly at the deadline
  assert.equal(io.withCode('ECSX_DEPLOY_FAILED').length, 1);
  assert.equal(deployFailureData(err)?.state, 'timeout');
});

test('timeout with failing tasks includes the diagnosis', async () => {
  const { run } = setup({ services: [[0, svc({ deployments: [NEW({ failed: 2 }), OLD()] })]], stopped: [exitFailure(), exitFailure()] }, { timeoutMs: 120_000 });
  await assert.rejects(run(), (e: unknown) => e instanceof DeploymentFailedError && e.code === 'TIMEOUT' && /2 tasks stopped: Essential container/.test(e.message));
});

test('timeout 0 means no limit', async () => {
  const { run } = setup({ services: [[0, svc({ deployments: [NEW(), OLD()] })], [3_600_000, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })] })]] }, { timeoutMs: 0 });
  const r = await run();
  assert.ok(r.elapsedMs >= 3_600_000);
});

test('abort (Ctrl-C) → InterruptedError saying the deployment goes on', async () => {
  const ac = new AbortController();
  const { clock, io, run } = setup(
    { services: [[0, svc({ deployments: [NEW({ running: 1 }), OLD()] })]], onPoll: (n) => n === 4 && ac.abort(new Error('SIGINT')) },
    { signal: ac.signal },
  );
  const err = await run().then(() => assert.fail('expected interruption'), (e: unknown) => e);
  assert.ok(err instanceof InterruptedError, String(err));
  assert.equal(exitCodeFor(err), ExitCode.INTERRUPTED);
  assert.match(err.message, /the deployment goes on in ECS: PRIMARY app:2 running 1\/2/);
  assert.ok(clock.now() - T0 < 10_000);
  assert.equal(io.withCode('ECSX_DEPLOY_INTERRUPTED').length, 1);
});

test('abort while sleeping', async () => {
  const ac = new AbortController();
  const clock = new FakeClock();
  const source = scriptedSource(clock, { services: [[0, svc({ deployments: [NEW(), OLD()] })]] });
  const sleepy = { now: () => clock.now(), sleep: (ms: number, signal?: AbortSignal) => (ac.abort(new Error('SIGINT')), clock.sleep(ms, signal)) };
  await assert.rejects(watchDeployment({ source, io: new MemoryIoHost(), clock: sleepy, waitUntil: 'stable', timeoutMs: 0, signal: ac.signal }), InterruptedError);
});

test('service disappears → DeploymentFailedError', async () => {
  const { run } = setup({ services: [[0, svc({ deployments: [NEW(), OLD()] })], [5000, undefined]] });
  await assert.rejects(run(), (e: unknown) => e instanceof DeploymentFailedError && /service not found/.test(e.message));
});
