/**
 * `delete` for an Express service: snapshot the managed-resource inventory, delete, wait for
 * INACTIVE, then check what became of every resource and report it; `--purge` removes what was
 * left behind (and the roles ecsx created), `--purge-logs` the log group.
 */
import { DeleteExpressGatewayServiceCommand } from '@aws-sdk/client-ecs';
import { withClients } from '../aws/clients.js';
import { awsErrorCode } from '../aws/errors.js';
import type { LoadedConfig } from '../config/load.js';
import type { ActionContext } from '../context.js';
import { currentExpressConfiguration } from '../diff/index.js';
import { UserInputError } from '../errors.js';
import { expressRefOf, say } from '../express/action-helpers.js';
import { activeRevisionArns, describeExpress, describeServiceByName, readInventory } from '../express/lookup.js';
import type { ExpressRef } from '../express/plan.js';
import { describeResource, type ManagedResource } from '../express/resources.js';
import { reportAndPurge, type TeardownResult } from '../express/teardown.js';
import { waitExpressInactive } from '../express/wait-inactive.js';
import { confirm } from './deregister/confirm.js';
import { definitionRoles, expressCleanupInactive } from './cleanup.js';

/** Options of {@link expressDelete}. */
export interface ExpressDeleteOptions {
  dryRun?: boolean;
  /** Skip the typed confirmation (CI). */
  force?: boolean;
  /** Wait for INACTIVE and report (default true); false returns right after the delete call. */
  wait?: boolean;
  /** Remove what Express left behind (this service's, tagged AmazonECSManaged=true) and the roles ecsx created. */
  purge?: boolean;
  /** Remove the service's log group too. */
  purgeLogs?: boolean;
}

/** What {@link expressDelete} did (a superset of the classic delete's result). */
export interface ExpressDeleteResult {
  cluster: string;
  service: string;
  serviceArn?: string;
  dryRun: boolean;
  /** The delete call was made (false for a dry run or a service already gone). */
  deleted: boolean;
  /** The last status seen: ACTIVE (dry run), DRAINING (not waited), INACTIVE or MISSING. */
  status: string;
  waitedMs?: number;
  /** The inventory snapshot taken before deleting. */
  inventory: ManagedResource[];
  /** Set after waiting for INACTIVE. */
  teardown?: TeardownResult;
}

/** Deletes the config's Express service. See docs/express.md. */
export async function expressDelete(ctx: ActionContext, loaded: LoadedConfig, opts: ExpressDeleteOptions = {}): Promise<ExpressDeleteResult> {
  const ref = expressRefOf(loaded.config, 'delete');
  if (opts.wait === false && (opts.purge || opts.purgeLogs)) throw new UserInputError('USAGE', '--purge and --purge-logs need to wait for INACTIVE; drop --no-wait');
  return withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref }, async (clients) => {
    const ecs = await clients.ecs();
    const base = { cluster: ref.cluster, service: ref.service, dryRun: Boolean(opts.dryRun) };
    const service = await describeServiceByName(ecs, ref);
    if (!service || service.status === 'INACTIVE') {
      await say(ctx, 'info', 'ECSX_EXPRESS_ALREADY_DELETED', `service ${ref.service} in cluster ${ref.cluster} is already deleted${service ? ' (INACTIVE)' : ''}`);
      if ((opts.purge || opts.purgeLogs) && !opts.dryRun) {
        const teardown = await expressCleanupInactive(ctx, clients, ref, { purge: opts.purge, purgeLogs: opts.purgeLogs, roleArns: await definitionRoles(loaded) });
        return { ...base, deleted: false, status: service?.status ?? 'MISSING', inventory: teardown.report.map((i) => i.resource), teardown };
      }
      return { ...base, deleted: false, status: service?.status ?? 'MISSING', inventory: [] };
    }
    if (service.resourceManagementType !== 'ECS') {
      throw new UserInputError('NOT_EXPRESS', `service ${ref.service} is not an Express Mode service; remove express_definition from the config to delete it as a classic service`);
    }
    const arn = service.serviceArn!;
    const live = await describeExpress(ecs, arn);
    const inventory = await readInventory(ecs, activeRevisionArns(live)).catch(() => [] as ManagedResource[]);
    const config = live ? currentExpressConfiguration(live) : undefined;
    const roleArns = [live?.infrastructureRoleArn, config?.executionRoleArn].filter((a): a is string => Boolean(a));
    const draining = service.status === 'DRAINING';
    await say(ctx, 'info', 'ECSX_EXPRESS_INVENTORY', inventoryText(ref, service.status ?? '?', inventory), { serviceArn: arn, status: service.status, inventory });

    if (opts.dryRun) {
      const purge = opts.purge ? ' --purge would remove whatever of these Express leaves behind (except a shared load balancer), and the IAM roles ecsx created for it.' : '';
      const logs = opts.purgeLogs ? ' --purge-logs would delete the log group.' : '';
      await say(ctx, 'info', 'ECSX_DRY_RUN_OK', `DRY RUN OK: DeleteExpressGatewayService ${arn} would be called.${purge}${logs}`);
      return { ...base, serviceArn: arn, deleted: false, status: service.status ?? '', inventory };
    }
    if (!draining && !opts.force) {
      await confirm(ctx, {
        code: 'ECSX_DELETE_CONFIRM',
        question: `This deletes the Express service ${ref.service} and the resources ECS manages for it; its URL stops working. Type the service name to delete it (${ref.service}):`,
        action: `delete Express service ${ref.service}`,
        expect: ref.service,
      });
    }
    if (!draining) {
      try {
        await ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: arn }));
      } catch (err) {
        // Someone else deleted it meanwhile: DRAINING / INACTIVE are the outcome we want (reference §5.4, §9.7).
        if (awsErrorCode(err) !== 'ServiceNotActiveException') throw err;
      }
      await say(ctx, 'info', 'ECSX_EXPRESS_DELETE_STARTED', `deleting ${ref.service}: DeleteExpressGatewayService accepted, the service is DRAINING`);
    }
    if (opts.wait === false) {
      await say(ctx, 'info', 'ECSX_EXPRESS_NO_WAIT', 'not waiting for INACTIVE (--no-wait); the name stays blocked until then, and `ecsx deploy` waits for it');
      return { ...base, serviceArn: arn, deleted: !draining, status: 'DRAINING', inventory };
    }
    const waitedMs = await waitExpressInactive({ ecs, ref, serviceArn: arn, timeoutMs: loaded.config.timeoutMs, io: ctx.io, clock: ctx.clock, signal: ctx.signal });
    const teardown = await reportAndPurge(ctx, clients, ref, inventory, { purge: opts.purge, purgeLogs: opts.purgeLogs, roleArns });
    return { ...base, serviceArn: arn, deleted: !draining, status: 'INACTIVE', waitedMs, inventory, teardown };
  });
}

function inventoryText(ref: ExpressRef, status: string, inventory: ManagedResource[]): string {
  const lines = [`Express service ${ref.service} (${status}) in cluster ${ref.cluster}, ${inventory.length} managed resource${inventory.length === 1 ? '' : 's'}:`];
  for (const r of inventory) lines.push(`  ${describeResource(r)} (${r.status})`);
  return lines.join('\n');
}
