/**
 * The service scheduler: one coalesced pass per service whenever something changes (a task
 * state change, an update, a timer). A pass runs the strategy's step, then handles what all
 * strategies share: the PENDING → IN_PROGRESS service-deployment transition, requested rollbacks,
 * pruning drained deployments, the steady-state event and DRAINING → INACTIVE.
 * Task failures feed the circuit breaker and the retry back-off (service throttle logic, §2.7).
 */
import { recordTaskFailure, recordTaskHealthy } from './circuit-breaker.js';
import type { EngineContext, TaskChange } from './context.js';
import { serviceDeploymentFor } from './deployments.js';
import { addEvent, eventText } from './events.js';
import { deploymentCounts, isLive, serviceOfTask, tasksOfService } from './lookup.js';
import { stopServiceTasks } from './service-tasks.js';
import type { ServiceRecord, TaskRecord } from './store.js';
import { strategyFor } from './strategy.js';
import { requestStop } from './task-lifecycle.js';

/** Schedules a pass in `delaySeconds` unless one is already due no later than that. */
export function requestReconcile(ctx: EngineContext, service: ServiceRecord, delaySeconds = 0): void {
  const now = ctx.now();
  const at = now + delaySeconds * 1000;
  const pending = service.sim.reconcileAt;
  if (pending !== undefined && pending >= now && pending <= at) return;
  const token = ++service.sim.reconcileToken;
  service.sim.reconcileAt = at;
  ctx.after(delaySeconds, () => {
    if (service.sim.reconcileToken !== token) return;
    service.sim.reconcileAt = undefined;
    reconcile(ctx, service);
  });
}

export function reconcile(ctx: EngineContext, service: ServiceRecord): void {
  if (service.status === 'INACTIVE') return;
  if (ctx.store.services.get(service.arn) !== service) return; // replaced by a new service of that name
  const now = ctx.now();
  if (service.sim.holdUntil !== undefined && now < service.sim.holdUntil) {
    requestReconcile(ctx, service, (service.sim.holdUntil - now) / 1000);
    return;
  }
  const primary = service.deployments[0];
  if (!primary) return;
  const sd = serviceDeploymentFor(service, primary);
  const rollbackOf = service.serviceDeployments.find((x) => x.rollback?.to === primary && x.status === 'ROLLBACK_IN_PROGRESS');
  if (sd?.status === 'PENDING') {
    sd.status = 'IN_PROGRESS';
    sd.startedAt = now;
    sd.updatedAt = now;
    sd.lifecycleStage = service.deployments.length > 2 ? 'RECONCILE_SERVICE' : 'SCALE_UP';
  }
  const desired = service.status === 'ACTIVE' ? service.desiredCount : 0;
  const notBefore = service.sim.launchNotBefore;
  const canLaunch = service.status === 'ACTIVE' && (notBefore === undefined || now >= notBefore);
  if (!canLaunch && notBefore !== undefined && now < notBefore) requestReconcile(ctx, service, (notBefore - now) / 1000);

  strategyFor(service).step({
    ctx,
    service,
    primary,
    others: service.deployments.slice(1),
    serviceDeployment: rollbackOf ?? sd,
    desired,
    canLaunch,
  });

  // Replaced deployments drop out of the list once drained (reference §2.3).
  const remaining = new Set(tasksOfService(ctx, service).filter((t) => t.lastStatus !== 'STOPPED').map((t) => t.deploymentId));
  service.deployments = service.deployments.filter((d, i) => i === 0 || remaining.has(d.id));

  updateSteadyState(ctx, service);
  if (service.status === 'DRAINING' && remaining.size === 0 && !service.sim.inactivating) {
    service.sim.inactivating = true;
    ctx.after(ctx.timings.serviceInactive, () => {
      service.status = 'INACTIVE';
    });
  }
}

/** "has reached a steady state." when a service becomes steady: one COMPLETED deployment, running == desired. */
function updateSteadyState(ctx: EngineContext, service: ServiceRecord): void {
  const primary = service.deployments[0]!;
  const counts = deploymentCounts(ctx, service, primary);
  const steady =
    service.status === 'ACTIVE' &&
    service.deployments.length === 1 &&
    primary.rolloutState === 'COMPLETED' &&
    counts.running === service.desiredCount &&
    counts.pending === 0 &&
    tasksOfService(ctx, service).every((t) => t.lastStatus === 'STOPPED' || (isLive(t) && t.lastStatus === 'RUNNING'));
  // Paired events are 1 ms apart: "deployment completed." then "steady state" (reference §3).
  if (steady && !service.sim.steady) {
    addEvent(ctx, service, eventText.steadyState(service.name), 1);
    repeatSteadyState(ctx, service, ++service.sim.steadyToken);
  }
  service.sim.steady = steady;
}

/** Duplicate events are suppressed for 6 hours, so a steady service says so again every 6 h (reference §3). */
function repeatSteadyState(ctx: EngineContext, service: ServiceRecord, token: number): void {
  ctx.after(6 * 3600, () => {
    if (!service.sim.steady || service.sim.steadyToken !== token || ctx.store.services.get(service.arn) !== service) return;
    addEvent(ctx, service, eventText.steadyState(service.name));
    repeatSteadyState(ctx, service, token);
  });
}

/** Hook from the task lifecycle. */
export function onTaskChanged(ctx: EngineContext, task: TaskRecord, change: TaskChange): void {
  const service = serviceOfTask(ctx, task);
  if (!service || service.status === 'INACTIVE') return;
  const dep = service.deployments.find((d) => d.id === task.deploymentId);
  if (dep) dep.updatedAt = ctx.now();
  switch (change) {
    case 'running':
      service.sim.startFailureStreak = 0;
      service.sim.throttleReported = false;
      break;
    case 'healthy':
      recordTaskHealthy(ctx, service, task);
      break;
    case 'unhealthy':
      replaceUnhealthy(ctx, service, task);
      break;
    case 'failed':
      recordTaskFailure(ctx, service, task);
      backOff(ctx, service, task);
      break;
    case 'stopped':
      break;
  }
  requestReconcile(ctx, service, 0);
}

/**
 * An unhealthy service task is stopped and replaced (reference §1.3); it counts as a failure.
 * The event order follows [OBS-D]: "failed container health checks." then "has stopped".
 */
function replaceUnhealthy(ctx: EngineContext, service: ServiceRecord, task: TaskRecord): void {
  if (!isLive(task)) return;
  const u = task.sim.unhealthy!;
  if (u.kind === 'container') {
    addEvent(ctx, service, eventText.failedContainerHealthChecks(service.name, task.id));
  } else {
    addEvent(ctx, service, eventText.unhealthyInTargetGroup(service.name, task.id, u.port ?? 0, u.targetGroupArn ?? ''));
  }
  service.sim.unhealthyReplacements++;
  addEvent(ctx, service, eventText.stoppedRunning(service.name, [task.id]), 10);
  requestStop(ctx, task, {
    stopCode: 'ServiceSchedulerInitiated', // UNCONFIRMED code (reference §1.4)
    reason: u.kind === 'container' ? 'Task failed container health checks' : `Task failed ELB health checks in (target-group ${u.targetGroupArn})`,
  });
  recordTaskFailure(ctx, service, task);
}

/**
 * Failed tasks are replaced after `retryDelay`. Tasks that keep failing before RUNNING make the
 * scheduler back off up to 15 min and say "is unable to consistently start tasks successfully."
 */
function backOff(ctx: EngineContext, service: ServiceRecord, task: TaskRecord): void {
  if (task.startedAt === undefined) service.sim.startFailureStreak++;
  const streak = service.sim.startFailureStreak;
  let delay = ctx.timings.retryDelay;
  if (streak >= 3) {
    delay = Math.min(ctx.timings.throttleMax, ctx.timings.retryDelay * 2 ** (streak - 2));
    if (!service.sim.throttleReported) {
      service.sim.throttleReported = true;
      addEvent(ctx, service, eventText.unableToConsistentlyStart(service.name));
    }
  }
  const at = ctx.now() + delay * 1000;
  service.sim.launchNotBefore = Math.max(service.sim.launchNotBefore ?? 0, at);
  requestReconcile(ctx, service, delay);
}

