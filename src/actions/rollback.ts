/**
 * `ecsx rollback`: put the service back on its previous task definition. When a service
 * deployment is still in progress it is stopped with StopServiceDeployment(ROLLBACK), so ECS
 * itself restores the previous revision (also for BLUE_GREEN / LINEAR / CANARY); otherwise one
 * UpdateService to the revision registered before the current one. Then it waits and, by
 * default, deregisters the revision it rolled back from.
 */
import {
  DeregisterTaskDefinitionCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import type { AwsClients } from '../aws/clients.js';
import { withClients } from '../aws/clients.js';
import { DeploymentFailedError, DeploymentRolledBackError, UsageError, UserInputError } from '../errors.js';
import { parseWaitUntil, shortTaskDefinition as short, type WaitUntil, type WatchResult } from '../monitor/index.js';
import { say } from './deploy/notify.js';
import { requireLiveService, requireServiceRef, rejectUnsupportedController, type ServiceRef } from './deploy/service.js';
import { watchService } from './deploy/watch.js';
import { findRollbackTarget, listFamilyRevisions } from './rollback/target.js';

export { findRollbackTarget } from './rollback/target.js';

/** Options of {@link rollback} (ecspresso's flags and defaults). */
export interface RollbackOptions {
  dryRun?: boolean;
  /** Deregister the revision rolled back from, after the rollback (default true; needs waiting). */
  deregisterTaskDefinition?: boolean;
  /** Wait for the rollback (default true). */
  wait?: boolean;
  /** `stable` (default) or `deployed`. */
  waitUntil?: WaitUntil | string;
}

/** What {@link rollback} did. */
export interface RollbackResult {
  cluster: string;
  service: string;
  /** `stop-deployment`: an in-progress service deployment was stopped; `update-service`: the previous revision was deployed. */
  method: 'stop-deployment' | 'update-service';
  dryRun: boolean;
  /** The task definition rolled back from. */
  from: string;
  /** The task definition rolled back to, when known. */
  to?: string;
  serviceDeploymentArn?: string;
  /** The revision deregistered afterwards. */
  deregistered?: string;
  watch?: WatchResult;
}

/**
 * Rolls the config's service back.
 *
 * @throws UsageError for `--deregister-task-definition` with `--no-wait`; UserInputError when there
 *   is no earlier revision; DeploymentFailedError / DeploymentRolledBackError / InterruptedError from the watch.
 */
export async function rollback(ctx: ActionContext, loaded: LoadedConfig, opts: RollbackOptions = {}): Promise<RollbackResult> {
  const wait = opts.wait ?? true;
  const deregister = opts.deregisterTaskDefinition ?? true;
  if (deregister && !wait && !opts.dryRun) {
    throw new UsageError('--deregister-task-definition needs to wait for the rollback; add --no-deregister-task-definition to use --no-wait');
  }
  const waitUntil = opts.waitUntil === undefined ? 'stable' : parseWaitUntil(opts.waitUntil);
  const ref = requireServiceRef(loaded, 'rollback');
  // Express Mode services branch off here (config.expressDefinition): only stopping a deployment applies.
  return withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref }, async (clients) => {
    const ecs = await clients.ecs();
    const service = await requireLiveService(ecs, ref);
    rejectUnsupportedController(service, 'rollback');
    const from = service.taskDefinition!;
    const base = { cluster: ref.cluster, service: ref.service, dryRun: Boolean(opts.dryRun), from };
    const active = await activeServiceDeployment(ecs, ref);
    const result: RollbackResult = active
      ? { ...base, method: 'stop-deployment', serviceDeploymentArn: active, to: await sourceTaskDefinition(ecs, active) }
      : { ...base, method: 'update-service', to: await previousRevision(ecs, from) };
    const how = active ? `stopping the in-progress service deployment ${active.slice(active.lastIndexOf('/') + 1)} (ECS rolls it back)` : 'deploying the previous revision';
    await say(ctx, 'ECSX_ROLLBACK_START', 'info', `rolling back service ${ref.service} from ${short(from)}${result.to ? ` to ${short(result.to)}` : ''}: ${how}`, result);
    if (opts.dryRun) {
      await say(ctx, 'ECSX_ROLLBACK_PLAN', 'result', `would roll back service ${ref.service} from ${short(from)}${result.to ? ` to ${short(result.to)}` : ''}${deregister ? ` and deregister ${short(from)}` : ''}`, result);
      await say(ctx, 'ECSX_DRY_RUN_OK', 'info', 'DRY RUN OK');
      return result;
    }
    if (wait) result.watch = await change(ctx, clients, ref, service, result, waitUntil, loaded.config.timeoutMs);
    else await change(ctx, clients, ref, service, result, undefined, 0);
    if (deregister) {
      await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: from }));
      result.deregistered = from;
      await say(ctx, 'ECSX_TASK_DEFINITION_DEREGISTERED', 'info', `deregistered ${short(from)}`);
    }
    const tail = result.deregistered ? `; deregistered ${short(from)}` : '';
    await say(ctx, 'ECSX_ROLLBACK_DONE', 'result', `rolled back service ${ref.service} from ${short(from)}${result.to ? ` to ${short(result.to)}` : ''}${wait ? '' : ' (not waiting: --no-wait)'}${tail}`, {
      ...result,
      watch: result.watch && { outcome: result.watch.outcome, elapsedMs: result.watch.elapsedMs, timeline: result.watch.timeline },
    });
    return result;
  });
}

/** Makes the change and, with `waitUntil`, watches it. */
async function change(
  ctx: ActionContext,
  clients: AwsClients,
  ref: ServiceRef,
  before: Service,
  r: RollbackResult,
  waitUntil: WaitUntil | undefined,
  timeoutMs: number,
): Promise<WatchResult | undefined> {
  const ecs = await clients.ecs();
  if (r.method === 'update-service') {
    const after = (await ecs.send(new UpdateServiceCommand({ cluster: ref.cluster, service: ref.service, taskDefinition: r.to }))).service;
    return waitUntil ? watchService(ctx, clients, ref, { waitUntil, timeoutMs, before, after }) : undefined;
  }
  await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: r.serviceDeploymentArn, stopType: 'ROLLBACK' }));
  if (!waitUntil) return undefined;
  // Watching the stopped deployment: for the monitor its rollback is a failure, here it is the goal.
  const quiet: ActionContext = {
    ...ctx,
    io: {
      notify: (m) => ctx.io.notify(m.code === 'ECSX_DEPLOY_FAILED' || m.code === 'ECSX_DEPLOY_ROLLED_BACK' ? { ...m, level: 'info' } : m),
      requestResponse: (q) => ctx.io.requestResponse(q),
    },
  };
  try {
    await watchService(quiet, clients, ref, { waitUntil, timeoutMs, before });
  } catch (err) {
    if (err instanceof DeploymentRolledBackError) return undefined;
    throw err;
  }
  throw new DeploymentFailedError('DEPLOYMENT_FAILED', `the service deployment completed before ECS could stop it; the service runs ${short(before.taskDefinition)}: run rollback again to go back further`);
}

/** The newest PENDING or IN_PROGRESS service deployment, if any. */
async function activeServiceDeployment(ecs: ECSClient, ref: ServiceRef): Promise<string | undefined> {
  const out = await ecs.send(new ListServiceDeploymentsCommand({ cluster: ref.cluster, service: ref.service, status: ['PENDING', 'IN_PROGRESS'] }));
  const list = [...(out.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  return list[0]?.serviceDeploymentArn;
}

/** The task definition a service deployment started from (its source revision), when ECS says. */
async function sourceTaskDefinition(ecs: ECSClient, arn: string): Promise<string | undefined> {
  const sd = (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];
  const source = sd?.sourceServiceRevisions?.[0]?.arn;
  if (!source) return undefined;
  const rev = (await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [source] }))).serviceRevisions?.[0];
  return rev?.taskDefinition;
}

async function previousRevision(ecs: ECSClient, current: string): Promise<string> {
  const target = findRollbackTarget(current, await listFamilyRevisions(ecs, current));
  if (!target) throw new UserInputError('NO_ROLLBACK_TARGET', `no ACTIVE revision of ${short(current).replace(/:\d+$/, '')} older than ${short(current)} to roll back to`);
  return target;
}
