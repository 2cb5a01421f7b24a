/**
 * The engine context handed to every module: state, simulated time, scenarios, timings and side
 * effects, plus the hooks that let task lifecycle code notify the service scheduler without an
 * import cycle.
 */
import type { Scheduler } from '../types.js';
import type { ArnScope } from './arns.js';
import type { ScenarioRegistry } from './scenarios.js';
import type { SideEffectQueue } from './side-effects.js';
import type { ServiceRecord, Store, TaskRecord } from './store.js';
import type { Timings } from './timings.js';

/** What happened to a task, as far as its service is concerned. */
export type TaskChange =
  /** reached RUNNING */
  | 'running'
  /** now counts toward minimumHealthyPercent */
  | 'healthy'
  /** failed a container or ELB health check (task.sim.unhealthy says which) */
  | 'unhealthy'
  /** stop requested for a reason other than the scheduler or a user (pull error, exit…) */
  | 'failed'
  /** reached STOPPED */
  | 'stopped';

export interface EngineContext extends ArnScope {
  store: Store;
  scheduler: Scheduler;
  timings: Timings;
  scenarios: ScenarioRegistry;
  effects: SideEffectQueue;
  log(message: string): void;
  /** Simulated epoch ms. */
  now(): number;
  /** Runs `action` after `seconds` of simulated time, unless the engine was reset meanwhile. */
  after(seconds: number, action: () => void): void;
  /** Set by the service scheduler; called by task lifecycle code. */
  taskChanged(task: TaskRecord, change: TaskChange): void;
  /** Set by the service scheduler: run a scheduler pass for `service` in `delaySeconds` (coalesced). */
  reconcile(service: ServiceRecord, delaySeconds?: number): void;
}

/** Builds `after` on top of the Scheduler: reset-safe, and an action's error never escapes into the clock. */
export function makeAfter(ctx: Pick<EngineContext, 'store' | 'scheduler' | 'log'>) {
  return (seconds: number, action: () => void): void => {
    const store = ctx.store;
    ctx.scheduler.after(Math.max(0, Math.round(seconds * 1000)), () => {
      if (ctx.store !== store) return;
      try {
        action();
      } catch (e) {
        ctx.log(`ecs engine: scheduled action failed: ${(e as Error)?.stack ?? String(e)}`);
      }
    });
  };
}

/** One ECS API operation: parsed JSON input → output object (or a thrown AwsError). */
export type Operation = (ctx: EngineContext, input: import('./input.js').Json) => unknown;
export type OperationTable = Record<string, Operation>;
