/**
 * Follows the managed resources of the revision being deployed from poll to poll: which changed
 * status (for live output), which failed, which are stuck. Pure: the caller feeds it the
 * inventory it read and the times.
 */
import { describeResource, resourceKey, type ManagedResource } from './resources.js';

/** A PROVISIONING resource whose reason says it cannot be built: fail at once instead of waiting. */
const HOPELESS = /does not exist|not found|notfound|invalid|access ?denied|not authorized|limit ?exceeded/i;

/** Default: a resource still PROVISIONING this long (ms) is reported as stuck. */
export const DEFAULT_STUCK_AFTER_MS = 10 * 60 * 1000;

/** A status change seen at one poll. */
export interface ResourceChange {
  resource: ManagedResource;
  /** The previous status; undefined the first time the resource is seen. */
  from?: string;
}

/** What one poll shows about the managed resources. */
export interface ResourceAssessment {
  changes: ResourceChange[];
  /** Set when a resource FAILED, cannot be built, or is stuck: the deployment cannot succeed. */
  failure?: { resource: ManagedResource; reason: string };
  /** Every resource is ACTIVE (and at least one is known). */
  allActive: boolean;
  /** Resources not ACTIVE yet. */
  pending: ManagedResource[];
}

/** Tracks resource statuses across polls. */
export class ResourceTracker {
  private readonly status = new Map<string, string>();
  private readonly provisioningSince = new Map<string, number>();
  /** Newest server timestamp seen on any resource: the server's "now", as well as it is known. */
  private serverNow = 0;

  constructor(private readonly stuckAfterMs = DEFAULT_STUCK_AFTER_MS) {}

  /**
   * Takes one poll's inventory (of the target revision). `now` is the local clock, `serverNow`
   * an optional server timestamp from the same poll (e.g. the service deployment's `updatedAt`):
   * simulated or skewed server clocks are compared only with server times.
   */
  observe(resources: ManagedResource[], now: number, serverNow?: number): ResourceAssessment {
    for (const r of resources) this.serverNow = Math.max(this.serverNow, r.updatedAt ?? 0);
    if (serverNow !== undefined) this.serverNow = Math.max(this.serverNow, serverNow);
    const changes: ResourceChange[] = [];
    let failure: ResourceAssessment['failure'];
    for (const r of resources) {
      const key = resourceKey(r);
      const prev = this.status.get(key);
      if (prev !== r.status) changes.push(prev === undefined ? { resource: r } : { resource: r, from: prev });
      this.status.set(key, r.status);
      if (r.status !== 'PROVISIONING') this.provisioningSince.delete(key);
      else if (!this.provisioningSince.has(key)) this.provisioningSince.set(key, now);
      failure ??= this.failureOf(r, now);
    }
    const pending = resources.filter((r) => r.status !== 'ACTIVE');
    return { changes, ...(failure ? { failure } : {}), allActive: resources.length > 0 && pending.length === 0, pending };
  }

  private failureOf(r: ManagedResource, now: number): ResourceAssessment['failure'] {
    const what = describeResource(r);
    const why = r.statusReason ? `: ${r.statusReason.replace(/\.$/, '')}` : '';
    if (r.status === 'FAILED') return { resource: r, reason: `${what} FAILED${why}` };
    if (r.status !== 'PROVISIONING') return undefined;
    if (r.statusReason && HOPELESS.test(r.statusReason)) return { resource: r, reason: `${what} cannot be provisioned${why}` };
    const local = now - (this.provisioningSince.get(resourceKey(r)) ?? now);
    const server = r.updatedAt !== undefined && this.serverNow > 0 ? this.serverNow - r.updatedAt : 0;
    const waited = Math.max(local, server);
    if (waited >= this.stuckAfterMs) {
      return { resource: r, reason: `${what} has been PROVISIONING for ${Math.round(waited / 60_000)} min${why || ' without a reason from ECS'}` };
    }
    return undefined;
  }
}

/**
 * After the service deployment finished SUCCESSFUL: a resource still PROVISIONING that was
 * already provisioning when the deployment started has made no progress while the whole canary
 * ran (traffic shift, bakes, clean-up) — it is stuck, and waiting longer only hides that. A
 * resource that started provisioning later gets the ordinary wait. Pure; times are server epoch ms.
 */
export function stuckAfterDeployment(resources: ManagedResource[], deploymentCreatedAt: number | undefined): ResourceAssessment['failure'] {
  if (deploymentCreatedAt === undefined) return undefined;
  const r = resources.find((x) => x.status === 'PROVISIONING' && x.updatedAt !== undefined && x.updatedAt <= deploymentCreatedAt + 1000);
  if (!r) return undefined;
  const why = r.statusReason ? `: ${r.statusReason.replace(/\.$/, '')}` : '';
  return { resource: r, reason: `the service deployment finished, but ${describeResource(r)} is still PROVISIONING, as it was before the deployment started${why}` };
}
