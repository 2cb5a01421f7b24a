/**
 * Launching and stopping a service's tasks on behalf of a strategy, with the service events ECS
 * writes for them ("has started N tasks", "has stopped N running tasks", "stopped N pending tasks").
 */
import type { EngineContext } from './context.js';
import { addEvent, eventText } from './events.js';
import { isStarting } from './lookup.js';
import type { DeploymentRecord, ServiceRecord, Tag, TaskRecord } from './store.js';
import { createTask, resolvePlacement } from './task-factory.js';
import { findTaskDefinition } from './task-definitions.js';
import { launchTask, requestStop } from './task-lifecycle.js';

function taskTags(service: ServiceRecord, tdTags: Tag[]): Tag[] {
  const tags: Tag[] =
    service.propagateTags === 'SERVICE' ? [...service.tags] : service.propagateTags === 'TASK_DEFINITION' ? [...tdTags] : [];
  if (service.enableECSManagedTags) {
    tags.push({ key: 'aws:ecs:clusterName', value: service.clusterName }, { key: 'aws:ecs:serviceName', value: service.name });
  }
  return tags;
}

/** Starts `count` tasks of `dep`'s revision. */
export function launchServiceTasks(ctx: EngineContext, service: ServiceRecord, dep: DeploymentRecord, count: number): TaskRecord[] {
  if (count <= 0) return [];
  const cluster = ctx.store.clusters.get(service.clusterName);
  // An INACTIVE definition still scales an existing service (reference §7).
  const td = findTaskDefinition(ctx, dep.revision.spec.taskDefinition);
  if (!cluster || !td) return [];
  const spec = dep.revision.spec;
  let placement;
  try {
    placement = resolvePlacement(cluster, spec.launchType, spec.capacityProviderStrategy);
  } catch (e) {
    addEvent(ctx, service, `(service ${service.name}) was unable to place a task. Reason: ${(e as Error).message}`);
    return [];
  }
  const tasks: TaskRecord[] = [];
  for (let i = 0; i < count; i++) {
    const task = createTask(ctx, {
      cluster,
      taskDefinition: td,
      placement,
      platformVersion: spec.platformVersion,
      networkConfiguration: spec.networkConfiguration,
      group: `service:${service.name}`,
      startedBy: dep.id,
      tags: taskTags(service, td.tags),
      enableExecuteCommand: service.enableExecuteCommand,
      serviceName: service.name,
      deploymentId: dep.id,
      loadBalancers: spec.loadBalancers,
      graceSeconds: service.healthCheckGracePeriodSeconds,
    });
    launchTask(ctx, task);
    tasks.push(task);
  }
  const replaced = Math.min(service.sim.unhealthyReplacements, tasks.length);
  service.sim.unhealthyReplacements -= replaced;
  dep.updatedAt = ctx.now();
  addEvent(ctx, service, eventText.started(service.name, tasks.map((t) => t.id), replaced));
  return tasks;
}

/** The scheduler's own stop reason: the deployment that is scaling in (reference §1.4). */
export const scalingReason = (task: TaskRecord) => `Scaling activity initiated by (deployment ${task.deploymentId ?? ''})`;

/**
 * Stops tasks as the service scheduler. RUNNING ones are reported as "has stopped N running
 * tasks: …" (written before deregistration, reference §3), others as "stopped N pending tasks.".
 */
export function stopServiceTasks(ctx: EngineContext, service: ServiceRecord, tasks: TaskRecord[]): void {
  const live = tasks.filter((t) => t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED');
  if (live.length === 0) return;
  const running = live.filter((t) => !isStarting(t));
  const pending = live.filter(isStarting);
  if (running.length) addEvent(ctx, service, eventText.stoppedRunning(service.name, running.map((t) => t.id)));
  if (pending.length) addEvent(ctx, service, eventText.stoppedPending(service.name, pending.length));
  for (const t of live) requestStop(ctx, t, { stopCode: 'ServiceSchedulerInitiated', reason: scalingReason(t) });
}
