/**
 * Waiting for a deleted service to go DRAINING → INACTIVE (or disappear), polling on the injected
 * clock with a growing interval and reporting each change of status or task counts. DRAINING can
 * last minutes while tasks stop and targets drain (reference §5.1).
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../../context.js';
import { DeploymentFailedError, InterruptedError } from '../../errors.js';
import { formatDuration } from '../../config/duration.js';
import { describeService, type ServiceRef } from '../status/describe.js';

/** Options of {@link waitInactive}. */
export interface WaitInactiveOptions {
  /** Give up after this long (ms); 0 = no limit. */
  timeoutMs: number;
  /** First poll interval, default 1000 ms; grows ×1.5 up to `maxIntervalMs`. */
  minIntervalMs?: number;
  /** Default 10000 ms. */
  maxIntervalMs?: number;
}

/** Resolves with the final status (`INACTIVE`, or `MISSING` once ECS has forgotten it) and the time waited. */
export async function waitInactive(ctx: ActionContext, ecs: ECSClient, ref: ServiceRef, o: WaitInactiveOptions): Promise<{ status: string; waitedMs: number }> {
  const start = ctx.clock.now();
  let interval = o.minIntervalMs ?? 1000;
  let last = '';
  for (;;) {
    const s = await describeService(ecs, ref);
    const status = s?.status ?? 'MISSING';
    if (status === 'INACTIVE' || status === 'MISSING') return { status, waitedMs: ctx.clock.now() - start };
    const line = `${ref.service}: ${status}, running:${s?.runningCount ?? 0} pending:${s?.pendingCount ?? 0}`;
    if (line !== last) {
      last = line;
      await ctx.io.notify({ code: 'ECSX_DELETE_PROGRESS', level: 'info', message: line, time: ctx.clock.now(), data: { status, runningCount: s?.runningCount, pendingCount: s?.pendingCount } });
    }
    const elapsed = ctx.clock.now() - start;
    if (o.timeoutMs > 0 && elapsed >= o.timeoutMs) {
      throw new DeploymentFailedError(
        'TIMEOUT',
        `service ${ref.service} is still ${status} after ${formatDuration(o.timeoutMs)}: ECS is still deleting it; check with \`ecsx status\``,
      );
    }
    const wait = o.timeoutMs > 0 ? Math.min(interval, o.timeoutMs - elapsed) : interval;
    try {
      await ctx.clock.sleep(wait, ctx.signal);
    } catch (err) {
      if (ctx.signal?.aborted) throw new InterruptedError(`interrupted while waiting for ${ref.service} to become INACTIVE; the deletion goes on`);
      throw err;
    }
    interval = Math.min(Math.round(interval * 1.5), o.maxIntervalMs ?? 10_000);
  }
}
