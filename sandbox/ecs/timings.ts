/**
 * Simulated durations, in seconds of simulated time. Defaults follow the Fargate observations in
 * reference §1.2 (createdAt → RUNNING ≈ 25 s, StopTask → STOPPED ≈ 25 s) so a rolling deploy of a
 * small service takes one to two simulated minutes: about a second or two at `--time-scale 60`.
 * All of them can be changed at run time with the control call `PUT timings`.
 */
import { invalidParameter } from './errors.js';

export interface Timings {
  /** CreateService/UpdateService → the scheduler's first action ("has started" comes 10–20 s after). */
  schedulerDelay: number;
  /** Delay before the scheduler replaces a task that failed. */
  retryDelay: number;
  /** PROVISIONING → PENDING (ENI attached, connectivityAt): observed 4–17 s. */
  provisioning: number;
  /** PENDING → image pull starts: observed 5–8 s. */
  pending: number;
  /** Image pull: observed 4–15 s. */
  imagePull: number;
  /** Pull start → CannotPullContainerError (the agent retries before giving up). */
  pullFailure: number;
  /** ACTIVATING (target registration) → RUNNING, for tasks behind a load balancer. */
  activating: number;
  /** Without a load balancer or container health check a task counts as healthy 40 s after RUNNING (model). */
  healthyGrace: number;
  /** Registered target → healthy in its target group. */
  elbHealthy: number;
  /** Registered target → unhealthy, for the failing ELB health check scenario (3 × 30 s interval). */
  elbUnhealthy: number;
  /** "has stopped" → "deregistered N targets" (observed ≈ 10 s). */
  deregistrationLag: number;
  /** Target-group deregistration delay. AWS's default is 300 s; the sandbox uses less so deploys stay quick. */
  deregistrationDelay: number;
  /** Stop requested → STOPPING for a task without load balancer. */
  stopSignal: number;
  /** STOPPING (SIGTERM sent) → containers stopped. */
  stopping: number;
  /** DEPROVISIONING (ENI detached) → STOPPED. */
  deprovisioning: number;
  /** StopServiceDeployment → the rollback starts (ROLLBACK_REQUESTED → ROLLBACK_IN_PROGRESS). */
  stopDeploymentDelay: number;
  /** DRAINING → INACTIVE once a deleted service has no tasks left. */
  serviceInactive: number;
  /** STOPPED tasks stay describable at least an hour (reference §1.1). */
  stoppedTaskRetention: number;
  /** Cap of the retry back-off for services whose tasks keep failing to start (reference §2.7). */
  throttleMax: number;
}

export const defaultTimings: Timings = {
  schedulerDelay: 10,
  retryDelay: 15,
  provisioning: 8,
  pending: 6,
  imagePull: 8,
  pullFailure: 20,
  activating: 3,
  healthyGrace: 40,
  elbHealthy: 30,
  elbUnhealthy: 90,
  deregistrationLag: 10,
  deregistrationDelay: 20,
  stopSignal: 2,
  stopping: 12,
  deprovisioning: 10,
  stopDeploymentDelay: 2,
  serviceInactive: 10,
  stoppedTaskRetention: 3600,
  throttleMax: 900,
};

/**
 * Extensions (Express Mode, the traffic-shifting strategies) register their own durations here;
 * they are then read, set and reset through the control API like the built-in ones.
 */
export function registerTimings(defaults: Record<string, number>): void {
  Object.assign(defaultTimings, defaults);
}

/** Applies a partial update from the control API, rejecting unknown keys and negative values. */
export function updateTimings(current: Timings, patch: unknown): Timings {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw invalidParameter('timings must be an object of seconds.');
  }
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in defaultTimings)) throw invalidParameter(`Unknown timing '${key}'.`);
    if (typeof value !== 'number' || !(value >= 0)) throw invalidParameter(`Timing '${key}' must be a number ≥ 0.`);
    next[key as keyof Timings] = value;
  }
  return next;
}
