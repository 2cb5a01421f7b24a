import { DeleteTaskDefinitionsCommand, DeregisterTaskDefinitionCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import { withClients } from '../aws/clients.js';
import { UsageError, UserInputError } from '../errors.js';
import { confirm } from './deregister/confirm.js';
import { batches, planKeeps } from './deregister/select.js';
import { resolveFamily } from './revisions/family.js';
import { collectInUse, type InUseMap } from './revisions/in-use.js';
import { describeRevision, listRevisionArns } from './revisions/list.js';
import { describeService, taskDefinitionName } from './status/describe.js';

/** Options of {@link deregister}: exactly one of `revision` and `keeps`. */
export interface DeregisterOptions {
  /** A revision number or `latest`. */
  revision?: string;
  /** Keep this many newest revisions that are not in use; deregister the other unused ones. */
  keeps?: number;
  /** Also delete the deregistered revisions (DeleteTaskDefinitions, 10 per call). */
  delete?: boolean;
  /** Do not ask for confirmation. */
  force?: boolean;
  dryRun?: boolean;
}

/** What {@link deregister} did (or, with dryRun, would do). Names are `family:revision`. */
export interface DeregisterResult {
  family: string;
  dryRun: boolean;
  deregistered: string[];
  deleted: string[];
  /** `--keeps`: the newest unused revisions kept. */
  kept: string[];
  /** Revisions left alone because they are in use, and why. */
  inUse: { taskDefinition: string; usedBy: string[] }[];
  /** DeleteTaskDefinitions failures. */
  failures: { arn: string; reason: string }[];
}

const name = taskDefinitionName;

/**
 * Deregisters one revision (`revision`) or all unused revisions but the newest `keeps`, after a
 * confirmation unless `force`. A revision in use — by the service's deployments or task sets, or
 * by a task still running — is never deregistered: asking for it explicitly is a `REVISION_IN_USE`
 * error (exit 2). With `delete`, the deregistered revisions are then deleted.
 */
export async function deregister(ctx: ActionContext, loaded: LoadedConfig, opts: DeregisterOptions): Promise<DeregisterResult> {
  if ((opts.revision === undefined) === (opts.keeps === undefined)) throw new UsageError('deregister needs exactly one of --revision and --keeps');
  if (opts.keeps !== undefined && (!Number.isInteger(opts.keeps) || opts.keeps < 0)) throw new UsageError('--keeps must be a whole number ≥ 0');
  const { cluster, service: serviceName } = loaded.config;
  const note = (code: string, message: string) => ctx.io.notify({ code, level: 'info', message, time: ctx.clock.now() });
  const result = await withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: { cluster, service: serviceName } }, async (clients) => {
    const ecs = await clients.ecs();
    const service = serviceName ? await describeService(ecs, { cluster, service: serviceName }) : undefined;
    const family = await resolveFamily(ctx, loaded, service);
    const inUse = await collectInUse(ecs, cluster, family, service);
    const r: DeregisterResult = { family, dryRun: Boolean(opts.dryRun), deregistered: [], deleted: [], kept: [], inUse: [], failures: [] };
    const targets = opts.revision !== undefined ? await oneRevision(ecs, family, opts.revision, inUse) : await keepsTargets(ecs, family, opts.keeps!, inUse, r);
    const toDeregister = targets.filter((t) => t.active).map((t) => t.arn);
    const toDelete = opts.delete ? targets.map((t) => t.arn) : [];
    if (toDeregister.length === 0 && toDelete.length === 0) {
      await note('ECSX_DEREGISTER_NOTHING', `nothing to deregister in ${family}${r.inUse.length ? ` (${r.inUse.length} in use)` : ''}${r.kept.length ? ` (${r.kept.length} kept)` : ''}`);
      return r;
    }
    const what = [toDeregister.length ? `deregister ${toDeregister.map(name).join(', ')}` : '', toDelete.length ? `delete ${toDelete.map(name).join(', ')}` : '']
      .filter(Boolean)
      .join(' and ');
    if (opts.dryRun) {
      await note('ECSX_DEREGISTER_DRY_RUN', `dry run: would ${what}; nothing changed`);
      r.deregistered = toDeregister.map(name);
      r.deleted = toDelete.map(name);
      return r;
    }
    if (!opts.force) await confirm(ctx, { code: 'ECSX_DEREGISTER_CONFIRM', question: `${what[0]!.toUpperCase()}${what.slice(1)}? [y/N]`, action: what });
    for (const arn of toDeregister) {
      await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
      r.deregistered.push(name(arn));
      await note('ECSX_DEREGISTERED', `deregistered ${name(arn)}`);
    }
    for (const batch of batches(toDelete, 10)) {
      const out = await ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: batch }));
      for (const td of out.taskDefinitions ?? []) r.deleted.push(name(td.taskDefinitionArn));
      for (const f of out.failures ?? []) {
        r.failures.push({ arn: f.arn ?? '', reason: f.reason ?? '' });
        await ctx.io.notify({ code: 'ECSX_DELETE_TASK_DEFINITION_FAILED', level: 'warn', message: `could not delete ${name(f.arn)}: ${f.reason}`, time: ctx.clock.now() });
      }
    }
    if (r.deleted.length) await note('ECSX_TASK_DEFINITIONS_DELETED', `deletion requested for ${r.deleted.join(', ')} (DELETE_IN_PROGRESS)`);
    return r;
  });
  const parts = [
    `${result.dryRun ? 'would deregister' : 'deregistered'}: ${result.deregistered.join(', ') || 'none'}`,
    opts.delete ? `${result.dryRun ? 'would delete' : 'deleted'}: ${result.deleted.join(', ') || 'none'}` : '',
    result.kept.length ? `kept: ${result.kept.join(', ')}` : '',
    result.inUse.length ? `in use (kept): ${result.inUse.map((u) => `${u.taskDefinition} (${u.usedBy.join(', ')})`).join(', ')}` : '',
  ];
  await ctx.io.notify({ code: 'ECSX_DEREGISTER', level: 'result', message: parts.filter(Boolean).join('\n'), time: ctx.clock.now(), data: result });
  return result;
}

interface Target {
  arn: string;
  /** Still ACTIVE (an INACTIVE revision can only be deleted). */
  active: boolean;
}

async function oneRevision(ecs: ECSClient, family: string, revision: string, inUse: InUseMap): Promise<Target[]> {
  if (revision !== 'latest' && !/^\d+$/.test(revision)) throw new UsageError(`--revision must be a revision number or latest; got ${JSON.stringify(revision)}`);
  const out = await describeRevision(ecs, revision === 'latest' ? family : `${family}:${Number(revision)}`);
  const td = out.taskDefinition!;
  const arn = td.taskDefinitionArn!;
  const used = inUse.get(arn);
  if (used) throw new UserInputError('REVISION_IN_USE', `${name(arn)} is in use (${used.join(', ')}); ecsx never deregisters a revision in use`);
  if (td.status === 'DELETE_IN_PROGRESS') return [];
  return [{ arn, active: td.status === 'ACTIVE' }];
}

async function keepsTargets(ecs: ECSClient, family: string, keeps: number, inUse: InUseMap, r: DeregisterResult): Promise<Target[]> {
  const plan = planKeeps(await listRevisionArns(ecs, family), inUse, keeps);
  r.kept = plan.kept.map(name);
  r.inUse = plan.inUse.map((a) => ({ taskDefinition: name(a), usedBy: inUse.get(a) ?? [] }));
  return plan.deregister.map((arn) => ({ arn, active: true }));
}
