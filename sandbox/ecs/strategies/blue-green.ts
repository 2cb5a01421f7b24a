/**
 * The lifecycle of ECS-native traffic-shifting deployments (reference §4.3, §4.4). BLUE_GREEN,
 * LINEAR and CANARY share it and differ only in their {@link TrafficPlan}:
 *
 *   RECONCILE_SERVICE (only when more than one old revision runs) → PRE_SCALE_UP → SCALE_UP
 *   (green to 100 % of desiredCount, no traffic) → POST_SCALE_UP → TEST_TRAFFIC_SHIFT →
 *   POST_TEST_TRAFFIC_SHIFT → PRODUCTION_TRAFFIC_SHIFT (one shift per plan step, with the step
 *   bake time between steps) → POST_PRODUCTION_TRAFFIC_SHIFT → BAKE_TIME (bakeTimeInMinutes) →
 *   CLEAN_UP (blue scaled to 0) → SUCCESSFUL.
 *
 * Stages without work of their own last `lifecycleStage` seconds (lifecycle hooks are not
 * simulated). Blue keeps running until CLEAN_UP, so a rollback (circuit breaker, alarms,
 * StopServiceDeployment) only has to shift traffic back and stop green: ROLLBACK_IN_PROGRESS →
 * ROLLBACK_SUCCESSFUL. The scheduler (service-scheduler.ts) drives the passes; this file decides
 * what each pass does.
 */
import type { EngineContext } from '../context.js';
import { completeDeployment } from '../deployments.js';
import type { Json } from '../input.js';
import { isHealthy, isLive, isStarting, tasksOfService } from '../lookup.js';
import { launchServiceTasks, stopServiceTasks } from '../service-tasks.js';
import type { DeploymentRecord, ServiceDeploymentRecord, ServiceRecord, TaskRecord } from '../store.js';
import type { DeploymentStrategy, StrategyStep } from '../strategy.js';
import { registerTimings } from '../timings.js';
import {
  applyWeights,
  assignSide,
  failOnAlarms,
  fireScenarioAlarm,
  LIFECYCLE_STAGES,
  routeTasks,
  strategyTimings,
  timing,
  trafficOf,
  watchAlarms,
  type Stage,
} from './traffic.js';

registerTimings(strategyTimings);

const STAGES = LIFECYCLE_STAGES;

/** How production traffic moves to the new revision. */
export interface TrafficPlan {
  /** Production traffic percentages for the target revision, in order; the last one is 100. */
  steps: number[];
  /** Wait after each step but the last (canaryBakeTimeInMinutes / stepBakeTimeInMinutes). */
  stepBakeSeconds: number;
  /** bakeTimeInMinutes: after the last step, before CLEAN_UP. */
  bakeSeconds: number;
}

interface LifecycleState {
  stage: Stage;
  /** When the stage began (simulated ms). */
  since: number;
  plan: TrafficPlan;
  /** Index of the last applied plan step (-1: none yet) and when it was applied. */
  step: number;
  stepAt: number;
  /** The revision serving production traffic when the deployment started. */
  blue?: DeploymentRecord;
}

const lifecycles = new WeakMap<ServiceDeploymentRecord, LifecycleState>();

/** Called with tasks the strategy has just launched (Express Mode fails them on a missing security group). */
type LaunchHook = (ctx: EngineContext, service: ServiceRecord, tasks: TaskRecord[]) => void;
const launchHooks: LaunchHook[] = [];
export const onStrategyLaunch = (hook: LaunchHook): void => void launchHooks.push(hook);

const liveOf = (ctx: EngineContext, service: ServiceRecord, dep: DeploymentRecord) =>
  tasksOfService(ctx, service, dep).filter(isLive);

/** Scale-in order: not yet started first, then unhealthy, then the newest. */
const scaleIn = (a: TaskRecord, b: TaskRecord) => {
  const rank = (t: TaskRecord) => (isStarting(t) ? 0 : !t.sim.healthy ? 1 : 2);
  return rank(a) - rank(b) || (b.startedAt ?? b.createdAt) - (a.startedAt ?? a.createdAt);
};

/** Keeps `dep` at `count` live tasks: launches the missing ones on its target-group side, stops the surplus. */
function keep(s: StrategyStep, dep: DeploymentRecord, count: number): void {
  const { ctx, service } = s;
  const live = liveOf(ctx, service, dep);
  if (live.length < count && s.canLaunch) {
    const tasks = launchServiceTasks(ctx, service, dep, count - live.length);
    routeTasks(tasks, dep);
    for (const hook of launchHooks) hook(ctx, service, tasks);
  } else if (live.length > count) {
    stopServiceTasks(ctx, service, [...live].sort(scaleIn).slice(0, live.length - count));
  }
}

const stopAll = (s: StrategyStep, deps: DeploymentRecord[]) =>
  deps.forEach((d) => stopServiceTasks(s.ctx, s.service, liveOf(s.ctx, s.service, d)));

/** Any task of `deps` not yet STOPPED (draining ones included). */
const remaining = (s: StrategyStep, deps: DeploymentRecord[]) =>
  deps.some((d) => tasksOfService(s.ctx, s.service, d).some((t) => t.lastStatus !== 'STOPPED'));

/** All `desired` tasks of `dep` running and healthy. */
function whole(s: StrategyStep, dep: DeploymentRecord): boolean {
  const live = liveOf(s.ctx, s.service, dep);
  return live.length === s.desired && live.every(isHealthy);
}

/** A strategy that runs the shared lifecycle with the plan `planFor` derives from deploymentConfiguration. */
export function trafficShiftingStrategy(planFor: (deploymentConfiguration: Json) => TrafficPlan): DeploymentStrategy {
  return {
    step(s) {
      const sd = s.serviceDeployment;
      if (sd?.status === 'ROLLBACK_IN_PROGRESS' && sd.rollback?.to === s.primary) rollbackPass(s, sd);
      else if (sd && sd.target === s.primary && (sd.status === 'IN_PROGRESS' || sd.status === 'PENDING')) forwardPass(s, sd, planFor);
      else holdPass(s);
      // Classic deployments[] desired counts: what each revision is meant to run right now.
      if (s.primary.rolloutState !== 'FAILED') s.primary.desiredCount = Math.min(s.desired, liveOf(s.ctx, s.service, s.primary).length);
      for (const d of s.others) d.desiredCount = liveOf(s.ctx, s.service, d).length;
    },
  };
}

/** No deployment under way (steady, scaling, draining, or after a failure): PRIMARY at desired, nothing else. */
function holdPass(s: StrategyStep): void {
  // A FAILED primary without rollback launches nothing more, and blue keeps serving (reference §2.5).
  if (s.primary.rolloutState === 'FAILED' && s.desired > 0) return;
  keep(s, s.primary, s.desired);
  stopAll(s, s.others);
}

function begin(s: StrategyStep, sd: ServiceDeploymentRecord, planFor: (cfg: Json) => TrafficPlan): LifecycleState {
  const { ctx, service, primary, others } = s;
  const blue = (service.lastCompleted && others.includes(service.lastCompleted) ? service.lastCompleted : undefined) ?? others[0];
  assignSide(primary, blue);
  const running = others.filter((d) => remaining(s, [d]));
  const st: LifecycleState = {
    stage: running.length > 1 ? 'RECONCILE_SERVICE' : 'PRE_SCALE_UP',
    since: ctx.now(),
    plan: planFor(sd.deploymentConfiguration),
    step: -1,
    stepAt: ctx.now(),
    blue,
  };
  lifecycles.set(sd, st);
  trafficOf(sd).blueRevisionArn = blue?.revision.arn;
  // A deployment this one superseded may have moved traffic already: it all goes back to blue.
  if (blue) applyWeights(ctx, service, primary, 0, 0);
  watchAlarms(
    ctx,
    sd,
    () => sd.status === 'IN_PROGRESS' && service.deployments[0] === primary,
    (names) => failOnAlarms(ctx, service, sd, names),
  );
  return st;
}

function forwardPass(s: StrategyStep, sd: ServiceDeploymentRecord, planFor: (cfg: Json) => TrafficPlan): void {
  const { ctx, service, primary, others, desired } = s;
  const st = lifecycles.get(sd) ?? begin(s, sd, planFor);
  const blue = st.blue && others.includes(st.blue) ? st.blue : undefined;
  const traffic = trafficOf(sd);
  const now = ctx.now();
  const hook = timing(ctx, 'lifecycleStage');
  const enter = (stage: Stage) => {
    st.stage = stage;
    st.since = now;
    sd.updatedAt = now;
    fireScenarioAlarm(ctx, service, sd, stage);
  };
  const shiftTo = (step: number) => {
    st.step = step;
    st.stepAt = now;
    traffic.production = st.plan.steps[step]!;
    applyWeights(ctx, service, primary, traffic.production, traffic.test);
    sd.updatedAt = now;
  };
  /** Waits in the current stage until `seconds` after `from`; returns whether time is up. */
  const waited = (seconds: number, from = st.since) => {
    const left = seconds - (now - from) / 1000;
    if (left > 0) ctx.reconcile(service, left);
    return left <= 0;
  };

  // Revisions that are neither blue nor green serve nothing: their tasks go (RECONCILE_SERVICE).
  stopAll(s, others.filter((d) => d !== blue));
  // Blue keeps its tasks (failed ones are replaced with blue, reference §2.2) until CLEAN_UP.
  if (blue && st.stage !== 'CLEAN_UP') keep(s, blue, desired);

  for (let guard = 0; guard < STAGES.length + st.plan.steps.length + 2; guard++) {
    sd.lifecycleStage = st.stage;
    if (STAGES.indexOf(st.stage) >= STAGES.indexOf('SCALE_UP') && primary.rolloutState !== 'FAILED') keep(s, primary, desired);
    switch (st.stage) {
      case 'RECONCILE_SERVICE':
        if (!waited(hook) || remaining(s, others.filter((d) => d !== blue))) return;
        enter('PRE_SCALE_UP');
        break;
      case 'PRE_SCALE_UP':
        if (!waited(hook)) return;
        enter('SCALE_UP');
        break;
      case 'SCALE_UP':
        // Green reaches 100 % before any traffic moves; task changes bring the next pass.
        if (!whole(s, primary)) return;
        enter('POST_SCALE_UP');
        break;
      case 'POST_SCALE_UP':
        if (!waited(hook)) return;
        enter('TEST_TRAFFIC_SHIFT');
        traffic.test = 100;
        applyWeights(ctx, service, primary, traffic.production, traffic.test);
        break;
      case 'TEST_TRAFFIC_SHIFT':
        if (!waited(hook)) return;
        enter('POST_TEST_TRAFFIC_SHIFT');
        break;
      case 'POST_TEST_TRAFFIC_SHIFT':
        if (!waited(hook)) return;
        enter('PRODUCTION_TRAFFIC_SHIFT');
        shiftTo(0);
        break;
      case 'PRODUCTION_TRAFFIC_SHIFT': {
        const last = st.step >= st.plan.steps.length - 1;
        if (!waited(last ? hook : st.plan.stepBakeSeconds, st.stepAt)) return;
        if (last) enter('POST_PRODUCTION_TRAFFIC_SHIFT');
        else shiftTo(st.step + 1);
        break;
      }
      case 'POST_PRODUCTION_TRAFFIC_SHIFT':
        if (!waited(hook)) return;
        enter('BAKE_TIME');
        break;
      case 'BAKE_TIME':
        if (!waited(st.plan.bakeSeconds)) return;
        enter('CLEAN_UP');
        break;
      case 'CLEAN_UP':
        sd.lifecycleStage = 'CLEAN_UP';
        stopAll(s, others);
        if (remaining(s, others) || !whole(s, primary)) return;
        completeDeployment(ctx, service, primary);
        return;
    }
  }
}

/**
 * Rolling back (primary is blue again, green is among the others): production and test traffic
 * go back to blue at once, then green is stopped. Completing the blue deployment marks the
 * service deployment ROLLBACK_SUCCESSFUL (deployments.ts).
 */
function rollbackPass(s: StrategyStep, sd: ServiceDeploymentRecord): void {
  const { ctx, service, primary, others, desired } = s;
  const traffic = trafficOf(sd);
  const now = ctx.now();
  if (traffic.rollbackAt === undefined) {
    traffic.rollbackAt = now;
    traffic.production = 0;
    traffic.test = 0;
    applyWeights(ctx, service, sd.target, 0, 0);
  }
  keep(s, primary, desired);
  const left = timing(ctx, 'lifecycleStage') - (now - traffic.rollbackAt) / 1000;
  if (left > 0) {
    sd.lifecycleStage = 'PRODUCTION_TRAFFIC_SHIFT';
    ctx.reconcile(service, left);
    return;
  }
  sd.lifecycleStage = 'CLEAN_UP';
  stopAll(s, others);
  if (remaining(s, others) || !whole(s, primary)) return;
  completeDeployment(ctx, service, primary);
}

/** BLUE_GREEN: all production traffic in one shift, then bakeTimeInMinutes (reference §4.4). */
export const blueGreenStrategy = trafficShiftingStrategy((cfg) => ({
  steps: [100],
  stepBakeSeconds: 0,
  bakeSeconds: minutes(cfg.bakeTimeInMinutes, 0),
}));

/** A whole number of minutes (0–1440) from the configuration, in seconds. */
export function minutes(value: unknown, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.min(1440, Math.max(0, n)) * 60;
}
