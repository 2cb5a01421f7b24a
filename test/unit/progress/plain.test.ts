import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IoMessage } from '../../../src/io/messages.js';
import { PlainProgressHost } from '../../../src/cli/progress/index.js';
import { T0, snap } from './snapshots.js';

const msg = (code: string, data: unknown, message = code, level: IoMessage['level'] = 'info', time = T0): IoMessage => ({ code, level, message, time, data });

function host(level?: IoMessage['level']) {
  const err: string[] = [];
  const out: string[] = [];
  return { h: new PlainProgressHost({ out: (t) => out.push(t), err: (t) => err.push(t), level }), err, out };
}

test('one timestamped line per change, not per poll', async () => {
  const { h, err } = host();
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ elapsedMs: 0 })));
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ elapsedMs: 1000 }), 'same', 'debug', T0 + 1000));
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ elapsedMs: 2500 }), 'same', 'debug', T0 + 2500));
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ running: 2, elapsedMs: 4750 }), 'changed', 'info', T0 + 4750));
  assert.deepEqual(err, [
    '2026-01-01T00:00:00.000Z [SCALE_UP] PRIMARY app:42 running 0/4 IN_PROGRESS; ACTIVE app:41 running 4/4 COMPLETED (0s)\n',
    '2026-01-01T00:00:04.750Z [SCALE_UP] PRIMARY app:42 running 2/4 IN_PROGRESS; ACTIVE app:41 running 4/4 COMPLETED (4s)\n',
  ]);
});

test('service events are timestamped lines, subject to the level', async () => {
  const { h, err } = host('warn');
  await h.notify(msg('ECSX_SERVICE_EVENT', {}, '(service web) has started 1 tasks: (task a).', 'info', T0 + 1000));
  await h.notify(msg('ECSX_SERVICE_EVENT', {}, '(service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.', 'warn', T0 + 2000));
  assert.deepEqual(err, ['2026-01-01T00:00:02.000Z (service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.\n']);
});

test('other messages print as PlainIoHost does; results go to out', async () => {
  const { h, err, out } = host();
  await h.notify(msg('ECSX_DEPLOY_FAILED', {}, 'deployment of app:42 failed', 'error'));
  await h.notify(msg('ECSX_TASK_STOPPED', {}, '2 tasks stopped: x', 'warn'));
  await h.notify(msg('ECSX_RESULT', {}, 'the result', 'result'));
  assert.deepEqual(err, ['error: deployment of app:42 failed\n', 'warning: 2 tasks stopped: x\n']);
  assert.deepEqual(out, ['the result\n']);
});

test('the ServiceDeployment stage is part of the line', async () => {
  const { h, err } = host();
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ phase: 'BAKE_TIME', sd: { status: 'IN_PROGRESS', lifecycleStage: 'BAKE_TIME', target: { requested: 4, running: 4, pending: 0, productionTrafficWeight: 100 } } })));
  assert.match(err[0], /\[BAKE_TIME\] .*; service deployment IN_PROGRESS at BAKE_TIME \(production 100%\)/);
});
