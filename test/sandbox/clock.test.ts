/**
 * SimClock: scaled and frozen time, stepping, ordering, determinism and serialisation of
 * actions; then the clock control API with an engine that schedules work.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { SimClock } from '../../sandbox/clock.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import type { Scheduler, ServiceEngine } from '../../sandbox/types.js';

const T0 = Date.UTC(2025, 0, 1);

/** A clock driven by a hand-moved "real" time source, ticker effectively off. */
function manual(timeScale: number) {
  let real = 0;
  const clock = new SimClock({ startTime: T0, timeScale, realNow: () => real, tickMs: 60_000 });
  return { clock, move: (ms: number) => (real += ms) };
}

describe('SimClock', () => {
  it('scales real elapsed time and keeps now() continuous across scale changes', () => {
    const { clock, move } = manual(60);
    move(1000);
    assert.equal(clock.now(), T0 + 60_000);
    clock.setTimeScale(0);
    move(5000);
    assert.equal(clock.now(), T0 + 60_000);
    clock.setTimeScale(2);
    move(500);
    assert.equal(clock.now(), T0 + 61_000);
    assert.throws(() => clock.setTimeScale(-1), RangeError);
    clock.stop();
  });

  it('frozen time moves only by advance, which runs due actions in time order at their own time', async () => {
    const { clock, move } = manual(0);
    const seen: Array<[string, number]> = [];
    const rec = (name: string) => () => void seen.push([name, clock.now()]);
    clock.after(3000, rec('c'));
    clock.after(1000, rec('a1'));
    clock.after(1000, rec('a2')); // same time: scheduling order
    clock.after(2000, async () => {
      await new Promise((r) => setImmediate(r));
      seen.push(['b', clock.now()]);
      clock.after(500, rec('b+500')); // scheduled by an action, due within the same step
    });
    clock.after(10_000, rec('later'));
    move(60_000);
    await clock.runDue();
    assert.deepEqual(seen, []);
    const state = await clock.advance(5000);
    assert.deepEqual(seen, [['a1', T0 + 1000], ['a2', T0 + 1000], ['b', T0 + 2000], ['b+500', T0 + 2500], ['c', T0 + 3000]]);
    assert.equal(state.now, T0 + 5000);
    assert.equal(state.pending, 1);
    assert.equal(state.next, T0 + 10_000);
    await clock.setTime(T0 + 10_000);
    assert.deepEqual(seen.at(-1), ['later', T0 + 10_000]);
    await assert.rejects(clock.setTime(T0), RangeError);
    clock.stop();
  });

  it('is deterministic: the same schedule gives the same trace', async () => {
    const trace = async () => {
      const { clock } = manual(0);
      const out: string[] = [];
      const task = (id: number, step: number) => {
        out.push(`${id}@${clock.now() - T0}`);
        if (step < 3) clock.after(700 * (id + 1), () => task(id, step + 1));
      };
      for (let id = 0; id < 3; id++) clock.after(100 * id, () => task(id, 0));
      for (let i = 0; i < 7; i++) await clock.advance(1000);
      clock.stop();
      return out.join(' ');
    };
    const first = await trace();
    assert.equal(first, await trace());
    assert.match(first, /^0@0 1@100 2@200 0@700 0@1400 1@1500 0@2100 2@2300 1@2900 1@4300 2@4400 2@6500$/);
  });

  it('runDue runs past-due actions once, pinned to their scheduled time, never interleaved', async () => {
    const { clock, move } = manual(1);
    const events: string[] = [];
    let times: number[] = [];
    for (const id of ['x', 'y']) {
      clock.after(10, async () => {
        times.push(clock.now());
        events.push(`${id}:start`);
        await new Promise((r) => setTimeout(r, 5));
        events.push(`${id}:end`);
      });
    }
    move(1000);
    await Promise.all([clock.runDue(), clock.runDue(), clock.exclusive(() => events.push('request'))]);
    assert.deepEqual(events, ['x:start', 'x:end', 'y:start', 'y:end', 'request']);
    assert.deepEqual(times, [T0 + 10, T0 + 10]);
    assert.equal(clock.now(), T0 + 1000);
    times = [];
    await clock.runDue();
    assert.deepEqual(times, []);
    clock.stop();
  });

  it('exclusive is re-entrant and a failing action does not stop the queue', async () => {
    const errors: unknown[] = [];
    const clock = new SimClock({ startTime: T0, timeScale: 0, onError: (e) => errors.push(e) });
    const ran: string[] = [];
    clock.after(1, () => {
      throw new Error('bad action');
    });
    clock.after(2, () => void ran.push('ok'));
    await clock.exclusive(async () => {
      await clock.exclusive(async () => ran.push('nested'));
      await clock.advance(5); // would deadlock without re-entrancy
    });
    assert.deepEqual(ran, ['nested', 'ok']);
    assert.equal((errors[0] as Error).message, 'bad action');
    clock.stop();
  });

  it('the background ticker runs due actions while time flows', async () => {
    const clock = new SimClock({ timeScale: 1000, tickMs: 10 });
    let ran = false;
    clock.after(2000, () => void (ran = true)); // 2 simulated seconds = 2 real ms
    const deadline = Date.now() + 3000;
    while (!ran && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(ran, true);
    clock.stop();
  });
});

describe('clock control API', () => {
  let sandbox: Sandbox;
  let scheduler: Scheduler;
  const log: string[] = [];
  const engine: ServiceEngine = {
    async handle(op) {
      if (op === 'ListClusters') {
        // A request schedules work for later, as a deployment would.
        scheduler.after(30_000, () => void log.push(`tick30@${scheduler.now()}`));
        scheduler.after(0, () => void log.push(`now@${scheduler.now()}`));
        return { clusterArns: [] };
      }
      return {};
    },
    control: async () => ({}),
    reset: async () => void (log.length = 0),
  };

  before(async () => {
    sandbox = await startSandbox({
      moto: false,
      timeScale: 0,
      startTime: T0,
      engines: { ecs: (deps) => ((scheduler = deps.scheduler), engine) },
    });
  });
  after(() => sandbox.stop());

  it('GET/POST clock, scale and advance; actions run before the next request and on advance', async () => {
    assert.deepEqual(await sandbox.client.clock(), { now: T0, iso: '2025-01-01T00:00:00.000Z', timeScale: 0, pending: 0 });
    const ecs = new ECSClient({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    await ecs.send(new ListClustersCommand({}));
    assert.deepEqual(log, []); // after(0) is due, but nothing ran it yet: time is frozen
    await ecs.send(new ListClustersCommand({}));
    assert.deepEqual(log, [`now@${T0}`]); // ran before the second request was handled
    const stepped = await sandbox.client.advance(30);
    assert.equal(stepped.now, T0 + 30_000);
    assert.deepEqual(log, [`now@${T0}`, `now@${T0}`, `tick30@${T0 + 30_000}`, `tick30@${T0 + 30_000}`]);
    const set = await sandbox.client.setClock({ now: '2025-01-01T01:00:00Z' });
    assert.equal(set.iso, '2025-01-01T01:00:00.000Z');
    await assert.rejects(sandbox.client.setClock({ now: T0 }), { status: 400 });
    await assert.rejects(sandbox.client.advance(-1), { status: 400 });
    const scaled = await sandbox.client.setTimeScale(100);
    assert.equal(scaled.timeScale, 100);
    const deadline = Date.now() + 2000;
    while ((await sandbox.client.clock()).now < set.now + 1000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    assert.ok((await sandbox.client.clock()).now >= set.now + 1000);
    await sandbox.client.setTimeScale(0);
  });

  it('request log entries carry simulated time', async () => {
    await sandbox.client.reset();
    await sandbox.client.setClock({ now: '2030-06-01T00:00:00Z' });
    const ecs = new ECSClient({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    await ecs.send(new ListClustersCommand({}));
    const [entry] = await sandbox.client.requests({ since: '2030-01-01T00:00:00Z' });
    assert.equal(entry?.time, '2030-06-01T00:00:00.000Z');
    assert.deepEqual(await sandbox.client.requests({ since: '2031-01-01T00:00:00Z' }), []);
    // reset dropped the actions the earlier requests had scheduled.
    assert.equal((await sandbox.client.clock()).pending, 2);
  });
});
