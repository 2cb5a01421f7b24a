/**
 * The monitor's view of an Express service: the classic deploy's {@link ecsMonitorSource} (ECS
 * reads, stopped-task diagnosis, log tails), with service deployments matched on the revision
 * the Create/Update call returned, not only on time: a sandbox (or a skewed clock) can make an
 * older deployment look recent, and right after an update the previous, SUCCESSFUL deployment
 * is still the newest one ECS lists. A hook after each DescribeServices follows the managed
 * resources and may stop the watch by throwing.
 */
import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { ecsMonitorSource } from '../actions/deploy/monitor-source.js';
import type { AwsClients } from '../aws/clients.js';
import type { MonitorSource } from '../monitor/index.js';
import type { ExpressRef } from './plan.js';

/** Options of {@link expressMonitorSource}. */
export interface ExpressMonitorSourceOptions {
  /** The revision Create/Update returned; only deployments towards it are watched. */
  targetRevisionArn?: string;
  /** Called after every DescribeServices, e.g. to follow the managed resources; may throw to stop the watch. */
  afterDescribe?(service: Service | undefined): Promise<void>;
}

/** A MonitorSource that also remembers the last ServiceDeployment it read (for alarm names in reports). */
export interface ExpressMonitorSource extends MonitorSource {
  lastServiceDeployment?: ServiceDeployment;
  /** Every alarm any read of the watched deployment reported as triggered (a rollback may clear them). */
  triggeredAlarms: Set<string>;
}

/** Builds the source for one Express service. */
export function expressMonitorSource(clients: AwsClients, ref: ExpressRef, o: ExpressMonitorSourceOptions): ExpressMonitorSource {
  const base = ecsMonitorSource(clients, ref);
  const matches = (target: string | undefined) => !o.targetRevisionArn || !target || target === o.targetRevisionArn;
  const source: ExpressMonitorSource = {
    ...base,
    triggeredAlarms: new Set(),
    async describeService() {
      const s = await base.describeService();
      await o.afterDescribe?.(s);
      return s;
    },
    async describeServiceDeployment(arn) {
      const sd = await base.describeServiceDeployment!(arn);
      if (!sd || !matches(sd.targetServiceRevision?.arn)) return undefined;
      source.lastServiceDeployment = sd;
      for (const a of sd.alarms?.triggeredAlarmNames ?? []) source.triggeredAlarms.add(a);
      return sd;
    },
    async listServiceDeployments() {
      return (await base.listServiceDeployments!()).filter((b) => matches(b.targetServiceRevisionArn));
    },
  };
  return source;
}
