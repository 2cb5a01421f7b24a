// The monitor and the renderers together: a rollout on the fake clock drawn on the test screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgressHost } from '../../../src/cli/progress/index.js';
import { DeploymentRolledBackError } from '../../../src/errors.js';
import { watchDeployment } from '../../../src/monitor/index.js';
import { FakeClock, NEW, OLD, T0, TD, event, scriptedSource, stoppedTask, svc } from '../monitor/fixtures.js';
import { Screen } from './screen.js';

const e1 = event('e1', 1000, '(service web) has started 2 tasks: (task a) (task b).');
const e2 = event('e2', 6000, '(service web) (deployment ecs-svc/2) deployment completed.');

function run(isTTY: boolean, services: Parameters<typeof scriptedSource>[1]) {
  const clock = new FakeClock();
  const screen = new Screen(300); // wide enough that messages do not wrap; the block is cut at 90
  const lines: string[] = [];
  const io = createProgressHost({ isTTY, out: (t) => screen.write(t), err: (t) => (lines.push(t), screen.write(t)), columns: 90, formatTime: (ms) => `+${(ms - T0) / 1000}s` });
  const p = watchDeployment({ source: scriptedSource(clock, services), io, clock, waitUntil: 'stable', timeoutMs: 600_000, targetTaskDefinitionArn: TD(2), deploymentStartedAt: T0 });
  return { p, screen, lines };
}

const ok = {
  services: [
    [0, svc({ deployments: [NEW(), OLD()] })],
    [1000, svc({ deployments: [NEW({ pending: 2 }), OLD()], events: [e1] })],
    [3000, svc({ deployments: [NEW({ running: 2 }), OLD()], events: [e1] })],
    [6000, svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })], events: [e2, e1] })],
  ],
} as Parameters<typeof scriptedSource>[1];

test('TTY: events above, final frame and success message at the end', async () => {
  const { p, screen } = run(true, ok);
  await p;
  assert.deepEqual(screen.text(), [
    '+1s (service web) has started 2 tasks: (task a) (task b).',
    '+6s (service web) (deployment ecs-svc/2) deployment completed.',
    '✔ web  succeeded  6s  service is stable on app:2',
    '  PRIMARY  app:2  desired 2 pending 0 running 2 [████████████] COMPLETED',
    'service is stable on app:2 (6s)',
  ]);
});

test('plain: one line per change', async () => {
  const { p, lines } = run(false, ok);
  await p;
  assert.deepEqual(lines, [
    '+0s [SCALE_UP] PRIMARY app:2 running 0/2 IN_PROGRESS; ACTIVE app:1 running 2/2 COMPLETED (0s)\n',
    '+1s (service web) has started 2 tasks: (task a) (task b).\n',
    '+1s [SCALE_UP] PRIMARY app:2 running 0/2 pending 2 IN_PROGRESS; ACTIVE app:1 running 2/2 COMPLETED (1s)\n',
    '+3.5s [CLEAN_UP] PRIMARY app:2 running 2/2 IN_PROGRESS; ACTIVE app:1 running 2/2 COMPLETED (3s)\n',
    '+6s (service web) (deployment ecs-svc/2) deployment completed.\n',
    '+6s [COMPLETED] PRIMARY app:2 running 2/2 COMPLETED (6s)\n',
    'service is stable on app:2 (6s)\n',
  ]);
});

test('TTY: a rollback ends on the failure frame with the diagnosis under it', async () => {
  const breaker = { enable: true, rollback: true };
  const { p, screen } = run(true, {
    services: [
      [0, svc({ deployments: [NEW(), OLD()], breaker })],
      [20_000, svc({ deployments: [OLD({ status: 'PRIMARY', rollout: 'IN_PROGRESS' }), NEW({ status: 'ACTIVE', rollout: 'FAILED', reason: 'ECS deployment circuit breaker: tasks failed to start.' })], breaker })],
      [40_000, svc({ deployments: [OLD({ status: 'PRIMARY' })], breaker })],
    ],
    stopped: [stoppedTask({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'app', exitCode: 1 }] })],
  });
  await assert.rejects(p, DeploymentRolledBackError);
  const t = screen.text();
  assert.match(t[0], /^warning: deployment of app:2 failed: ECS deployment circuit breaker: tasks failed to start; ECS is rolling back to app:1 \(ecs-svc\/1\); waiting for ECS to roll back$/);
  assert.equal(t[1], 'warning: 1 task stopped: Essential container in task exited (EssentialContainerExited); container app exit code 1');
  assert.match(t[2], /^✖ web {2}rolled-back {2}4\ds {2}deployment of app:2 failed: ECS deployment circuit breaker: \S*…$/);
  assert.match(t[3], /^ {2}PRIMARY {2}app:1 {2}desired 2 pending 0 running 2 \[█+\] COMPLETED$/);
  assert.equal(t[4], 'error: deployment of app:2 failed: ECS deployment circuit breaker: tasks failed to start; ECS rolled back to app:1 (ecs-svc/1)');
  assert.equal(t.length, 5);
});
