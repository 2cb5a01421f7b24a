/**
 * `ecsx diff`: what a deploy would change. The service definition against DescribeServices and
 * the task definition against the revision the service runs (or the family's latest), both
 * normalised with `src/diff/` (docs/diff.md).
 */
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import type { ServiceDefinition, TaskDefinitionInput } from '../definitions/types.js';
import { withClients } from '../aws/clients.js';
import { ConfigError, DiffFoundError, UserInputError } from '../errors.js';
import { diffClassic, diffData, unifiedText, type DiffResult } from './diff/classic.js';
import { runExternalDiff } from './diff/external.js';
import { say } from './deploy/notify.js';
import { describeOneService, loadLocal } from './deploy/service.js';

export type { DiffResult } from './diff/classic.js';
export type { DefinitionDiff } from './diff/compute.js';
export { splitCommand } from './diff/external.js';
export { diffData, unifiedText } from './diff/classic.js';

/** Options of {@link diff}. */
export interface DiffOptions {
  /** Compare the task definition only (`--without-service`). */
  withoutService?: boolean;
  /** ANSI colours in the unified diff. */
  color?: boolean;
  /** Throw DiffFoundError (exit 5) when something differs (`--exit-code`, for CI). */
  exitCode?: boolean;
  /** Run this command with the remote and the local file instead of printing a unified diff. */
  external?: string;
}

/**
 * Computes and reports the diff: one `ECSX_DIFF` result (the unified text; data: the structured
 * changes) when something differs, `ECSX_DIFF_NONE` (info) when nothing does. With `exitCode`,
 * throws {@link DiffFoundError} after reporting.
 */
export async function diff(ctx: ActionContext, loaded: LoadedConfig, opts: DiffOptions = {}): Promise<DiffResult> {
  const result = loaded.config.expressDefinition
    ? await (await import('./express-diff.js')).expressDiff(ctx, loaded, { color: opts.color && !opts.external })
    : await diffService(ctx, loaded, opts);
  await reportDiff(ctx, loaded, result, opts);
  if (opts.exitCode && result.changed) throw new DiffFoundError();
  return result;
}

async function diffService(ctx: ActionContext, loaded: LoadedConfig, opts: DiffOptions): Promise<DiffResult> {
  const c = loaded.config;
  if (!c.taskDefinition && (!c.serviceDefinition || opts.withoutService)) {
    throw new ConfigError('diff needs task_definition (or service and service_definition) in the config', { file: c.file });
  }
  const withService = !opts.withoutService && Boolean(c.service && c.serviceDefinition);
  const localService = withService ? await loadLocal<ServiceDefinition>(ctx, loaded, 'service') : undefined;
  const localTask = c.taskDefinition ? await loadLocal<TaskDefinitionInput>(ctx, loaded, 'task') : undefined;
  const ref = c.service ? { cluster: c.cluster, service: c.service } : undefined;
  return withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref ?? { cluster: c.cluster } }, async (clients) => {
    const ecs = await clients.ecs();
    // The service is read even with --without-service: the task definition it runs is the one to compare with.
    const remoteService = ref ? await describeOneService(ecs, ref, true) : undefined;
    const color = opts.color && !opts.external;
    const r = await diffClassic(ecs, { localService, remoteService, localTask, ignoreTags: c.ignore.tags, color });
    if (r.service && !r.service.remoteExists) await say(ctx, 'ECSX_DIFF_NEW_SERVICE', 'info', `service ${c.service} does not exist in cluster ${c.cluster}: it will be created`);
    return r;
  });
}

async function reportDiff(ctx: ActionContext, loaded: LoadedConfig, r: DiffResult, opts: DiffOptions): Promise<void> {
  if (!r.changed) {
    await say(ctx, 'ECSX_DIFF_NONE', 'info', 'no differences', diffData(r));
    return;
  }
  let text: string;
  if (opts.external) {
    if (!opts.external.trim()) throw new UserInputError('DIFF_EXTERNAL', '--external: empty command');
    text = await runExternalDiff(opts.external, [r.service, r.taskDefinition], ctx.signal);
  } else {
    text = unifiedText(r);
  }
  // Rendered definitions may contain values of SecureString parameters.
  await say(ctx, 'ECSX_DIFF', 'result', loaded.secrets.mask(text).replace(/\n$/, ''), JSON.parse(loaded.secrets.mask(JSON.stringify(diffData(r)))));
}
