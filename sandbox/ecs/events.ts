/**
 * Service events in ECS's exact wording (reference §3): messages start with `(service S)`,
 * counts are never singularised ("1 tasks"), target-group messages have no trailing period.
 * Events are kept newest first, at most 100.
 */
import type { EngineContext } from './context.js';
import { newUuid } from './ids.js';
import type { ServiceRecord } from './store.js';

const tasks = (ids: string[]) => ids.map((id) => `(task ${id})`).join(' ');

export const eventText = {
  steadyState: (s: string) => `(service ${s}) has reached a steady state.`,
  started: (s: string, ids: string[], replacedUnhealthy = 0) =>
    `(service ${s}) has started ${ids.length} tasks: ${tasks(ids)}.` +
    (replacedUnhealthy > 0 ? ` Amazon ECS replaced ${replacedUnhealthy} tasks due to an unhealthy status.` : ''),
  stoppedRunning: (s: string, ids: string[]) => `(service ${s}) has stopped ${ids.length} running tasks: ${tasks(ids)}.`,
  stoppedPending: (s: string, n: number) => `(service ${s}) stopped ${n} pending tasks.`,
  registered: (s: string, n: number, tg: string) => `(service ${s}) registered ${n} targets in (target-group ${tg})`,
  deregistered: (s: string, n: number, tg: string) => `(service ${s}) deregistered ${n} targets in (target-group ${tg})`,
  /** The taskSet is the deployment being drained, i.e. the old one. */
  drainingBegun: (s: string, deploymentId: string, n: number) =>
    `(service ${s}, taskSet ${deploymentId}) has begun draining connections on ${n} tasks.`,
  deploymentCompleted: (s: string, deploymentId: string) => `(service ${s}) (deployment ${deploymentId}) deployment completed.`,
  deploymentFailed: (s: string, deploymentId: string) =>
    `(service ${s}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
  rollingBack: (s: string, deploymentId: string) => `(service ${s}) rolling back to deployment ${deploymentId}.`,
  /** Trailing period UNCONFIRMED (reference §8.6); written without, like the other target-group events. */
  unhealthyInTargetGroup: (s: string, taskId: string, port: number, tg: string) =>
    `(service ${s}) (task ${taskId}) (port ${port}) is unhealthy in (target-group ${tg}) due to (reason Health checks failed with these codes: [503])`,
  failedContainerHealthChecks: (s: string, taskId: string) => `(service ${s}) (task ${taskId}) failed container health checks.`,
  unableToConsistentlyStart: (s: string) => `(service ${s}) is unable to consistently start tasks successfully.`,
  deploymentConfigurationDeadlock: (s: string) =>
    `(service ${s}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`,
};

const MAX_EVENTS = 100;

/**
 * Adds an event. `offsetMs` places it a few ms after now: ECS writes paired events 1–6 ms apart
 * ("deployment completed." then "steady state" at +1 ms), reference §3.
 */
export function addEvent(ctx: EngineContext, service: ServiceRecord, message: string, offsetMs = 0): void {
  service.events.unshift({ id: newUuid(), createdAt: ctx.now() + offsetMs, message });
  if (service.events.length > MAX_EVENTS) service.events.length = MAX_EVENTS;
}

const batches = new WeakMap<ServiceRecord, Map<string, { items: string[]; render: (items: string[]) => string[] }>>();

/**
 * Collects items that ECS reports in one event (e.g. the targets registered by tasks that became
 * RUNNING at the same moment) and writes the event(s) 1 ms later.
 */
export function batchEvent(
  ctx: EngineContext,
  service: ServiceRecord,
  key: string,
  item: string,
  render: (items: string[]) => string[],
): void {
  let byKey = batches.get(service);
  if (!byKey) batches.set(service, (byKey = new Map()));
  const existing = byKey.get(key);
  if (existing) {
    existing.items.push(item);
    return;
  }
  const batch = { items: [item], render };
  byKey.set(key, batch);
  ctx.after(0.001, () => {
    byKey!.delete(key);
    batch.render(batch.items).forEach((message, i) => addEvent(ctx, service, message, i * 6));
  });
}
