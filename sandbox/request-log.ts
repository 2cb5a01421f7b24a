/**
 * The sandbox's request log: one entry per AWS API call it answered (control-API calls are not
 * logged), so tests can assert on what a client actually sent, e.g. "no UpdateService retried".
 */

/** One answered AWS request. */
export interface RequestLogEntry {
  /** Monotonic sequence number (1-based, survives filtering). */
  seq: number;
  /** Simulated time the request arrived, ISO-8601. */
  time: string;
  /** Real wall-clock time the request arrived, ISO-8601. */
  realTime: string;
  /** SigV4 signing name: `ecs`, `elasticloadbalancing`, `s3`, `monitoring`, … */
  service: string;
  operation: string;
  region: string;
  /** HTTP status sent; 0 when the connection was reset on purpose. */
  status: number;
  durationMs: number;
  errorCode?: string;
  /** Set when a fault rule (or the realistic throttle) produced the response. */
  fault?: string;
  requestId?: string;
}

/** Filters for {@link RequestLog.list}; all optional, combined with AND. */
export interface RequestLogFilter {
  service?: string;
  operation?: string;
  /** Only entries at or after this simulated time (ISO-8601 or epoch ms). */
  since?: string | number;
  /** Only entries with a `seq` greater than this (cheap incremental polling). */
  afterSeq?: number;
}

/** A bounded in-memory request log. Oldest entries are dropped beyond `capacity`. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity = 10_000) {}

  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    // Trim in batches so a busy sandbox does not shift the array on every request.
    if (this.entries.length > this.capacity * 1.1) this.entries = this.entries.slice(-this.capacity);
    return full;
  }

  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const since = parseSince(filter.since);
    const service = filter.service?.toLowerCase();
    return this.entries.filter(
      (e) =>
        (service === undefined || e.service === service) &&
        (filter.operation === undefined || e.operation === filter.operation) &&
        (since === undefined || Date.parse(e.time) >= since) &&
        (filter.afterSeq === undefined || e.seq > filter.afterSeq),
    );
  }

  clear(): void {
    this.entries = [];
  }
}

/** Parses a `since` filter: epoch ms (number or digits) or an ISO-8601 date. */
export function parseSince(since: string | number | undefined): number | undefined {
  if (since === undefined || since === '') return undefined;
  if (typeof since === 'number') return since;
  if (/^\d+(\.\d+)?$/.test(since)) return Number(since);
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new RangeError(`invalid since: ${since}`);
  return t;
}
