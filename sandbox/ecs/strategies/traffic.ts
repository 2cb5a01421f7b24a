/**
 * The outside world of a traffic-shifting deployment (BLUE_GREEN, LINEAR, CANARY), in moto:
 *
 * - **Target-group sides.** A load balancer entry with `advancedConfiguration.alternateTargetGroupArn`
 *   has two target groups; each revision's tasks register in one of them, and a new deployment's
 *   (green) tasks go to the side the current (blue) revision does not use (reference §4.4).
 * - **Listener-rule weights.** Production (and test) traffic moves by rewriting the forward
 *   weights of `productionListenerRule` (`testListenerRule`) between the two target groups. A
 *   listener ARN there means its default action. Missing rules are tolerated (logged).
 * - **Deployment alarms.** `deploymentConfiguration.alarms.alarmNames` are polled in CloudWatch
 *   while the deployment runs; any in ALARM fails it and, with `rollback`, rolls back (reference
 *   §2.6). The `deployment-alarm` scenario puts an alarm into ALARM at a chosen lifecycle stage.
 *
 * DescribeServiceDeployments is extended here to report the requested traffic weights and the
 * triggered alarms, which the engine's own view does not know about.
 */
import { DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { ModifyListenerCommand, ModifyRuleCommand, type Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { parseArn, serviceArn } from '../arns.js';
import type { EngineContext, OperationTable } from '../context.js';
import { revisionCounts, rollBack } from '../deployments.js';
import { invalidParameter } from '../errors.js';
import { addEvent } from '../events.js';
import { afterAsync, aws, hasMoto } from '../express/aws.js';
import type { Json } from '../input.js';
import { registerScenarioKind, type Scenario } from '../scenarios.js';
import { serviceDeploymentOperations } from '../service-deployments.js';
import type { DeploymentRecord, ServiceDeploymentRecord, ServiceRecord, TaskRecord } from '../store.js';

/** Lifecycle stages in ECS's order (reference §4.3). */
export const LIFECYCLE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
] as const;
export type Stage = (typeof LIFECYCLE_STAGES)[number];

/** What one service deployment did to traffic, for DescribeServiceDeployments. */
export interface TrafficRecord {
  /** requestedProductionTrafficWeight / requestedTestTrafficWeight of the target revision. */
  production: number;
  test: number;
  /** The revision that served production when the deployment began (gets the rest). */
  blueRevisionArn?: string;
  /** When traffic started going back to blue. */
  rollbackAt?: number;
  triggeredAlarms?: string[];
  /** Alarms a scenario put into ALARM (they recover once the deployment has failed). */
  scenarioAlarms: string[];
}

const traffic = new WeakMap<ServiceDeploymentRecord, TrafficRecord>();

export function trafficOf(sd: ServiceDeploymentRecord): TrafficRecord {
  let t = traffic.get(sd);
  if (!t) traffic.set(sd, (t = { production: 0, test: 0, scenarioAlarms: [] }));
  return t;
}

/** `primary` = `loadBalancers[].targetGroupArn`, `alternate` = `advancedConfiguration.alternateTargetGroupArn`. */
export type Side = 'primary' | 'alternate';

const sides = new WeakMap<DeploymentRecord, Side>();

export const sideOf = (dep: DeploymentRecord | undefined): Side => (dep && sides.get(dep)) ?? 'primary';

const hasAlternate = (spec: { loadBalancers: Json[] }) =>
  spec.loadBalancers.some((lb) => (lb.advancedConfiguration as Json | undefined)?.alternateTargetGroupArn);

/** Gives `green` the side `blue` does not use (the primary side when there is no blue or no alternate). */
export function assignSide(green: DeploymentRecord, blue: DeploymentRecord | undefined): Side {
  const side: Side = blue && hasAlternate(green.revision.spec) && sideOf(blue) === 'primary' ? 'alternate' : 'primary';
  if (!sides.has(green)) sides.set(green, side);
  return sides.get(green)!;
}

/**
 * Points freshly launched tasks at their revision's side. Registration happens when a task
 * reaches ACTIVATING, so rewriting `loadBalancers` right after launch is in time.
 */
export function routeTasks(tasks: TaskRecord[], dep: DeploymentRecord): void {
  if (sideOf(dep) !== 'alternate') return;
  for (const task of tasks) {
    task.loadBalancers = task.loadBalancers.map((lb) => {
      const alt = (lb.advancedConfiguration as Json | undefined)?.alternateTargetGroupArn as string | undefined;
      return alt ? { ...lb, targetGroupArn: alt } : lb;
    });
  }
}

/** ELBv2 weights are integers (0–999); a 0.1 % canary still gets weight 1. */
const elbWeight = (percent: number) => (percent <= 0 ? 0 : Math.max(1, Math.round(percent)));

function forward(targetTg: string, otherTg: string, percent: number): Action[] {
  return [
    {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: targetTg, Weight: elbWeight(percent) },
          { TargetGroupArn: otherTg, Weight: elbWeight(100 - percent) },
        ],
      },
    },
  ];
}

/**
 * Sends `production` % (and `test` %, when a test rule exists) of the traffic to `target`'s
 * side, the rest to the other side. Runs as a scheduled action, so a clock step awaits it.
 */
export function applyWeights(ctx: EngineContext, service: ServiceRecord, target: DeploymentRecord, production: number, test: number): void {
  if (!hasMoto(ctx)) return;
  const side = sideOf(target);
  for (const lb of target.revision.spec.loadBalancers) {
    const adv = lb.advancedConfiguration as Json | undefined;
    const primaryTg = lb.targetGroupArn as string | undefined;
    const alternateTg = adv?.alternateTargetGroupArn as string | undefined;
    if (!adv || !primaryTg || !alternateTg) continue;
    const [targetTg, otherTg] = side === 'primary' ? [primaryTg, alternateTg] : [alternateTg, primaryTg];
    const rules: [string | undefined, number][] = [
      [adv.productionListenerRule as string | undefined, production],
      [adv.testListenerRule as string | undefined, test],
    ];
    for (const [arn, percent] of rules) {
      if (!arn) continue;
      const actions = forward(targetTg, otherTg, percent);
      afterAsync(ctx, 0, `traffic shift of ${service.name} (${arn})`, async () => {
        const { elb } = aws(ctx);
        if (arn.includes(':listener-rule/')) await elb.send(new ModifyRuleCommand({ RuleArn: arn, Actions: actions }));
        else await elb.send(new ModifyListenerCommand({ ListenerArn: arn, DefaultActions: actions }));
      });
    }
  }
}

/** The deployment's alarm configuration, when alarm-based failure detection is on. */
export function deploymentAlarms(sd: ServiceDeploymentRecord): { names: string[]; rollback: boolean } | undefined {
  const alarms = sd.deploymentConfiguration.alarms as Json | undefined;
  const names = (alarms?.alarmNames as string[] | undefined) ?? [];
  if (alarms?.enable !== true || names.length === 0) return undefined;
  return { names, rollback: alarms.rollback === true };
}

/**
 * Polls the deployment's alarms every `alarmPoll` seconds while `stillWatching()` holds, and calls
 * `onAlarm` with the names in ALARM the first time there are any.
 */
export function watchAlarms(
  ctx: EngineContext,
  sd: ServiceDeploymentRecord,
  stillWatching: () => boolean,
  onAlarm: (triggered: string[]) => void,
): void {
  const cfg = deploymentAlarms(sd);
  if (!cfg || !hasMoto(ctx)) return;
  const poll = () =>
    afterAsync(ctx, timing(ctx, 'alarmPoll'), `alarm poll for ${sd.arn}`, async () => {
      if (!stillWatching()) return;
      const out = await aws(ctx).cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: cfg.names }));
      const triggered = (out.MetricAlarms ?? []).filter((a) => a.StateValue === 'ALARM').map((a) => a.AlarmName!);
      // State may have moved on while moto answered (a newer update, a rollback request).
      if (!stillWatching()) return;
      if (triggered.length > 0) onAlarm(triggered);
      else poll();
    });
  poll();
}

/** Puts an alarm in (or out of) ALARM in moto, as the deployment-alarm scenario does. */
export function setAlarmState(ctx: EngineContext, alarmName: string, state: 'ALARM' | 'OK', afterSeconds = 0): void {
  if (!hasMoto(ctx)) return;
  afterAsync(ctx, afterSeconds, `set alarm ${alarmName} to ${state}`, async () => {
    await aws(ctx).cloudwatch.send(
      new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: state, StateReason: `Sandbox scenario: ${state === 'ALARM' ? 'error rate above threshold' : 'recovered'}.` }),
    );
  });
}

/** Strategy durations (seconds), settable through `PUT /_sandbox/ecs/timings`. */
export const strategyTimings = {
  /** How long a lifecycle stage without work of its own lasts (PRE_SCALE_UP, POST_*, hooks not simulated). */
  lifecycleStage: 5,
  /** How often a deployment's CloudWatch alarms are checked. */
  alarmPoll: 10,
};

export const timing = (ctx: EngineContext, key: keyof typeof strategyTimings): number =>
  (ctx.timings as unknown as Record<string, number>)[key] ?? strategyTimings[key];

/** Ends a service deployment without a rollback (mirrors deployments.ts, which keeps its own private). */
function finishFailed(ctx: EngineContext, service: ServiceRecord, sd: ServiceDeploymentRecord, status: 'STOPPED' | 'ROLLBACK_FAILED', reason: string): void {
  const now = ctx.now();
  sd.status = status;
  sd.statusReason = reason;
  sd.finishedAt = now;
  if (status === 'STOPPED') sd.stoppedAt = now;
  sd.updatedAt = now;
  sd.frozen = {
    target: revisionCounts(ctx, service, sd.target, sd.target.desiredCount),
    sources: sd.sources.map((d) => revisionCounts(ctx, service, d, d === service.deployments[0] ? service.desiredCount : 0)),
  };
}

/**
 * A deployment alarm went off: the deployment FAILS ("deployment failed: alarm detected.", obs
 * [OBS-I]) and, with `alarms.rollback`, rolls back to the last completed revision. The reason
 * texts for alarm failures are UNCONFIRMED (reference §2.3, §8.1).
 */
export function failOnAlarms(ctx: EngineContext, service: ServiceRecord, sd: ServiceDeploymentRecord, names: string[]): void {
  if (sd.status !== 'IN_PROGRESS') return;
  const t = trafficOf(sd);
  t.triggeredAlarms = names;
  const dep = sd.target;
  dep.rolloutState = 'FAILED';
  dep.rolloutStateReason = `ECS deployment ${dep.id} failed: alarm ${names.join(', ')} in ALARM state.`;
  dep.updatedAt = ctx.now();
  addEvent(ctx, service, `(service ${service.name}) (deployment ${dep.id}) deployment failed: alarm detected.`);
  const cfg = deploymentAlarms(sd)!;
  const to = service.lastCompleted;
  const rolledBack = cfg.rollback && to !== undefined && to !== dep && rollBack(ctx, service, sd, `ECS deployment alarms: rolling back to deploymentId ${to.id}.`);
  if (!rolledBack) finishFailed(ctx, service, sd, cfg.rollback ? 'ROLLBACK_FAILED' : 'STOPPED', `Alarm ${names.join(', ')} in ALARM state.`);
  // Traffic leaves the bad revision, so the error rate that set the scenario's alarm goes away.
  for (const name of t.scenarioAlarms) setAlarmState(ctx, name, 'OK');
  ctx.reconcile(service, 0);
}

/**
 * Scenario `deployment-alarm`: when a matching service's traffic-shifting deployment enters
 * `stage` (default PRODUCTION_TRAFFIC_SHIFT, i.e. the canary or linear bake), `alarmName`
 * (default: the deployment's first alarm) goes into ALARM `afterSeconds` (default 30) later.
 */
registerScenarioKind('deployment-alarm', (b) => {
  if (b.stage !== undefined && !LIFECYCLE_STAGES.includes(b.stage as Stage)) {
    throw invalidParameter(`stage must be one of: ${LIFECYCLE_STAGES.join(', ')}.`);
  }
  if (b.alarmName !== undefined && typeof b.alarmName !== 'string') throw invalidParameter('alarmName must be a string.');
  return { stage: b.stage ?? 'PRODUCTION_TRAFFIC_SHIFT', alarmName: b.alarmName };
});

export function fireScenarioAlarm(ctx: EngineContext, service: ServiceRecord, sd: ServiceDeploymentRecord, stage: Stage): void {
  const hit = ctx.scenarios.take('deployment-alarm', [{ service: service.name, cluster: service.clusterName }], false);
  const scenario = hit?.scenario as (Scenario & { stage?: string; alarmName?: string }) | undefined;
  if (!scenario || scenario.stage !== stage) return;
  const name = scenario.alarmName ?? deploymentAlarms(sd)?.names[0];
  if (!name) return ctx.log(`ecs engine: deployment-alarm scenario for ${service.name}: the deployment has no alarm to set`);
  scenario.hits++;
  trafficOf(sd).scenarioAlarms.push(name);
  setAlarmState(ctx, name, 'ALARM', scenario.afterSeconds ?? 30);
}

function findServiceDeployment(ctx: EngineContext, arn: string): ServiceDeploymentRecord | undefined {
  const p = parseArn(arn);
  if (!p || p.resourceType !== 'service-deployment' || p.path.length < 3) return undefined;
  return ctx.store.services.get(serviceArn(ctx, p.path[0]!, p.path[1]!))?.serviceDeployments.find((sd) => sd.arn === arn);
}

/** DescribeServiceDeployments, plus requested traffic weights and triggered alarms. */
export const trafficOperations: OperationTable = {
  DescribeServiceDeployments(ctx, input) {
    const out = serviceDeploymentOperations.DescribeServiceDeployments!(ctx, input) as { serviceDeployments: Json[] };
    for (const json of out.serviceDeployments) {
      const sd = findServiceDeployment(ctx, json.serviceDeploymentArn as string);
      const t = sd && traffic.get(sd);
      if (!t) continue;
      const target = json.targetServiceRevision as Json;
      target.requestedProductionTrafficWeight = t.production;
      target.requestedTestTrafficWeight = t.test;
      for (const source of (json.sourceServiceRevisions as Json[] | undefined) ?? []) {
        const blue = source.arn === t.blueRevisionArn;
        source.requestedProductionTrafficWeight = blue ? 100 - t.production : 0;
        source.requestedTestTrafficWeight = blue ? 100 - t.test : 0;
      }
      if (t.triggeredAlarms) {
        json.alarms = { ...(json.alarms as Json), status: 'TRIGGERED', triggeredAlarmNames: [...t.triggeredAlarms] };
      }
    }
    return out;
  },
};
