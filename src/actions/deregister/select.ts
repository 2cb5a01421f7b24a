/** Which revisions `deregister --keeps N` removes. Pure. */

/** The plan for `--keeps`: what goes, what stays and why. */
export interface KeepsPlan {
  /** Oldest first, the order they are deregistered in. */
  deregister: string[];
  /** The N newest revisions not in use, newest first. */
  kept: string[];
  /** Revisions in use, never deregistered, newest first. */
  inUse: string[];
}

/**
 * Keeps the `keeps` newest revisions that are not in use, and every revision in use; the rest
 * are deregistered. `arnsNewestFirst` are the family's ACTIVE revisions.
 */
export function planKeeps(arnsNewestFirst: string[], inUse: ReadonlySet<string> | ReadonlyMap<string, unknown>, keeps: number): KeepsPlan {
  const used = arnsNewestFirst.filter((a) => inUse.has(a));
  const free = arnsNewestFirst.filter((a) => !inUse.has(a));
  return { deregister: free.slice(keeps).reverse(), kept: free.slice(0, keeps), inUse: used };
}

/** Batches of at most `size` (DeleteTaskDefinitions takes 10 per call). */
export function batches<T>(items: T[], size = 10): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
