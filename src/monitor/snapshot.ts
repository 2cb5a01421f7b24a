import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import type { WaitUntil } from './lifecycle.js';
import { ms, shortTaskDefinition } from './names.js';
import type { DeploymentProgress, ProgressSnapshot, RolloutInterpretation, ServiceDeploymentProgress } from './types.js';

function sdProgress(sd: ServiceDeployment): ServiceDeploymentProgress {
  const p: ServiceDeploymentProgress = { arn: sd.serviceDeploymentArn, status: sd.status, statusReason: sd.statusReason, lifecycleStage: sd.lifecycleStage };
  const t = sd.targetServiceRevision;
  if (t) {
    p.target = { requested: t.requestedTaskCount ?? 0, running: t.runningTaskCount ?? 0, pending: t.pendingTaskCount ?? 0 };
    if (t.requestedProductionTrafficWeight !== undefined) p.target.productionTrafficWeight = t.requestedProductionTrafficWeight;
    if (t.requestedTestTrafficWeight !== undefined) p.target.testTrafficWeight = t.requestedTestTrafficWeight;
  }
  if (sd.rollback) p.rollback = { reason: sd.rollback.reason, startedAt: ms(sd.rollback.startedAt) };
  const cb = sd.deploymentCircuitBreaker;
  if (cb) p.circuitBreaker = { status: cb.status, failureCount: cb.failureCount, threshold: cb.threshold };
  const waiting = (sd.lifecycleHookDetails ?? []).filter((h) => h.status === 'AWAITING_ACTION').map((h) => h.hookId ?? '?');
  if (waiting.length) p.awaitingHooks = waiting;
  return p;
}

/** The `ECSX_DEPLOY_PROGRESS` data for one poll. Pure. */
export function toSnapshot(service: Service, sd: ServiceDeployment | undefined, interp: RolloutInterpretation, waitUntil: WaitUntil, elapsedMs: number): ProgressSnapshot {
  const deployments: DeploymentProgress[] = (service.deployments ?? []).map((d) => ({
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinition,
    desired: d.desiredCount ?? 0,
    pending: d.pendingCount ?? 0,
    running: d.runningCount ?? 0,
    failed: d.failedTasks ?? 0,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  }));
  const snap: ProgressSnapshot = {
    service: {
      name: service.serviceName,
      status: service.status,
      taskDefinition: service.taskDefinition,
      desired: service.desiredCount ?? 0,
      pending: service.pendingCount ?? 0,
      running: service.runningCount ?? 0,
    },
    deployments,
    waitUntil,
    state: interp.state,
    reason: interp.reason,
    phase: interp.phase,
    elapsedMs,
  };
  if (sd) snap.serviceDeployment = sdProgress(sd);
  return snap;
}

/** Everything in a snapshot that counts as a change (not the elapsed time), as a comparable string. */
export function snapshotKey(s: ProgressSnapshot): string {
  const { elapsedMs: _e, ...rest } = s;
  return JSON.stringify(rest);
}

/** `PRIMARY app:42 running 3/4 pending 1 IN_PROGRESS` */
export function describeDeployment(d: DeploymentProgress): string {
  const parts = [d.status ?? '?', shortTaskDefinition(d.taskDefinition), `running ${d.running}/${d.desired}`];
  if (d.pending) parts.push(`pending ${d.pending}`);
  if (d.failed) parts.push(`failed ${d.failed}`);
  if (d.rolloutState) parts.push(d.rolloutState);
  return parts.join(' ');
}

/** One line for the service deployment: `service deployment IN_PROGRESS at BAKE_TIME (production 5%)`. */
export function describeServiceDeployment(p: ServiceDeploymentProgress): string {
  let s = `service deployment ${p.status ?? '?'}`;
  if (p.lifecycleStage && p.status !== 'SUCCESSFUL') s += ` at ${p.lifecycleStage}`;
  const w: string[] = [];
  if (p.target?.productionTrafficWeight !== undefined) w.push(`production ${p.target.productionTrafficWeight}%`);
  if (p.target?.testTrafficWeight !== undefined) w.push(`test ${p.target.testTrafficWeight}%`);
  if (w.length) s += ` (${w.join(', ')})`;
  if (p.awaitingHooks?.length) s += `, awaiting lifecycle hook ${p.awaitingHooks.join(', ')}`;
  return s;
}

/** A one-line state summary, used in timeout and interruption messages. */
export function summarizeSnapshot(s: ProgressSnapshot | undefined): string {
  if (!s) return 'no state read yet';
  const parts = s.deployments.map(describeDeployment);
  if (s.serviceDeployment) parts.push(describeServiceDeployment(s.serviceDeployment));
  return parts.length ? parts.join('; ') : `service ${s.service.status ?? '?'} with no deployments`;
}
