/**
 * `ecsx wait`: watch the service until it is stable (default) or its current deployment is
 * deployed, without changing anything. Same monitor, exit codes and output as deploy.
 */
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import { withClients } from '../aws/clients.js';
import { checkWaitUntil, parseWaitUntil, type WaitUntil, type WatchResult } from '../monitor/index.js';
import { requireLiveService, requireServiceRef, rejectUnsupportedController } from './deploy/service.js';
import { watchService } from './deploy/watch.js';

/** Options of {@link wait}. */
export interface WaitOptions {
  /** `stable` (default), `deployed` or `ecs:<STAGE>`. */
  waitUntil?: WaitUntil | string;
}

/**
 * Waits for the config's service. Events are reported from the moment the wait starts.
 *
 * @throws DeploymentRolledBackError (exit 3) when the current deployment was rolled back;
 *   DeploymentFailedError (exit 4) on failure or timeout (config `timeout`, `--timeout`);
 *   InterruptedError (exit 130).
 */
export async function wait(ctx: ActionContext, loaded: LoadedConfig, opts: WaitOptions = {}): Promise<WatchResult> {
  const waitUntil = opts.waitUntil === undefined ? 'stable' : parseWaitUntil(opts.waitUntil);
  const ref = requireServiceRef(loaded, 'wait');
  return withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref }, async (clients) => {
    const service = await requireLiveService(await clients.ecs(), ref);
    rejectUnsupportedController(service, 'wait');
    checkWaitUntil(service, waitUntil);
    return watchService(ctx, clients, ref, { waitUntil, timeoutMs: loaded.config.timeoutMs, before: service });
  });
}
