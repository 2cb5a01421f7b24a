import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import { withClients } from '../aws/clients.js';
import { toEcsxError } from '../aws/map-error.js';
import { UsageError } from '../errors.js';
import { describeAutoScaling } from './status/auto-scaling.js';
import { requireService, serviceRefOf } from './status/describe.js';
import { formatStatus } from './status/format.js';
import { summarizeService } from './status/summarize.js';
import type { StatusResult } from './status/types.js';
import type { ExpressStatus } from '../express/status.js';

export type { AutoScalingSummary, DeploymentSummary, EventSummary, StatusResult, TaskSetSummary } from './status/types.js';
export { formatStatus } from './status/format.js';

/** Options of {@link status}. */
export interface StatusOptions {
  /** How many of the latest service events to show; default 10 (ecspresso's `--events`). */
  events?: number;
}

/**
 * Shows the service: task definition, deployments (or task sets), auto scaling and the last
 * events. A service that does not exist is a `SERVICE_NOT_FOUND` UserInputError (exit 2).
 * Emits the block as an `ECSX_STATUS` result.
 */
export async function status(ctx: ActionContext, loaded: LoadedConfig, opts: StatusOptions = {}): Promise<StatusResult> {
  const events = opts.events ?? 10;
  if (!Number.isInteger(events) || events < 0) throw new UsageError(`--events must be a whole number ≥ 0, got ${events}`);
  const ref = serviceRefOf(loaded.config, 'status');
  const result = await withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref }, async (clients) => {
    const service = await requireService(await clients.ecs(), ref);
    const r = summarizeService(service, ref.cluster, events);
    if (service.status === 'ACTIVE') {
      try {
        r.autoScaling = await describeAutoScaling(clients, ref);
      } catch (err) {
        // Read-only extra: a missing permission here should not hide the rest of the status.
        const e = toEcsxError(err, ref);
        await ctx.io.notify({ code: 'ECSX_STATUS_AUTOSCALING_UNAVAILABLE', level: 'warn', message: `auto scaling not shown: ${e.message}`, time: ctx.clock.now() });
      }
    }
    // Express Mode: state, endpoint, current deployment and managed resources (src/express/status.ts).
    if (r.express) Object.assign(r, { expressStatus: await (await import('../express/status.js')).readExpressStatus(clients, service) });
    return r as StatusResult & { expressStatus?: ExpressStatus };
  });
  const express = result.expressStatus ? `\n${(await import('../express/status.js')).formatExpressStatus(result.expressStatus)}` : '';
  await ctx.io.notify({ code: 'ECSX_STATUS', level: 'result', message: formatStatus(result) + express, time: ctx.clock.now(), data: result });
  return result;
}
