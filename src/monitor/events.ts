import type { ServiceEvent } from '@aws-sdk/client-ecs';
import { ms } from './names.js';

/** A service event in `ECSX_SERVICE_EVENT` data. */
export interface ServiceEventData {
  id?: string;
  createdAt?: number;
  message: string;
}

/** Events that read like trouble are reported at `warn` level. */
const TROUBLE = /\b(fail(ed|ure)?|unable|unhealthy|error|rolling back|throttled|insufficient)\b/i;

/** Level for a service event message: `warn` for failures, placement problems and rollbacks, else `info`. */
export function eventLevel(message: string): 'warn' | 'info' {
  return TROUBLE.test(message) ? 'warn' : 'info';
}

/**
 * Remembers which service events were already reported. ECS returns at most 100 events, newest
 * first, and the same event again on every DescribeServices; {@link EventTracker.fresh} returns
 * each one once, oldest first, and only those created at or after `since`.
 */
export class EventTracker {
  private readonly seen = new Set<string>();
  constructor(private readonly since: number | undefined) {}

  /** The events of this poll not seen before, oldest first. */
  fresh(events: ServiceEvent[] | undefined): ServiceEventData[] {
    const out: ServiceEventData[] = [];
    for (const e of events ?? []) {
      const at = ms(e.createdAt);
      if (this.since !== undefined && at !== undefined && at < this.since) continue;
      const key = e.id ?? `${at}:${e.message}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      out.push({ id: e.id, createdAt: at, message: e.message ?? '' });
    }
    // Stable sort: events with the same createdAt keep ECS's order reversed (oldest first).
    return out.reverse().sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
  }
}
