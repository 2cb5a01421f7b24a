import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '@aws-sdk/client-ecs';
import { MemoryIoHost } from '../../../src/io/hosts.js';
import { watchDeployment } from '../../../src/monitor/index.js';
import { FakeClock, NEW, OLD, TD, T0, event, scriptedSource, svc, type Script } from './fixtures.js';

async function pollTimes(services: Script<Service | undefined>, extra: { pollMinMs?: number; pollMaxMs?: number } = {}) {
  const clock = new FakeClock();
  const source = scriptedSource(clock, { services });
  const r = await watchDeployment({ source, io: new MemoryIoHost(), clock, waitUntil: 'stable', timeoutMs: 0, targetTaskDefinitionArn: TD(2), deploymentStartedAt: T0, ...extra });
  return { times: source.pollTimes, sleeps: clock.sleeps, r };
}

const done = svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })] });
const waiting = svc({ deployments: [NEW(), OLD()] });

test('quiet deployment: 1 s, then ×1.5 up to the 10 s cap', async () => {
  const { times, sleeps } = await pollTimes([[0, waiting], [60_000, done]]);
  assert.deepEqual(sleeps.slice(0, 8), [1000, 1500, 2250, 3375, 5063, 7595, 10_000, 10_000]);
  assert.deepEqual(times.slice(0, 4), [0, 1000, 2500, 4750]);
  assert.ok(sleeps.slice(6).every((s) => s === 10_000));
  assert.ok(times.at(-1)! - 60_000 <= 10_000);
});

test('a change drops back to fast polling', async () => {
  const moved = svc({ deployments: [NEW({ running: 1 }), OLD()] });
  const { sleeps, times } = await pollTimes([[0, waiting], [45_000, moved], [120_000, done]]);
  const i = times.findIndex((t) => t >= 45_000);
  assert.equal(sleeps[i], 1000, `sleep after the change was ${sleeps[i]}`);
  assert.equal(sleeps[i + 1], 1500);
});

test('a new service event counts as a change', async () => {
  const withEvent = svc({ deployments: [NEW(), OLD()], events: [event('e1', 45_000, '(service web) has started 2 tasks: (task a) (task b).')] });
  const { sleeps, times } = await pollTimes([[0, waiting], [45_000, withEvent], [120_000, done]]);
  assert.equal(sleeps[times.findIndex((t) => t >= 45_000)], 1000);
});

// Early on counts move every second or so (tasks PENDING → RUNNING), so polling stays at 1 s and
// completion is seen within 1 s; from a quiet start it is still seen within 2 s during the first 2.5 s.
for (const doneAt of [1200, 2600, 3900, 5500, 8000, 12_300]) {
  test(`completion at ${doneAt} ms while counts move is noticed within 2 s`, async () => {
    const script: Script<Service | undefined> = [[0, waiting]];
    for (let t = 1000, n = 0; t < doneAt; t += 900, n++) script.push([t, svc({ deployments: [NEW({ pending: n % 3, running: n % 2 }), OLD()] })]);
    script.push([doneAt, done]);
    const { times, r } = await pollTimes(script);
    const noticed = times.at(-1)!;
    assert.ok(noticed - doneAt <= 2000 && noticed >= doneAt, `noticed at ${noticed}`);
    assert.equal(r.elapsedMs, noticed);
  });
}
for (const doneAt of [500, 1800, 2500]) {
  test(`completion at ${doneAt} ms from a quiet start is noticed within 2 s`, async () => {
    const { times } = await pollTimes([[0, waiting], [doneAt, done]]);
    assert.ok(times.at(-1)! - doneAt <= 2000, `noticed at ${times.at(-1)}`);
  });
}

test('custom poll bounds', async () => {
  const { sleeps } = await pollTimes([[0, waiting], [5000, done]], { pollMinMs: 200, pollMaxMs: 500 });
  assert.deepEqual(sleeps.slice(0, 4), [200, 300, 450, 500]);
});
