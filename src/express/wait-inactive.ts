/**
 * Waiting for a deleted Express service to be INACTIVE as Express sees it
 * (DescribeExpressGatewayService): the ECS service underneath goes INACTIVE once its tasks have
 * drained, but Express still holds the name while it removes the managed resources, and a Create
 * in between fails with "Unable to Start a service that is still Draining." (reference §5.4).
 * Polls on the injected clock with the monitor's adaptive schedule.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Clock } from '../clock.js';
import { formatDuration } from '../config/duration.js';
import { DeploymentFailedError, InterruptedError } from '../errors.js';
import type { IoHost } from '../io/messages.js';
import { nextInterval } from '../monitor/index.js';
import { describeExpress, describeServiceByName } from './lookup.js';
import type { ExpressRef } from './plan.js';

/** Options of {@link waitExpressInactive}. */
export interface WaitExpressInactiveOptions {
  ecs: ECSClient;
  ref: ExpressRef;
  serviceArn: string;
  /** 0 = no limit. */
  timeoutMs: number;
  io: IoHost;
  clock: Clock;
  signal?: AbortSignal;
  pollMinMs?: number;
  pollMaxMs?: number;
}

/**
 * Resolves with the time waited once the Express service is INACTIVE or gone.
 * @throws DeploymentFailedError `TIMEOUT` (exit 4) when it is still DRAINING after `timeoutMs`.
 */
export async function waitExpressInactive(o: WaitExpressInactiveOptions): Promise<number> {
  const start = o.clock.now();
  let interval: number | undefined;
  let last = '';
  for (;;) {
    const live = await describeExpress(o.ecs, o.serviceArn);
    const status = live?.status?.statusCode ?? 'MISSING';
    if (status === 'INACTIVE' || status === 'MISSING') return o.clock.now() - start;
    const svc = await describeServiceByName(o.ecs, o.ref);
    const line = `${o.ref.service}: ${status}, ${svc?.runningCount ?? 0} task${svc?.runningCount === 1 ? '' : 's'} running${svc?.status === 'INACTIVE' ? ', removing managed resources' : ''}`;
    const changed = line !== last;
    if (changed) await o.io.notify({ code: 'ECSX_EXPRESS_DRAINING', level: 'info', message: line, time: o.clock.now(), data: { status, running: svc?.runningCount ?? 0 } });
    last = line;
    const elapsed = o.clock.now() - start;
    if (o.timeoutMs > 0 && elapsed >= o.timeoutMs) {
      throw new DeploymentFailedError('TIMEOUT', `service ${o.ref.service} is still ${status} after ${formatDuration(o.timeoutMs)}: ECS is still deleting it; run the command again later, or raise --timeout`);
    }
    interval = nextInterval(interval, changed, { minMs: o.pollMinMs ?? 1000, maxMs: o.pollMaxMs ?? 10_000 });
    try {
      await o.clock.sleep(o.timeoutMs > 0 ? Math.min(interval, o.timeoutMs - elapsed) : interval, o.signal);
    } catch (err) {
      if (o.signal?.aborted) throw new InterruptedError(`interrupted while waiting for ${o.ref.service} to become INACTIVE; the deletion goes on`);
      throw err;
    }
  }
}
