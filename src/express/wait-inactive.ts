/**
 * Waiting for a deleted Express service to reach INACTIVE (reference §5.4: DRAINING is not the
 * end; Terraform returned at DRAINING until 6.43.0). Polls DescribeServices on the injected clock
 * with the monitor's adaptive schedule.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Clock } from '../clock.js';
import { formatDuration } from '../config/duration.js';
import { DeploymentFailedError } from '../errors.js';
import type { IoHost } from '../io/messages.js';
import { nextInterval } from '../monitor/index.js';
import { describeServiceByName } from './lookup.js';
import type { ExpressRef } from './plan.js';

/** Options of {@link waitForInactive}. */
export interface WaitInactiveOptions {
  ecs: ECSClient;
  ref: ExpressRef;
  timeoutMs: number;
  io: IoHost;
  clock: Clock;
  signal?: AbortSignal;
  /** Why we wait, for the progress line: "before creating it again". */
  purpose?: string;
  pollMinMs?: number;
  pollMaxMs?: number;
}

/**
 * Resolves once DescribeServices reports the service INACTIVE or MISSING; returns how long it took.
 * @throws DeploymentFailedError `TIMEOUT` (exit 4) when it is still DRAINING after `timeoutMs`.
 */
export async function waitForInactive(o: WaitInactiveOptions): Promise<number> {
  const start = o.clock.now();
  const deadline = o.timeoutMs > 0 ? start + o.timeoutMs : Infinity;
  let interval: number | undefined;
  let lastStatus: string | undefined;
  for (;;) {
    o.signal?.throwIfAborted();
    const s = await describeServiceByName(o.ecs, o.ref);
    const status = s?.status ?? 'MISSING';
    const now = o.clock.now();
    if (status === 'INACTIVE' || status === 'MISSING') {
      await o.io.notify({ code: 'ECSX_EXPRESS_INACTIVE', level: 'info', message: `service ${o.ref.service} is INACTIVE (${formatDuration(Math.round((now - start) / 1000) * 1000)})`, time: now });
      return now - start;
    }
    const running = s?.runningCount ?? 0;
    const changed = status !== lastStatus;
    if (changed) {
      const why = o.purpose ? ` ${o.purpose}` : '';
      await o.io.notify({
        code: 'ECSX_EXPRESS_WAIT_INACTIVE',
        level: 'info',
        message: `waiting for service ${o.ref.service} to become INACTIVE${why}: it is ${status}, ${running} task${running === 1 ? '' : 's'} running`,
        time: now,
        data: { status, running },
      });
    }
    lastStatus = status;
    if (now >= deadline) {
      throw new DeploymentFailedError(
        'TIMEOUT',
        `service ${o.ref.service} is still ${status} after ${formatDuration(o.timeoutMs)} (${running} task${running === 1 ? '' : 's'} running); ECS goes on deleting it. Run the command again later, or raise --timeout`,
      );
    }
    interval = nextInterval(interval, changed, { minMs: o.pollMinMs ?? 1000, maxMs: o.pollMaxMs ?? 10_000 });
    await o.clock.sleep(Math.min(interval, deadline - now), o.signal);
  }
}
