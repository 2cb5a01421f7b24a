/**
 * Deployment circuit breaker (reference §2.5). Threshold: BOUNDED_PERCENT (default 50) gives
 * clamp(ceil(value% × desired), 3, 200); UNBOUNDED_PERCENT no clamp (rounding up, UNCONFIRMED);
 * COUNT the value itself. Failures are tasks of the PRIMARY deployment that fail to start, exit
 * or fail health checks; a task that becomes healthy resets the count unless resetOnHealthyTask
 * is false. Only an IN_PROGRESS PRIMARY is evaluated.
 */
import type { EngineContext } from './context.js';
import { tripCircuitBreaker, serviceDeploymentFor } from './deployments.js';
import type { Json } from './input.js';
import type { ServiceDeploymentRecord, ServiceRecord, TaskRecord } from './store.js';

export function breakerThreshold(breaker: Json | undefined, desired: number): number {
  const tc = (breaker?.thresholdConfiguration as Json | undefined) ?? { type: 'BOUNDED_PERCENT', value: 50 };
  const value = (tc.value as number) ?? 50;
  switch (tc.type) {
    case 'COUNT':
      return Math.max(1, value);
    case 'UNBOUNDED_PERCENT':
      return Math.max(1, Math.ceil((value / 100) * desired));
    default:
      return Math.min(200, Math.max(3, Math.ceil((value / 100) * desired)));
  }
}

/** A deployment runs with the configuration it started with (its ServiceDeployment snapshot). */
const breakerConfig = (sd: ServiceDeploymentRecord) => sd.deploymentConfiguration.deploymentCircuitBreaker as Json | undefined;

/** Counts a failed task of the PRIMARY deployment; trips the breaker at the threshold. */
export function recordTaskFailure(ctx: EngineContext, service: ServiceRecord, task: TaskRecord): void {
  if (task.sim.failureCounted) return;
  task.sim.failureCounted = true;
  const primary = service.deployments[0];
  if (!primary || primary.id !== task.deploymentId || primary.rolloutState !== 'IN_PROGRESS') return;
  primary.failedTasks++;
  const sd = serviceDeploymentFor(service, primary);
  if (!sd || !['PENDING', 'IN_PROGRESS'].includes(sd.status)) return;
  sd.breaker.failureCount++;
  sd.updatedAt = ctx.now();
  const cfg = breakerConfig(sd);
  if (cfg?.enable !== true) return;
  sd.breaker.threshold = breakerThreshold(cfg, service.desiredCount);
  if (sd.breaker.failureCount >= sd.breaker.threshold) tripCircuitBreaker(ctx, service, sd);
}

/** A task of the PRIMARY became healthy: failedTasks and (by default) the breaker count reset. */
export function recordTaskHealthy(ctx: EngineContext, service: ServiceRecord, task: TaskRecord): void {
  const primary = service.deployments[0];
  if (!primary || primary.id !== task.deploymentId) return;
  primary.failedTasks = 0;
  const sd = serviceDeploymentFor(service, primary);
  if (!sd || sd.breaker.triggered) return;
  if (breakerConfig(sd)?.resetOnHealthyTask !== false) {
    sd.breaker.failureCount = 0;
    sd.updatedAt = ctx.now();
  }
}
