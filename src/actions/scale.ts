/**
 * `ecsx scale --tasks N`: change the desired count (and the auto-scaling flags) of an existing
 * service, keeping its task definition and attributes, then wait until it is stable. ecspresso's
 * scale: a deploy with --skip-task-definition --no-update-service.
 */
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import type { WaitUntil } from '../monitor/index.js';
import { deployClassic, type DeployResult } from './deploy/classic.js';
import { resolveDeployOptions } from './deploy/options.js';
import type { AutoScalingFlags } from './deploy/auto-scaling.js';

/** Options of {@link scale}. */
export interface ScaleOptions extends AutoScalingFlags {
  /** Desired count; -1 (default) = the service definition's. */
  tasks?: number;
  dryRun?: boolean;
  /** Wait until stable (default true). */
  wait?: boolean;
  /** Default `stable`. */
  waitUntil?: WaitUntil | string;
}

/** Scales the config's service. The service must exist. */
export async function scale(ctx: ActionContext, loaded: LoadedConfig, opts: ScaleOptions = {}): Promise<DeployResult> {
  const resolved = resolveDeployOptions({ ...opts, skipTaskDefinition: true, updateService: false, forceNewDeployment: false }, 'stable');
  return deployClassic(ctx, loaded, resolved, { command: 'scale', requireService: true });
}
