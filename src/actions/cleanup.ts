/**
 * `ecsx cleanup`: remove what deleting an Express service left behind — only resources tagged
 * `AmazonECSManaged=true` that belonged to this service, never a load balancer other services
 * still use; `--purge-logs` also the log group. A service still DRAINING is waited for first; a
 * service already INACTIVE has its inventory read back from its service deployments' revisions.
 */
import { ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import { withClients, type AwsClients } from '../aws/clients.js';
import type { LoadedConfig } from '../config/load.js';
import { loadDefinition } from '../config/load-definitions.js';
import type { ActionContext } from '../context.js';
import type { ExpressDefinition } from '../definitions/types.js';
import { UserInputError } from '../errors.js';
import { expressRefOf, say } from '../express/action-helpers.js';
import { discoverLeftovers } from '../express/discover.js';
import { activeRevisionArns, describeExpress, describeRevisions, describeServiceByName, readInventory } from '../express/lookup.js';
import type { ExpressRef } from '../express/plan.js';
import { flattenManagedResources, mergeInventories, type ManagedResource } from '../express/resources.js';
import { reportAndPurge, type TeardownResult } from '../express/teardown.js';
import { waitExpressInactive } from '../express/wait-inactive.js';

/** Options of {@link cleanup}. */
export interface CleanupOptions {
  /** Report what would be removed; remove nothing. */
  dryRun?: boolean;
  /** Also delete the service's log group. */
  purgeLogs?: boolean;
}

/** Cleans up after the config's Express service. */
export async function cleanup(ctx: ActionContext, loaded: LoadedConfig, opts: CleanupOptions = {}): Promise<TeardownResult> {
  if (!loaded.config.expressDefinition) throw new UserInputError('NOT_EXPRESS', 'cleanup is for Express services: the config has no express_definition');
  const ref = expressRefOf(loaded.config, 'cleanup');
  const roleArns = await definitionRoles(loaded);
  return withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref }, async (clients) => {
    const ecs = await clients.ecs();
    const service = await describeServiceByName(ecs, ref);
    if (service?.status === 'ACTIVE') {
      throw new UserInputError('SERVICE_ACTIVE', `service ${ref.service} is ACTIVE: cleanup only removes what a delete left behind; run \`ecsx delete\` (add --purge to clean up in one go)`);
    }
    const purge = !opts.dryRun;
    if (service?.status === 'DRAINING') {
      const inventory = await readInventory(ecs, activeRevisionArns(await describeExpress(ecs, service.serviceArn!))).catch(() => [] as ManagedResource[]);
      await say(ctx, 'info', 'ECSX_EXPRESS_WAIT_INACTIVE', `service ${ref.service} is DRAINING: waiting for INACTIVE before cleaning up`);
      await waitExpressInactive({ ecs, ref, serviceArn: service.serviceArn!, timeoutMs: loaded.config.timeoutMs, io: ctx.io, clock: ctx.clock, signal: ctx.signal });
      return finish(await reportAndPurge(ctx, clients, ref, inventory, { purge, purgeLogs: purge && opts.purgeLogs, roleArns, dryRun: opts.dryRun }));
    }
    return finish(await expressCleanupInactive(ctx, clients, ref, { purge, purgeLogs: purge && opts.purgeLogs, roleArns, dryRun: opts.dryRun }));
  });

  async function finish(t: TeardownResult): Promise<TeardownResult> {
    if (opts.dryRun) {
      const would = t.report.filter((i) => i.purgeable || (opts.purgeLogs && i.resource.kind === 'log-group' && i.outcome !== 'deleted'));
      await say(ctx, 'info', 'ECSX_DRY_RUN_OK', `DRY RUN OK: cleanup would remove ${would.length} resource${would.length === 1 ? '' : 's'}${would.length ? `: ${would.map((i) => i.resource.name).join(', ')}` : ''}`);
    }
    return t;
  }
}

/**
 * Teardown for a service that is already INACTIVE (or gone): its inventory comes from the
 * revisions of its service deployments when ECS still answers for them, else from discovery by
 * tags and names ({@link discoverLeftovers}).
 */
export async function expressCleanupInactive(
  ctx: ActionContext,
  clients: AwsClients,
  ref: ExpressRef,
  o: { purge?: boolean; purgeLogs?: boolean; roleArns?: string[]; dryRun?: boolean },
): Promise<TeardownResult> {
  let inventory = await inventoryFromDeployments(clients, ref).catch(() => [] as ManagedResource[]);
  if (!inventory.length) {
    await say(ctx, 'info', 'ECSX_EXPRESS_DISCOVER', `the inventory of ${ref.service} cannot be read back from ECS any more; looking for its resources by tags`);
    inventory = await discoverLeftovers(clients, ref);
  }
  return reportAndPurge(ctx, clients, ref, inventory, o);
}

/** The managed resources of every revision the service's deployments mention. */
async function inventoryFromDeployments(clients: AwsClients, ref: ExpressRef): Promise<ManagedResource[]> {
  const ecs = await clients.ecs();
  const out = await ecs.send(new ListServiceDeploymentsCommand({ cluster: ref.cluster, service: ref.service }));
  const arns = [...new Set((out.serviceDeployments ?? []).map((d) => d.targetServiceRevisionArn).filter((a): a is string => Boolean(a)))];
  const revisions = await describeRevisions(ecs, arns);
  return mergeInventories(revisions.map((r) => flattenManagedResources(r.ecsManagedResources, r.serviceRevisionArn)));
}

/** The role ARNs in the express definition (for purging roles ecsx created); [] when it cannot be rendered. */
export async function definitionRoles(loaded: LoadedConfig): Promise<string[]> {
  try {
    const def = (await loadDefinition(loaded, 'express')).value as ExpressDefinition;
    return [def.infrastructureRoleArn, def.executionRoleArn].filter((a): a is string => Boolean(a));
  } catch {
    return [];
  }
}
