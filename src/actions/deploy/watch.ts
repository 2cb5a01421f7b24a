/**
 * Watching a service after a change (or without one, for `wait`): picks what to watch from the
 * service before and after the change and runs the monitor's `watchDeployment`.
 */
import type { Service } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../../context.js';
import type { AwsClients } from '../../aws/clients.js';
import { watchDeployment, type WaitUntil, type WatchResult } from '../../monitor/index.js';
import { ecsMonitorSource } from './monitor-source.js';
import { eventsSince } from './notify.js';
import type { ServiceRef } from './service.js';

/** Options of {@link watchService}. */
export interface WatchServiceOptions {
  waitUntil: WaitUntil;
  /** 0 = no limit. */
  timeoutMs: number;
  /** DescribeServices before the change; undefined when the change created the service. */
  before?: Service;
  /** The service the change returned (CreateService / UpdateService); undefined for `wait`. */
  after?: Service;
}

const primaryOf = (s: Service | undefined) => s?.deployments?.find((d) => d.status === 'PRIMARY') ?? s?.deployments?.[0];
const newestEvent = (s: Service | undefined) => Math.max(0, ...(s?.events ?? []).map((e) => e.createdAt?.getTime() ?? 0));

/** What to watch: the deployment the change started, or the current one when it started none. */
export interface WatchTarget {
  deploymentId?: string;
  taskDefinitionArn?: string;
  /** The deployment's createdAt (server time): older deployments, tasks and events are not ours. */
  startedAt?: number;
  /** Only events from this time on are news (set when no new deployment was started). */
  eventsFrom?: number;
  /** True when the change started a new deployment. */
  newDeployment: boolean;
}

/**
 * Reads the target from the service before and after a change. Times come from ECS, not from the
 * local clock, so a skewed laptop clock (or a sandbox running faster than real time) cannot hide
 * events or mistake the old deployment for the new one. Pure.
 */
export function watchTarget(before: Service | undefined, after: Service | undefined): WatchTarget {
  const now = primaryOf(after ?? before);
  const newDeployment = after !== undefined && (before === undefined || (now?.id !== undefined && now.id !== primaryOf(before)?.id));
  return {
    deploymentId: now?.id,
    taskDefinitionArn: now?.taskDefinition ?? (after ?? before)?.taskDefinition,
    startedAt: now?.createdAt?.getTime(),
    eventsFrom: newDeployment ? undefined : newestEvent(after ?? before) + 1,
    newDeployment,
  };
}

/**
 * Watches the service until `waitUntil` holds. Throws what `watchDeployment` throws:
 * DeploymentRolledBackError (exit 3), DeploymentFailedError (exit 4), InterruptedError (130).
 */
export async function watchService(ctx: ActionContext, clients: AwsClients, ref: ServiceRef, o: WatchServiceOptions): Promise<WatchResult> {
  const t = watchTarget(o.before, o.after);
  return watchDeployment({
    source: ecsMonitorSource(clients, ref),
    waitUntil: o.waitUntil,
    timeoutMs: o.timeoutMs,
    targetTaskDefinitionArn: t.taskDefinitionArn,
    targetDeploymentId: t.deploymentId,
    deploymentStartedAt: t.startedAt,
    io: eventsSince(ctx.io, t.eventsFrom),
    clock: ctx.clock,
    signal: ctx.signal,
  });
}
