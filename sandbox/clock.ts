/**
 * Simulated time for the sandbox: `now = start + realElapsed × timeScale + stepped offset`,
 * plus a queue of scheduled actions that run in time order, one at a time.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Scheduler } from './types.js';

/** Options for {@link SimClock}. */
export interface SimClockOptions {
  /** Simulated epoch (ms) at creation. Default: the real `Date.now()`. */
  startTime?: number;
  /** Simulated ms per real ms; 0 freezes time (it then moves only by `advance`). Default 1. */
  timeScale?: number;
  /** Background ticker period in real ms (runs due actions while time flows). Default 50. */
  tickMs?: number;
  /** Real monotonic time source in ms (tests may inject one). Default `performance.now`. */
  realNow?: () => number;
  /** Called when a scheduled action throws; the queue keeps going. Default: log to stderr. */
  onError?: (err: unknown) => void;
}

/** A point-in-time view of the clock, as the control API reports it. */
export interface ClockState {
  /** Simulated epoch ms. */
  now: number;
  /** `now` as ISO-8601. */
  iso: string;
  timeScale: number;
  /** Number of scheduled actions not yet run. */
  pending: number;
  /** Simulated epoch ms of the next scheduled action, if any. */
  next?: number;
}

interface Entry {
  time: number;
  seq: number;
  action: () => void | Promise<void>;
}

/**
 * The sandbox's {@link Scheduler}. All actions, and every caller of {@link SimClock.exclusive},
 * are serialised through one async mutex, so engine state is never touched by two of them at
 * once. The mutex is re-entrant within one async call chain (an action or request handler may
 * call `runDue()` again without deadlocking).
 */
export class SimClock implements Scheduler {
  private base: number;
  private realBase: number;
  private scale: number;
  private readonly realNow: () => number;
  private readonly onError: (err: unknown) => void;
  private readonly heap: Entry[] = [];
  private seq = 0;
  /** While an action runs, `now()` is pinned to its scheduled time (determinism). */
  private pinned: number | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly inLock = new AsyncLocalStorage<true>();
  private ticker: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(opts: SimClockOptions = {}) {
    this.realNow = opts.realNow ?? (() => performance.now());
    this.base = opts.startTime ?? Date.now();
    this.realBase = this.realNow();
    this.scale = checkScale(opts.timeScale ?? 1);
    this.onError = opts.onError ?? ((err) => console.error('[sandbox] scheduled action failed:', err));
    // unref'd so an idle sandbox never keeps the process alive on its own.
    this.ticker = setInterval(() => this.tick(), opts.tickMs ?? 50);
    this.ticker.unref();
  }

  now(): number {
    if (this.pinned !== undefined) return this.pinned;
    // Whole milliseconds: timestamps on the wire carry ms precision, and integers keep tests exact.
    return Math.floor(this.base + (this.realNow() - this.realBase) * this.scale);
  }

  get timeScale(): number {
    return this.scale;
  }

  at(time: number, action: () => void | Promise<void>): void {
    // An action scheduled in the past runs "now", never earlier than the time it was queued.
    push(this.heap, { time: Math.max(time, this.now()), seq: this.seq++, action });
  }

  after(ms: number, action: () => void | Promise<void>): void {
    this.at(this.now() + Math.max(0, ms), action);
  }

  runDue(): Promise<void> {
    return this.exclusive(async () => {
      let top: Entry | undefined;
      while ((top = this.heap[0]) !== undefined && top.time <= this.now()) {
        await this.runEntry(pop(this.heap)!);
      }
    });
  }

  /**
   * Steps simulated time forward by `ms`, running every action due on the way in time order;
   * each action sees `now()` equal to its own scheduled time. Resolves when all have run.
   */
  advance(ms: number): Promise<ClockState> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance by ${ms} ms`);
    return this.exclusive(async () => {
      const target = this.now() + ms;
      let top: Entry | undefined;
      while ((top = this.heap[0]) !== undefined && top.time <= target) {
        const entry = pop(this.heap)!;
        if (entry.time > this.now()) this.jumpTo(entry.time);
        await this.runEntry(entry);
      }
      if (target > this.now()) this.jumpTo(target);
      return this.state();
    });
  }

  /** Moves simulated time to `time` (forward only), running due actions. */
  async setTime(time: number): Promise<ClockState> {
    const delta = time - this.now();
    if (delta < 0) throw new RangeError('simulated time cannot go backwards');
    return this.advance(delta);
  }

  /** Changes the speed of time without a jump in `now()`. */
  setTimeScale(scale: number): ClockState {
    const now = this.now();
    this.scale = checkScale(scale);
    this.base = now;
    this.realBase = this.realNow();
    return this.state();
  }

  state(): ClockState {
    const now = this.now();
    const next = this.heap[0]?.time;
    return {
      now,
      iso: new Date(now).toISOString(),
      timeScale: this.scale,
      pending: this.heap.length,
      ...(next !== undefined ? { next } : {}),
    };
  }

  /**
   * Runs `fn` while holding the clock's mutex: no scheduled action (and no other exclusive
   * caller) runs concurrently. Re-entrant within the same async call chain.
   */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.inLock.getStore()) return Promise.resolve().then(fn);
    const run = () => this.inLock.run(true, () => Promise.resolve().then(fn));
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Drops every scheduled action (used by reset: old engine state must not fire later). */
  clear(): void {
    this.heap.length = 0;
  }

  /** Stops the background ticker. Pending actions stay queued. */
  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private jumpTo(time: number): void {
    this.base += time - this.now();
  }

  private async runEntry(entry: Entry): Promise<void> {
    this.pinned = entry.time;
    try {
      await entry.action();
    } catch (err) {
      this.onError(err);
    } finally {
      this.pinned = undefined;
    }
  }

  private tick(): void {
    if (this.ticking || this.scale === 0) return;
    const top = this.heap[0];
    if (!top || top.time > this.now()) return;
    this.ticking = true;
    this.runDue().finally(() => {
      this.ticking = false;
    });
  }
}

function checkScale(scale: number): number {
  if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`invalid timeScale ${scale}`);
  return scale;
}

// A binary min-heap ordered by (time, seq): seq keeps equal times in scheduling order.
function less(a: Entry, b: Entry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

function push(heap: Entry[], e: Entry): void {
  heap.push(e);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(heap[i]!, heap[p]!)) break;
    [heap[i], heap[p]] = [heap[p]!, heap[i]!];
    i = p;
  }
}

function pop(heap: Entry[]): Entry | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0 && last) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
  return top;
}
