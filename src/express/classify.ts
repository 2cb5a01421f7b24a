/**
 * What became of each managed resource after a delete: deleted, retained by design, or left
 * behind — and which left-behind resources ecsx may remove. Pure: the probes are done already.
 */
import type { ProbeResult } from './probe.js';
import { describeResource, type ManagedResource } from './resources.js';

/** The fate of one resource. */
export type Outcome = 'deleted' | 'retained' | 'left-behind' | 'unknown';

/** One line of the delete report. */
export interface ReportItem {
  resource: ManagedResource;
  outcome: Outcome;
  reason: string;
  /** May be deleted by `--purge` / `cleanup` (left behind, ECS-managed, this service's). */
  purgeable: boolean;
}

/** The tag Express puts on every resource it manages (reference §3.1, §4.6). */
export const MANAGED_TAG = 'AmazonECSManaged';

/** True when tags say the resource is Express-managed; undefined when the tags are unknown. */
export function isManagedByTags(tags: Record<string, string> | undefined): boolean | undefined {
  if (!tags) return undefined;
  return tags[MANAGED_TAG] === 'true';
}

/**
 * Classifies each inventoried resource from its probe:
 * - gone → `deleted`;
 * - a log group → `retained` (Express never deletes log groups; its policy has no
 *   logs:DeleteLogGroup), purgeable only with `purgeLogs`;
 * - a load balancer that other rules or target groups still use → `retained` (shared), and with
 *   it its listener and security groups; never purgeable;
 * - anything else still there → `left-behind`, purgeable when tagged `AmazonECSManaged=true`
 *   (resources whose tags cannot be read — scaling policies — count as managed when they are
 *   in this service's inventory, which they are by construction).
 */
export function classifyInventory(inventory: ManagedResource[], probes: Map<ManagedResource, ProbeResult>, opts: { purgeLogs?: boolean } = {}): ReportItem[] {
  const sharedLb = inventory.some((r) => r.kind === 'load-balancer' && probes.get(r)?.exists && (probes.get(r)?.usedBy?.length ?? 0) > 0);
  return inventory.map((r) => {
    const p = probes.get(r) ?? { exists: undefined, error: 'not checked' };
    if (p.exists === false) return { resource: r, outcome: 'deleted', reason: 'deleted', purgeable: false };
    if (p.exists === undefined) return { resource: r, outcome: 'unknown', reason: `could not check: ${p.error ?? '?'}`, purgeable: false };
    const managed = isManagedByTags(p.tags) ?? (r.kind === 'scaling-policy' || r.kind === 'scalable-target');
    const notManaged = managed ? '' : ` (not tagged ${MANAGED_TAG}=true: not ecsx's to remove)`;
    if (r.kind === 'log-group') {
      return { resource: r, outcome: 'retained', reason: `kept by design: Express never deletes log groups${opts.purgeLogs ? '' : ' (--purge-logs deletes it)'}`, purgeable: Boolean(opts.purgeLogs) };
    }
    if (r.kind === 'load-balancer' && (p.usedBy?.length ?? 0) > 0) {
      const n = p.usedBy!.length;
      return { resource: r, outcome: 'retained', reason: `shared: ${n} other listener rule${n > 1 ? 's' : ''}/target group${n > 1 ? 's' : ''} still use it`, purgeable: false };
    }
    if (sharedLb && (r.kind === 'listener' || r.kind === 'load-balancer-security-group')) {
      return { resource: r, outcome: 'retained', reason: 'part of the shared load balancer', purgeable: false };
    }
    if (r.kind === 'certificate' && (p.usedBy?.length ?? 0) > 0 && sharedLb) {
      return { resource: r, outcome: 'left-behind', reason: `left behind, still attached to ${p.usedBy!.join(', ')}${notManaged}`, purgeable: managed };
    }
    return { resource: r, outcome: 'left-behind', reason: `left behind${notManaged}`, purgeable: managed };
  });
}

/** Counts per outcome. */
export function summarizeReport(items: ReportItem[]): Record<Outcome, number> {
  const c: Record<Outcome, number> = { deleted: 0, retained: 0, 'left-behind': 0, unknown: 0 };
  for (const i of items) c[i.outcome]++;
  return c;
}

/** The report as text, one resource per line, grouped by outcome; the cluster goes with its fate. */
export function formatReport(items: ReportItem[], cluster?: { name: string; outcome: string }): string {
  const lines: string[] = [];
  const groups: [Outcome, string][] = [
    ['deleted', 'Deleted'],
    ['retained', 'Retained by design'],
    ['left-behind', 'Left behind'],
    ['unknown', 'Not checked'],
  ];
  const clusterGroup: Outcome | undefined = cluster ? (cluster.outcome.startsWith('retained') ? 'retained' : 'deleted') : undefined;
  for (const [o, title] of groups) {
    const g = items.filter((i) => i.outcome === o).map((i) => `  ${describeResource(i.resource)}${o === 'deleted' ? '' : `: ${i.reason}`}`);
    if (clusterGroup === o) g.unshift(`  cluster ${cluster!.name}${o === 'deleted' ? '' : `: ${cluster!.outcome.replace(/^retained: /, '')}`}`);
    if (g.length) lines.push(`${title}:`, ...g);
  }
  return lines.join('\n');
}
