/**
 * What delete and cleanup do once the service is INACTIVE: check every inventoried resource with
 * its own service's API, classify it (deleted / retained by design / left behind), optionally
 * purge what was left behind and the roles ecsx created, and report.
 */
import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients.js';
import type { ActionContext } from '../context.js';
import { say } from './action-helpers.js';
import { classifyInventory, formatReport, summarizeReport, type ReportItem } from './classify.js';
import type { ExpressRef } from './plan.js';
import { probeResources, scalingResourceId } from './probe.js';
import { purgeResources, type PurgeOutcome } from './purge.js';
import { describeResource, type ManagedResource } from './resources.js';
import { deleteCreatedRoles, type RoleDeletion } from './roles.js';

/** Options of {@link reportAndPurge}. */
export interface TeardownOptions {
  purge?: boolean;
  purgeLogs?: boolean;
  /** Role ARNs the service used; with `purge`, those ecsx created are deleted. */
  roleArns?: string[];
  /** Report only (cleanup --dry-run): no hint to run cleanup. */
  dryRun?: boolean;
}

/** The cluster after the delete. */
export interface ClusterFate {
  name: string;
  /** `retained (3 other services)`, `retained (empty)`, `deleted`. */
  outcome: string;
}

/** The outcome of a teardown. */
export interface TeardownResult {
  report: ReportItem[];
  cluster?: ClusterFate;
  purged: PurgeOutcome[];
  roles: RoleDeletion[];
  /** Resources still left behind after any purge. */
  leftBehind: ReportItem[];
}

/** Probes, classifies, purges (if asked) and emits the report as an `ECSX_EXPRESS_DELETE_REPORT` result. */
export async function reportAndPurge(ctx: ActionContext, clients: AwsClients, ref: ExpressRef, inventory: ManagedResource[], o: TeardownOptions = {}): Promise<TeardownResult> {
  const scalingId = scalingResourceId(ref.cluster, ref.service);
  const probes = await probeResources(clients, inventory, scalingId);
  const report = classifyInventory(inventory, probes, { purgeLogs: o.purgeLogs });
  const cluster = await clusterFate(clients, ref);
  let purged: PurgeOutcome[] = [];
  let roles: RoleDeletion[] = [];
  if (o.purge || o.purgeLogs) {
    const chosen = report.filter((i) => i.purgeable && (o.purge || i.resource.kind === 'log-group'));
    if (chosen.length) await say(ctx, 'info', 'ECSX_EXPRESS_PURGE', `removing ${chosen.length} resource${chosen.length > 1 ? 's' : ''} left behind`);
    purged = await purgeResources(clients, chosen, {
      clock: ctx.clock,
      signal: ctx.signal,
      scalingId,
      onDeleted: (r) => say(ctx, 'info', 'ECSX_EXPRESS_PURGED', `  deleted ${describeResource(r)}`, r),
    });
    for (const p of purged) {
      const item = report.find((i) => i.resource === p.resource);
      if (!item) continue;
      if (p.deleted) Object.assign(item, { outcome: 'deleted', reason: 'deleted by ecsx (purge)', purgeable: false });
      else await say(ctx, 'warn', 'ECSX_EXPRESS_PURGE_FAILED', `could not delete ${p.error}`);
    }
    if (o.purge && o.roleArns?.length) {
      roles = await deleteCreatedRoles(await clients.iam(), o.roleArns, ref);
      for (const r of roles.filter((x) => x.deleted)) await say(ctx, 'info', 'ECSX_EXPRESS_ROLE_DELETED', `  deleted IAM role ${r.arn} (${r.reason})`, r);
    }
  }
  const leftBehind = report.filter((i) => i.outcome === 'left-behind');
  const counts = summarizeReport(report);
  // The cluster counts too: it is one of the things the delete might have removed.
  if (cluster) counts[cluster.outcome.startsWith('retained') ? 'retained' : 'deleted']++;
  const head = `${ref.service}: ${counts.deleted} deleted, ${counts.retained} retained by design, ${counts['left-behind']} left behind${counts.unknown ? `, ${counts.unknown} not checked` : ''}`;
  await say(ctx, 'result', 'ECSX_EXPRESS_DELETE_REPORT', `${head}\n${formatReport(report, cluster)}`, { report: report.map(plain), cluster, purged: purged.map((p) => ({ ...p, resource: p.resource.arn })), roles });
  if (leftBehind.length && !o.dryRun) {
    const can = leftBehind.filter((i) => i.purgeable).length;
    const hint = can ? `; \`ecsx cleanup\` (or \`ecsx delete --purge\`) removes the ${can} that Express manages for this service` : '';
    await say(ctx, 'warn', 'ECSX_EXPRESS_LEFT_BEHIND', `${leftBehind.length} managed resource${leftBehind.length > 1 ? 's were' : ' was'} left behind${hint}`);
  }
  return { report, ...(cluster ? { cluster } : {}), purged, roles, leftBehind };
}

function plain(i: ReportItem) {
  return { kind: i.resource.kind, arn: i.resource.arn, name: i.resource.name, outcome: i.outcome, reason: i.reason, purgeable: i.purgeable };
}

/** The cluster is never deleted by ecsx; say whether ECS kept it and why. */
async function clusterFate(clients: AwsClients, ref: ExpressRef): Promise<ClusterFate | undefined> {
  try {
    const c = (await (await clients.ecs()).send(new DescribeClustersCommand({ clusters: [ref.cluster] }))).clusters?.[0];
    if (!c || c.status === 'INACTIVE') return { name: ref.cluster, outcome: 'deleted' };
    const others = c.activeServicesCount ?? 0;
    const tasks = c.runningTasksCount ?? 0;
    if (others || tasks) return { name: ref.cluster, outcome: `retained: ${others} other service${others === 1 ? '' : 's'}, ${tasks} running task${tasks === 1 ? '' : 's'}` };
    return { name: ref.cluster, outcome: 'retained: empty (ecsx never deletes clusters; delete it yourself if nothing else uses it)' };
  } catch {
    return undefined;
  }
}
