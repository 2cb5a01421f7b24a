/**
 * Watching an Express deployment: the service deployment (canary: 5 %, bake, 100 %, clean-up)
 * through the shared monitor (`watchDeployment`), and at every poll the managed resources of
 * the revision being deployed, shown as they change. A FAILED, hopeless or stuck resource stops
 * the watch at once. Success needs the service deployment SUCCESSFUL and every resource ACTIVE.
 */
import type { ECSClient, Service } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import { DeploymentFailedError, DeploymentRolledBackError } from '../errors.js';
import type { IoHost } from '../io/messages.js';
import { deployFailureData, nextInterval, watchDeployment, type DeployFailureData, type WatchResult } from '../monitor/index.js';
import { deploymentFailedError, rolledBackError } from '../monitor/failure-errors.js';
import { describeExpress, endpointsOf, readInventory } from './lookup.js';
import { expressMonitorSource, type ExpressMonitorSource } from './monitor-source.js';
import type { ExpressRef } from './plan.js';
import { ResourceTracker, stuckAfterDeployment, type ResourceAssessment } from './resource-tracker.js';
import { describeResource, type ManagedResource } from './resources.js';

/** Options of {@link watchExpressDeployment}. */
export interface WatchExpressOptions {
  clients: AwsClients;
  ecs: ECSClient;
  ref: ExpressRef;
  serviceArn: string;
  /** The revision Create/Update returned. */
  targetRevisionArn?: string;
  /** Its task definition, when known (helps tell the new deployment from the old). */
  targetTaskDefinitionArn?: string;
  /** When the change was made, in the server's clock (the response's `updatedAt`), epoch ms. */
  startedAt?: number;
  /** True for a first create: there is no previous revision to roll back to. */
  created: boolean;
  timeoutMs: number;
  io: IoHost;
  clock: Clock;
  signal?: AbortSignal;
  /** A resource PROVISIONING this long is stuck (ms). */
  stuckAfterMs?: number;
  pollMinMs?: number;
  pollMaxMs?: number;
}

/** What {@link watchExpressDeployment} returns on success. */
export interface WatchExpressResult {
  /** `https://…` endpoints of the service. */
  endpoints: string[];
  /** The target revision's managed resources, as last read. */
  resources: ManagedResource[];
  watch: WatchResult;
}

/** Message codes of the Express watch. */
export const ExpressWatchCodes = {
  RESOURCES: 'ECSX_EXPRESS_RESOURCES',
  RESOURCE: 'ECSX_EXPRESS_RESOURCE',
  RESOURCE_FAILED: 'ECSX_EXPRESS_RESOURCE_FAILED',
} as const;

/**
 * Watches until the deployment is SUCCESSFUL and the resources ACTIVE.
 * @throws DeploymentRolledBackError (exit 3) when ECS rolled an update back to the previous revision;
 *   DeploymentFailedError (exit 4) for a failed or stuck resource, a failed deployment, a rolled-back
 *   first create (nothing to go back to), or a timeout.
 */
export async function watchExpressDeployment(o: WatchExpressOptions): Promise<WatchExpressResult> {
  const start = o.clock.now();
  const deadline = o.timeoutMs > 0 ? start + o.timeoutMs : Infinity;
  const tracker = new ResourceTracker(o.stuckAfterMs);
  let resources: ManagedResource[] = [];
  let last: ResourceAssessment | undefined;

  const pollResources = async (serverNow?: number): Promise<ResourceAssessment | undefined> => {
    if (!o.targetRevisionArn) return undefined;
    try {
      resources = await readInventory(o.ecs, [o.targetRevisionArn]);
    } catch (err) {
      // Best effort: the deployment itself is the verdict; an unreadable inventory only hides progress.
      await note(o, 'debug', 'ECSX_EXPRESS_RESOURCES_UNREADABLE', `managed resources not readable: ${(err as Error)?.message ?? err}`);
      return undefined;
    }
    const firstPoll = last === undefined;
    last = tracker.observe(resources, o.clock.now(), serverNow);
    if (firstPoll && resources.length) {
      const counts = new Map<string, number>();
      for (const r of resources) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
      const summary = [...counts].map(([st, n]) => `${n} ${st}`).join(', ');
      await note(o, 'info', ExpressWatchCodes.RESOURCES, `${resources.length} managed resources: ${summary}`);
    }
    for (const c of last.changes) {
      const r = c.resource;
      // The first look lists only what is not ready yet; the summary above counts the rest.
      if (!c.from && r.status === 'ACTIVE') continue;
      const text = `  ${describeResource(r)}: ${c.from ? `${c.from} → ` : ''}${r.status}${r.statusReason && r.status !== 'ACTIVE' ? ` (${r.statusReason})` : ''}`;
      await o.io.notify({ code: ExpressWatchCodes.RESOURCE, level: 'info', message: text, time: o.clock.now(), data: { ...r, from: c.from } });
    }
    if (last.failure) {
      const data: DeployFailureData = { state: 'failed', reason: last.failure.reason, timeline: [] };
      await o.io.notify({ code: ExpressWatchCodes.RESOURCE_FAILED, level: 'error', message: last.failure.reason, time: o.clock.now(), data: last.failure });
      throw deploymentFailedError('DEPLOYMENT_FAILED', `${last.failure.reason}; the Express service cannot become ready`, data);
    }
    return last;
  };

  const source = expressMonitorSource(o.clients, o.ref, {
    targetRevisionArn: o.targetRevisionArn,
    afterDescribe: async (s: Service | undefined) => void (await pollResources(Math.max(serverTime(s) ?? 0, source.lastServiceDeployment?.updatedAt?.getTime() ?? 0) || undefined)),
  });

  let watch: WatchResult;
  try {
    watch = await watchDeployment({
      source,
      waitUntil: 'deployed',
      timeoutMs: o.timeoutMs,
      targetTaskDefinitionArn: o.targetTaskDefinitionArn,
      deploymentStartedAt: o.startedAt,
      io: o.io,
      clock: o.clock,
      signal: o.signal,
      pollMinMs: o.pollMinMs,
      pollMaxMs: o.pollMaxMs,
    });
  } catch (err) {
    throw await explainFailure(err, source, o);
  }

  // The deployment is SUCCESSFUL; resources normally are ACTIVE by then (traffic needs them).
  let interval: number | undefined;
  const sdCreated = (watch.serviceDeployment ?? source.lastServiceDeployment)?.createdAt?.getTime();
  while (o.targetRevisionArn && !last?.allActive) {
    const a = await pollResources();
    if (!a || a.allActive) break;
    const stuck = stuckAfterDeployment(a.pending, sdCreated);
    if (stuck) {
      await o.io.notify({ code: ExpressWatchCodes.RESOURCE_FAILED, level: 'error', message: stuck.reason, time: o.clock.now(), data: stuck });
      throw deploymentFailedError('DEPLOYMENT_FAILED', `${stuck.reason}; the service is not ready (ECS goes on trying)`, { state: 'failed', reason: stuck.reason, timeline: watch.timeline });
    }
    const now = o.clock.now();
    if (now >= deadline) {
      const names = a.pending.map((r) => `${describeResource(r)} (${r.status})`).join(', ');
      throw new DeploymentFailedError('TIMEOUT', `the deployment succeeded but these managed resources are not ACTIVE after ${Math.round(o.timeoutMs / 1000)}s: ${names}`);
    }
    interval = nextInterval(interval, a.changes.length > 0, { minMs: o.pollMinMs ?? 1000, maxMs: o.pollMaxMs ?? 10_000 });
    await o.clock.sleep(Math.min(interval, deadline - now), o.signal);
  }
  const svc = await describeExpress(o.ecs, o.serviceArn);
  return { endpoints: endpointsOf(svc), resources, watch };
}

/**
 * Adds what the monitor does not know about Express: the names of the alarms that triggered a
 * rollback, and that a first create has no previous revision (a rollback there is a failure,
 * exit 4). The monitor has already printed its failure (the error is marked `reported`), so the
 * additions are sent as messages of their own and also appended to the error.
 */
async function explainFailure(err: unknown, source: ExpressMonitorSource, o: Pick<WatchExpressOptions, 'io' | 'clock' | 'created'>): Promise<unknown> {
  if (!(err instanceof DeploymentRolledBackError || err instanceof DeploymentFailedError)) return err;
  const sd = source.lastServiceDeployment;
  const triggered = [...source.triggeredAlarms];
  // The alarm may be back to OK (and off the deployment's record) by the time the rollback is seen: name the ones watched.
  const watched = sd?.alarms?.alarmNames?.length ? sd.alarms.alarmNames : (sd?.deploymentConfiguration?.alarms?.alarmNames ?? []);
  const alarms = triggered.length ? triggered : /alarm/i.test(err.message) ? watched : [];
  const extra: string[] = [];
  if (alarms.length && !alarms.every((a) => err.message.includes(a))) {
    extra.push(`alarm${alarms.length > 1 ? 's' : ''} ${triggered.length ? 'triggered' : 'watched by the deployment'}: ${alarms.join(', ')}`);
  }
  const firstRollback = err instanceof DeploymentRolledBackError && o.created;
  if (firstRollback) extra.push("this was the service's first deployment: there is no previous revision to go back to, so nothing is serving");
  if (!extra.length) return err;
  for (const line of extra) await note(o, 'error', 'ECSX_EXPRESS_FAILURE_DETAIL', line);
  const message = [err.message, ...extra].join('\n');
  const data = deployFailureData(err) ?? { state: 'failed' as const, reason: message, timeline: [] };
  if (firstRollback) return deploymentFailedError('DEPLOYMENT_FAILED', message, { ...data, state: 'failed' });
  if (err instanceof DeploymentRolledBackError) return rolledBackError(message, data);
  return deploymentFailedError(err.code === 'TIMEOUT' ? 'TIMEOUT' : 'DEPLOYMENT_FAILED', message, data);
}

/** The newest server timestamp on a DescribeServices answer (deployment updates, events). */
function serverTime(s: Service | undefined): number | undefined {
  const times = [...(s?.deployments ?? []).map((d) => d.updatedAt?.getTime() ?? 0), ...(s?.events ?? []).map((e) => e.createdAt?.getTime() ?? 0)];
  const max = Math.max(0, ...times);
  return max > 0 ? max : undefined;
}

async function note(o: Pick<WatchExpressOptions, 'io' | 'clock'>, level: 'debug' | 'info' | 'warn' | 'error', code: string, message: string): Promise<void> {
  await o.io.notify({ code, level, message, time: o.clock.now() });
}
