/**
 * `ecsx refresh`: start a new deployment of the same task definition (fresh tasks, e.g. to pick
 * up a new image behind the same tag or rotated secrets) and wait until it is deployed.
 * ecspresso's refresh: a deploy with --skip-task-definition --force-new-deployment
 * --no-update-service. Unlike ecspresso, it never changes the desired count.
 */
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import type { WaitUntil } from '../monitor/index.js';
import { deployClassic, type DeployResult } from './deploy/classic.js';
import { resolveDeployOptions } from './deploy/options.js';

/** Options of {@link refresh}. */
export interface RefreshOptions {
  dryRun?: boolean;
  /** Wait for the new deployment (default true). */
  wait?: boolean;
  /** Default `deployed`. */
  waitUntil?: WaitUntil | string;
}

/** Refreshes the config's service. The service must exist. */
export async function refresh(ctx: ActionContext, loaded: LoadedConfig, opts: RefreshOptions = {}): Promise<DeployResult> {
  const resolved = resolveDeployOptions({ ...opts, skipTaskDefinition: true, updateService: false, forceNewDeployment: true }, 'deployed');
  return deployClassic(ctx, loaded, resolved, { command: 'refresh', requireService: true, keepDesiredCount: true });
}
