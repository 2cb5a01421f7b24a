/**
 * Deployments: starting one (new revision + classic PRIMARY deployment + ServiceDeployment),
 * completing it, and failing it through the circuit breaker or StopServiceDeployment, with
 * rollback to the last COMPLETED deployment under its old id (reference §2.1, §2.5, §4.2).
 * The classic `deployments[]` entries and the ServiceDeployment records are two views of the same
 * state: a ServiceDeployment's `target` is the classic deployment that carries its revision.
 */
import { serviceDeploymentArn, serviceRevisionArn } from './arns.js';
import type { EngineContext } from './context.js';
import { addEvent, eventText } from './events.js';
import { newDeploymentNumber, newServiceDeploymentId } from './ids.js';
import { imageDigest } from './images.js';
import { clone, type Json } from './input.js';
import { deploymentCounts } from './lookup.js';
import type { DeploymentRecord, RevisionCounts, RevisionRecord, ServiceDeploymentRecord, ServiceRecord } from './store.js';
import { findTaskDefinition } from './task-definitions.js';

export const inProgressReason = (id: string) => `ECS deployment ${id} in progress.`;
export const completedReason = (id: string) => `ECS deployment ${id} completed.`;
/** Plural "tasks" is the only captured API value (reference §2.3). */
export const breakerFailedReason = 'ECS deployment circuit breaker: tasks failed to start.';
export const breakerRollbackReason = (id: string) => `ECS deployment circuit breaker: rolling back to deploymentId ${id}.`;

const ONGOING = ['PENDING', 'IN_PROGRESS', 'STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'];
export const isOngoing = (sd: ServiceDeploymentRecord) => ONGOING.includes(sd.status);

/** The newest service deployment targeting `dep`. */
export function serviceDeploymentFor(service: ServiceRecord, dep: DeploymentRecord): ServiceDeploymentRecord | undefined {
  for (let i = service.serviceDeployments.length - 1; i >= 0; i--) {
    if (service.serviceDeployments[i]!.target === dep) return service.serviceDeployments[i];
  }
  return undefined;
}

export function currentServiceDeployment(service: ServiceRecord): ServiceDeploymentRecord | undefined {
  return service.serviceDeployments[service.serviceDeployments.length - 1];
}

export function revisionCounts(ctx: EngineContext, service: ServiceRecord, dep: DeploymentRecord, requested: number): RevisionCounts {
  const c = deploymentCounts(ctx, service, dep);
  return { arn: dep.revision.arn, requestedTaskCount: requested, runningTaskCount: c.running, pendingTaskCount: c.pending };
}

function finish(ctx: EngineContext, service: ServiceRecord, sd: ServiceDeploymentRecord, status: ServiceDeploymentRecord['status'], reason?: string): void {
  const now = ctx.now();
  sd.status = status;
  if (reason !== undefined) sd.statusReason = reason;
  sd.finishedAt = now;
  if (status === 'STOPPED') sd.stoppedAt = now;
  sd.updatedAt = now;
  sd.frozen = {
    target: revisionCounts(ctx, service, sd.target, status === 'SUCCESSFUL' ? service.desiredCount : sd.target.desiredCount),
    // After a rollback the source revision is the one the service runs again.
    sources: sd.sources.map((d) => revisionCounts(ctx, service, d, d === service.deployments[0] ? service.desiredCount : 0)),
  };
}

function createRevision(ctx: EngineContext, service: ServiceRecord): RevisionRecord {
  const n = newDeploymentNumber();
  const td = findTaskDefinition(ctx, service.spec.taskDefinition);
  const revision: RevisionRecord = {
    arn: serviceRevisionArn(ctx, service.clusterName, service.name, n),
    n,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    createdAt: ctx.now(),
    spec: clone(service.spec),
    containerImages: ((td?.body.containerDefinitions as Json[] | undefined) ?? []).map((c) => ({
      containerName: c.name as string,
      image: c.image as string,
      imageDigest: imageDigest(c.image as string),
    })),
  };
  ctx.store.revisions.set(revision.arn, revision);
  return revision;
}

/**
 * Starts a deployment of the service's current spec. The response of the calling
 * Create/UpdateService already shows the new PRIMARY with all counts 0 and IN_PROGRESS
 * (reference §2.1); the scheduler acts after `schedulerDelay`.
 */
export function startDeployment(ctx: EngineContext, service: ServiceRecord): DeploymentRecord {
  const now = ctx.now();
  const revision = createRevision(ctx, service);
  const id = `ecs-svc/${revision.n}`;
  const dep: DeploymentRecord = {
    id,
    revision,
    status: 'PRIMARY',
    desiredCount: 0,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: inProgressReason(id),
    createdAt: now,
    updatedAt: now,
  };
  // A newer update supersedes an ongoing service deployment (status UNCONFIRMED; STOPPED is likeliest, §4.2).
  for (const sd of service.serviceDeployments) {
    if (isOngoing(sd)) finish(ctx, service, sd, 'STOPPED', 'Superseded by a newer service deployment.');
  }
  const sources = [...service.deployments];
  for (const d of service.deployments) d.status = 'ACTIVE';
  service.deployments.unshift(dep);
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker as Json | undefined;
  service.serviceDeployments.push({
    arn: serviceDeploymentArn(ctx, service.clusterName, service.name, newServiceDeploymentId()),
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    createdAt: now,
    updatedAt: now,
    target: dep,
    sources,
    status: 'PENDING',
    deploymentConfiguration: clone(service.deploymentConfiguration),
    breaker: { enabled: breaker?.enable === true, failureCount: 0, threshold: 0, triggered: false },
  });
  service.sim.startFailureStreak = 0;
  service.sim.throttleReported = false;
  service.sim.launchNotBefore = undefined;
  service.sim.holdUntil = now + ctx.timings.schedulerDelay * 1000;
  service.sim.steady = false;
  ctx.reconcile(service, ctx.timings.schedulerDelay);
  return dep;
}

/**
 * Marks the PRIMARY COMPLETED once its tasks are all running and healthy and older deployments
 * have drained; writes "deployment completed." (the scheduler adds "steady state" 1 ms later).
 */
export function completeDeployment(ctx: EngineContext, service: ServiceRecord, primary: DeploymentRecord): void {
  const now = ctx.now();
  primary.rolloutState = 'COMPLETED';
  primary.rolloutStateReason = completedReason(primary.id);
  primary.updatedAt = now;
  service.deployments = [primary];
  service.lastCompleted = primary;
  addEvent(ctx, service, eventText.deploymentCompleted(service.name, primary.id));
  for (const sd of service.serviceDeployments) {
    if (sd.status === 'ROLLBACK_IN_PROGRESS' && sd.rollback?.to === primary) finish(ctx, service, sd, 'ROLLBACK_SUCCESSFUL');
    else if (sd.target === primary && ['PENDING', 'IN_PROGRESS'].includes(sd.status)) {
      sd.startedAt ??= now;
      finish(ctx, service, sd, 'SUCCESSFUL');
    }
  }
}

/**
 * Rolls back to the last COMPLETED deployment, which becomes PRIMARY again with its old id
 * (no new deployment is created, reference §2.5).
 */
export function rollBack(ctx: EngineContext, service: ServiceRecord, sd: ServiceDeploymentRecord, reason: string): boolean {
  const to = service.lastCompleted;
  const failed = sd.target;
  if (!to || to === failed) return false;
  const now = ctx.now();
  service.deployments = [to, ...service.deployments.filter((d) => d !== to)];
  for (const d of service.deployments) d.status = d === to ? 'PRIMARY' : 'ACTIVE';
  to.rolloutState = 'IN_PROGRESS';
  to.rolloutStateReason = reason;
  to.updatedAt = now;
  service.spec = clone(to.revision.spec);
  sd.status = 'ROLLBACK_IN_PROGRESS';
  sd.statusReason = reason;
  sd.rollback = { reason, startedAt: now, serviceRevisionArn: to.revision.arn, to };
  sd.updatedAt = now;
  service.sim.launchNotBefore = undefined;
  service.sim.startFailureStreak = 0;
  addEvent(ctx, service, eventText.rollingBack(service.name, to.id));
  ctx.reconcile(service, 0);
  return true;
}

/**
 * The breaker tripped: the deployment is FAILED. With rollback, the last COMPLETED deployment
 * takes over; without, the FAILED deployment stays PRIMARY and launches nothing more.
 */
export function tripCircuitBreaker(ctx: EngineContext, service: ServiceRecord, sd: ServiceDeploymentRecord): void {
  const dep = sd.target;
  sd.breaker.triggered = true;
  dep.rolloutState = 'FAILED';
  dep.rolloutStateReason = breakerFailedReason;
  dep.updatedAt = ctx.now();
  addEvent(ctx, service, eventText.deploymentFailed(service.name, dep.id));
  const cfg = sd.deploymentConfiguration.deploymentCircuitBreaker as Json;
  if (cfg.rollback === true) {
    if (!rollBack(ctx, service, sd, breakerRollbackReason(service.lastCompleted?.id ?? ''))) {
      finish(ctx, service, sd, 'ROLLBACK_FAILED', breakerFailedReason);
    }
  } else {
    finish(ctx, service, sd, 'STOPPED', breakerFailedReason);
  }
  ctx.reconcile(service, 0);
}

/**
 * StopServiceDeployment(ROLLBACK): ROLLBACK_REQUESTED now, ROLLBACK_IN_PROGRESS once the
 * scheduler picks it up (`stopDeploymentDelay` later).
 */
export function requestRollback(ctx: EngineContext, service: ServiceRecord, sd: ServiceDeploymentRecord): void {
  sd.status = 'ROLLBACK_REQUESTED';
  sd.updatedAt = ctx.now();
  ctx.after(ctx.timings.stopDeploymentDelay, () => {
    if (sd.status === 'ROLLBACK_REQUESTED' && service.status === 'ACTIVE') performRequestedRollback(ctx, service, sd);
  });
}

/** Performs a requested rollback. Reason texts are UNCONFIRMED. */
function performRequestedRollback(ctx: EngineContext, service: ServiceRecord, sd: ServiceDeploymentRecord): void {
  const dep = sd.target;
  const to = service.lastCompleted;
  dep.rolloutState = 'FAILED';
  dep.rolloutStateReason = `ECS deployment ${dep.id} stopped: rolling back to deploymentId ${to?.id ?? ''}.`;
  dep.updatedAt = ctx.now();
  if (!rollBack(ctx, service, sd, `Service deployment rollback requested: rolling back to deploymentId ${to?.id ?? ''}.`)) {
    finish(ctx, service, sd, 'ROLLBACK_FAILED', 'No previous service revision to roll back to.');
  }
}

/** Ends an ongoing service deployment when the service is deleted. */
export function stopForDeletion(ctx: EngineContext, service: ServiceRecord): void {
  for (const sd of service.serviceDeployments) if (isOngoing(sd)) finish(ctx, service, sd, 'STOPPED', 'Service was deleted.');
}
