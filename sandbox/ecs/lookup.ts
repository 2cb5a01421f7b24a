/** Small lookups shared across modules. */
import { serviceArn } from './arns.js';
import type { EngineContext } from './context.js';
import type { DeploymentRecord, ServiceRecord, TaskRecord } from './store.js';

/** The service a task belongs to (the current record for that name), if any. */
export function serviceOfTask(ctx: EngineContext, task: TaskRecord): ServiceRecord | undefined {
  if (!task.serviceName) return undefined;
  return ctx.store.services.get(serviceArn(ctx, task.clusterName, task.serviceName));
}

/** All tasks of a service (optionally of one deployment), including stopped ones. */
export function tasksOfService(ctx: EngineContext, service: ServiceRecord, deployment?: DeploymentRecord): TaskRecord[] {
  const out: TaskRecord[] = [];
  for (const t of ctx.store.tasks.values()) {
    if (t.clusterName !== service.clusterName || t.serviceName !== service.name) continue;
    if (t.createdAt < service.createdAt) continue; // a previous service with the same name
    if (deployment && t.deploymentId !== deployment.id) continue;
    out.push(t);
  }
  return out;
}

export const isStarting = (t: TaskRecord) => ['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(t.lastStatus);

/** Tasks the scheduler still wants: desiredStatus RUNNING and not stopped. */
export const isLive = (t: TaskRecord) => t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED';

/** Counts toward minimumHealthyPercent. */
export const isHealthy = (t: TaskRecord) => isLive(t) && t.lastStatus === 'RUNNING' && t.sim.healthy && !t.sim.unhealthy;

/** Running / pending task counts of a deployment (pending = not yet RUNNING, still wanted). */
export function deploymentCounts(ctx: EngineContext, service: ServiceRecord, dep: DeploymentRecord): { running: number; pending: number } {
  let running = 0;
  let pending = 0;
  for (const t of tasksOfService(ctx, service, dep)) {
    if (t.lastStatus === 'RUNNING') running++;
    else if (isStarting(t) && t.desiredStatus === 'RUNNING') pending++;
  }
  return { running, pending };
}
