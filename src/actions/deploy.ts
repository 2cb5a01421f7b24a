/**
 * `ecsx deploy`: register the task definition, create or update the service with one
 * UpdateService call, and watch the rollout until it is deployed (or stable, or a lifecycle
 * stage), failed, rolled back or timed out. See docs/commands/deploy.md.
 */
import type { ActionContext } from '../context.js';
import { UsageError } from '../errors.js';
import type { ExpressDeployResult } from './express-deploy.js';
import type { LoadedConfig } from '../config/load.js';
import { deployClassic, type DeployResult } from './deploy/classic.js';
import { resolveDeployOptions, type DeployOptions } from './deploy/options.js';

export type { DeployResult } from './deploy/classic.js';
export type { DeployOptions } from './deploy/options.js';
export type { PlannedCall } from './deploy/plan.js';
export type { TagChanges } from './deploy/service-input.js';
export { calcDesiredCount } from './deploy/desired-count.js';
export { planServiceUpdate, createServiceInput, tagChanges } from './deploy/service-input.js';

/**
 * Deploys the config's service. Options are ecspresso's (defaults: `--tasks -1`, update the
 * service attributes, wait until `deployed`).
 *
 * @throws UserInputError (exit 2) for bad flags or definitions, before anything changes;
 *   DeploymentRolledBackError (exit 3) when ECS rolled back to the previous revision;
 *   DeploymentFailedError (exit 4) when the deployment failed or timed out;
 *   InterruptedError (exit 130) on Ctrl-C, after saying the deployment goes on in ECS.
 */
export async function deploy(ctx: ActionContext, loaded: LoadedConfig, opts: DeployOptions & { replace?: boolean } = {}): Promise<DeployResult | ExpressDeployResult> {
  // Express Mode services (config express_definition): src/actions/express-deploy.ts.
  if (loaded.config.expressDefinition) return (await import('./express-deploy.js')).expressDeployFromFlags(ctx, loaded, opts);
  if (opts.replace) throw new UsageError('--replace is for Express services (express_definition in the config)');
  const resolved = resolveDeployOptions(opts, 'deployed');
  return deployClassic(ctx, loaded, resolved, { command: 'deploy' });
}
