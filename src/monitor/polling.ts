/**
 * The adaptive polling schedule.
 *
 * Poll every `minMs` (1 s) right after something changed; while nothing changes, each interval is
 * 1.5× the previous one up to `maxMs` (10 s): 1, 1.5, 2.25, 3.4, 5.1, 7.6, 10, 10, … seconds. Any
 * change (counts, rolloutState, lifecycle stage, a new service event) drops back to 1 s. So early
 * in a deployment, when tasks start and counts move, completion is seen within about 1–2 s, and a
 * long quiet phase (a 5-minute drain, a 10-minute bake) costs one DescribeServices every 10 s, the
 * same as ecspresso's refresh interval. Pure and integer-valued, so fake clocks stay exact.
 */
export interface PollSchedule {
  minMs: number;
  maxMs: number;
  /** Growth factor while nothing changes, default 1.5. */
  factor?: number;
}

/** Default schedule: 1 s to 10 s, ×1.5. */
export const DEFAULT_POLL: Required<PollSchedule> = { minMs: 1000, maxMs: 10_000, factor: 1.5 };

/**
 * The interval before the next poll, given the one just used and whether this poll saw a change.
 * `prev` undefined means "first poll", which gets the minimum.
 */
export function nextInterval(prev: number | undefined, changed: boolean, schedule: PollSchedule = DEFAULT_POLL): number {
  const { minMs, maxMs } = schedule;
  const factor = schedule.factor ?? DEFAULT_POLL.factor;
  if (prev === undefined || changed) return minMs;
  return Math.min(maxMs, Math.max(minMs, Math.round(prev * factor)));
}
