import { DeleteServiceCommand } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import { withClients } from '../aws/clients.js';
import { awsErrorCode } from '../aws/errors.js';
import { UserInputError } from '../errors.js';
import { waitInactive } from './delete/wait-inactive.js';
import { confirm } from './deregister/confirm.js';
import { isExpressService, requireService, serviceRefOf, type ServiceRef } from './status/describe.js';
import { formatStatus } from './status/format.js';
import { summarizeService } from './status/summarize.js';

/** Options of {@link deleteService}. */
export interface DeleteOptions {
  /** Do not ask to type the service name (needed without a terminal, e.g. in CI). */
  force?: boolean;
  /** Delete even when tasks are running: DeleteService with `force` (ECS stops them). */
  terminate?: boolean;
  dryRun?: boolean;
  /** Wait until the service is INACTIVE (default true), up to the config's timeout. */
  wait?: boolean;
}

/** Express-only flags of `delete`. */
export interface ExpressDeleteFlags {
  /** Remove what the Express delete left behind (and the roles ecsx created). */
  purge?: boolean;
  /** Remove the Express service's log group too. */
  purgeLogs?: boolean;
}

/** What {@link deleteService} did. */
export interface DeleteResult {
  cluster: string;
  service: string;
  dryRun: boolean;
  /** DeleteService was called (false for a dry run or a service already deleted). */
  deleted: boolean;
  /** The last status seen: ACTIVE (dry run), DRAINING (not waited), INACTIVE or MISSING. */
  status: string;
  waitedMs?: number;
}

function scaledError(ref: ServiceRef, desired: number, cause?: unknown): UserInputError {
  return new UserInputError(
    'SERVICE_SCALED',
    `service ${ref.service} has desiredCount ${desired}: ECS deletes only services scaled to 0; pass --terminate to stop its tasks and delete it, or scale it to 0 first`,
    { cause },
  );
}

/**
 * Deletes the config's service: shows its status, asks to type its name (unless `force`; refused
 * without a terminal), calls DeleteService and waits until it is INACTIVE. Express Mode services
 * are refused here (their deletion also removes managed resources; see the Express delete).
 */
export async function deleteService(ctx: ActionContext, loaded: LoadedConfig, opts: DeleteOptions & ExpressDeleteFlags = {}): Promise<DeleteResult> {
  // Express Mode services (config express_definition): src/actions/express-delete.ts.
  if (loaded.config.expressDefinition) return (await import('./express-delete.js')).expressDelete(ctx, loaded, opts);
  if (opts.purge || opts.purgeLogs) throw new UserInputError('USAGE', '--purge and --purge-logs are for Express services (express_definition in the config)');
  const ref = serviceRefOf(loaded.config, 'delete');
  const note = (code: string, message: string) => ctx.io.notify({ code, level: 'info', message, time: ctx.clock.now() });
  const result = await withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref }, async (clients): Promise<DeleteResult> => {
    const ecs = await clients.ecs();
    const service = await requireService(ecs, ref);
    const base = { cluster: ref.cluster, service: ref.service, dryRun: Boolean(opts.dryRun) };
    if (service.status === 'INACTIVE') {
      await note('ECSX_DELETE_ALREADY_INACTIVE', `service ${ref.service} is already deleted (INACTIVE); nothing to do`);
      return { ...base, deleted: false, status: 'INACTIVE' };
    }
    if (isExpressService(service)) {
      throw new UserInputError(
        'EXPRESS_SERVICE',
        `service ${ref.service} is an ECS Express Mode service: deleting it also removes its managed resources; set express_definition in the config (\`ecsx init --express --service ${ref.service}\` writes one) and run ecsx delete again`,
      );
    }
    await note('ECSX_DELETE_STATUS', formatStatus(summarizeService(service, ref.cluster, 3)));
    const draining = service.status === 'DRAINING';
    const desired = service.desiredCount ?? 0;
    if (!draining && desired > 0 && !opts.terminate) throw scaledError(ref, desired);
    const how = opts.terminate ? ' and stop its tasks (--terminate)' : '';
    if (opts.dryRun) {
      await note('ECSX_DELETE_DRY_RUN', `dry run: would delete service ${ref.service} in cluster ${ref.cluster}${how}; nothing changed`);
      return { ...base, deleted: false, status: service.status ?? '' };
    }
    if (!draining) {
      if (!opts.force) {
        await confirm(ctx, {
          code: 'ECSX_DELETE_CONFIRM',
          question: `Type the service name to delete it (${ref.service}):`,
          action: `delete service ${ref.service}`,
          expect: ref.service,
        });
      }
      try {
        await ecs.send(new DeleteServiceCommand({ cluster: ref.cluster, service: ref.service, force: opts.terminate || undefined }));
      } catch (err) {
        // Scaled up between our look and the call.
        if (awsErrorCode(err) === 'InvalidParameterException' && /scaled above 0/.test((err as Error).message)) throw scaledError(ref, desired, err);
        throw err;
      }
      await note('ECSX_DELETE_REQUESTED', `deleting service ${ref.service}${opts.terminate ? ' and stopping its tasks (--terminate)' : ''}`);
    } else {
      await note('ECSX_DELETE_DRAINING', `service ${ref.service} is already being deleted (DRAINING)`);
    }
    if (opts.wait === false) return { ...base, deleted: !draining, status: 'DRAINING' };
    const waited = await waitInactive(ctx, ecs, ref, { timeoutMs: loaded.config.timeoutMs });
    return { ...base, deleted: !draining, status: waited.status, waitedMs: waited.waitedMs };
  });
  const message = result.dryRun
    ? 'DRY RUN OK'
    : result.status === 'DRAINING'
      ? `service ${result.service} is DRAINING; not waiting (--no-wait)`
      : `service ${result.service} deleted (${result.status})`;
  await ctx.io.notify({ code: 'ECSX_DELETE', level: 'result', message, time: ctx.clock.now(), data: result });
  return result;
}
