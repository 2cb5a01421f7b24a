/**
 * The classic deploy flow: read the service, choose the task definition, diff, plan the calls,
 * then (unless dry run) register, create or update the service once, and watch the rollout.
 */
import type { Service } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../../context.js';
import type { LoadedConfig } from '../../config/load.js';
import type { ServiceDefinition, TaskDefinitionInput } from '../../definitions/types.js';
import type { LoadedDefinition } from '../../config/load-definitions.js';
import { withClients, type AwsClients } from '../../aws/clients.js';
import { ConfigError, UserInputError } from '../../errors.js';
import { checkWaitUntil, shortTaskDefinition, type WatchResult } from '../../monitor/index.js';
import { diffClassic, unifiedText, type DiffResult } from '../diff/classic.js';
import { autoScalingInput, wantsAutoScaling } from './auto-scaling.js';
import { calcDesiredCount } from './desired-count.js';
import { executePlan } from './execute.js';
import { say } from './notify.js';
import type { DeployMode, ResolvedDeployOptions } from './options.js';
import { formatPlan, pendingRevision, type PlannedCall } from './plan.js';
import { createServiceInput, planServiceUpdate, type TagChanges } from './service-input.js';
import { describeOneService, isLive, loadLocal, rejectUnsupportedController, requireServiceRef, type ServiceRef } from './service.js';
import { existingTaskDefinitionArn, registerInput } from './task-definition.js';

/** What a deploy did (or, dry run, would do). */
export interface DeployResult {
  cluster: string;
  service: string;
  action: 'create' | 'update';
  dryRun: boolean;
  /** The task definition deployed; a placeholder in a dry run that would register one. */
  taskDefinitionArn: string;
  desiredCount?: number;
  /** Service attributes sent because they differ from the running service. */
  changedAttributes: string[];
  tags: TagChanges;
  /** The API calls made (or, dry run, that would be made), in order. */
  calls: PlannedCall[];
  diff?: DiffResult;
  /** Whether ECS started a new deployment (unknown in a dry run). */
  newDeployment?: boolean;
  /** The watch's result, when waited for. */
  watch?: WatchResult;
}

/** Everything the plan is made from. */
interface Inputs {
  ref: ServiceRef;
  remote?: Service;
  localService?: LoadedDefinition<ServiceDefinition>;
  localTask?: LoadedDefinition<TaskDefinitionInput>;
}

/** Runs a classic deploy (also scale and refresh, through `mode`). */
export async function deployClassic(ctx: ActionContext, loaded: LoadedConfig, r: ResolvedDeployOptions, mode: DeployMode): Promise<DeployResult> {
  const c = loaded.config;
  const ref = requireServiceRef(loaded, mode.command);
  const needTask = r.spec.mode === 'register';
  if (needTask && !c.taskDefinition) throw new ConfigError(`${mode.command} needs task_definition in the config (or --skip-task-definition)`, { file: c.file });
  const wantDefinition = c.serviceDefinition && (!mode.requireService || (r.tasks === -1 && !mode.keepDesiredCount));
  const localService = wantDefinition ? await loadLocal<ServiceDefinition>(ctx, loaded, 'service') : undefined;
  const localTask = c.taskDefinition && r.spec.mode !== 'current' ? await loadLocal<TaskDefinitionInput>(ctx, loaded, 'task') : undefined;

  return withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref }, async (clients) => {
    const ecs = await clients.ecs();
    const remote = await describeOneService(ecs, ref, true);
    // --skip-task-definition for a service still to be created: the family comes from the local file.
    const task = localTask ?? (r.spec.mode === 'current' && !isLive(remote) && c.taskDefinition ? await loadLocal<TaskDefinitionInput>(ctx, loaded, 'task') : undefined);
    const inputs: Inputs = { ref, remote: isLive(remote) ? remote : undefined, localService, localTask: task };
    checkService(inputs, remote, r, mode);
    const diff = await diffClassic(ecs, {
      localService: r.updateService ? localService : undefined,
      remoteService: inputs.remote,
      localTask: needTask ? task : undefined,
      ignoreTags: c.ignore.tags,
      color: r.o.color,
    });
    const tdArn = needTask
      ? pendingRevision(task!.value.family)
      : await existingTaskDefinitionArn(ecs, r.spec as Exclude<typeof r.spec, { mode: 'register' }>, { family: task?.value.family, currentArn: inputs.remote?.taskDefinition });
    const result = plan(inputs, r, mode, tdArn, c.ignore.tags);
    result.diff = diff;
    if (r.o.dryRun) return dryRun(ctx, loaded, result, diff);
    return run(ctx, clients, loaded, inputs, r, mode, result, diff);
  });
}

/** Rejections that cost nothing: missing service, draining service, unsupported controller, bad wait condition. */
function checkService(i: Inputs, remote: Service | undefined, r: ResolvedDeployOptions, mode: DeployMode): void {
  if (remote?.status === 'DRAINING') {
    throw new UserInputError('SERVICE_DRAINING', `service ${i.ref.service} is still DRAINING after a delete; ECS refuses to create it again until it is INACTIVE (try again in a few minutes)`);
  }
  if (!i.remote && mode.requireService) {
    throw new UserInputError('SERVICE_NOT_FOUND', `service ${i.ref.service} not found in cluster ${i.ref.cluster}; create it with \`ecsx deploy\``);
  }
  if (!i.remote && !i.localService) throw new ConfigError(`service ${i.ref.service} does not exist yet and the config has no service_definition to create it from`);
  const subject = (i.remote ?? i.localService?.value) as Service | undefined;
  rejectUnsupportedController(subject, mode.command);
  if (r.wait && subject) checkWaitUntil(subject, r.waitUntil);
}

/** Builds the list of calls (pure apart from the inputs already read). */
function plan(i: Inputs, r: ResolvedDeployOptions, mode: DeployMode, tdArn: string, ignoreTags: readonly string[]): DeployResult {
  const { ref, remote, localService, localTask } = i;
  const calls: PlannedCall[] = [];
  if (r.spec.mode === 'register') calls.push({ service: 'ecs', operation: 'RegisterTaskDefinition', input: registerInput(localTask!.value) });
  if (wantsAutoScaling(r.o)) calls.push({ service: 'application-autoscaling', operation: 'RegisterScalableTarget', input: autoScalingInput(ref, r.o) });
  const strategy = localService?.value.schedulingStrategy ?? remote?.schedulingStrategy;
  const desiredCount = mode.keepDesiredCount ? undefined : calcDesiredCount({ schedulingStrategy: strategy, desiredCount: localService?.value.desiredCount }, r.tasks);
  const base = { cluster: ref.cluster, service: ref.service, dryRun: Boolean(r.o.dryRun), taskDefinitionArn: tdArn, desiredCount, calls };
  if (!remote) {
    const input = createServiceInput(localService!.value, { ...ref, taskDefinition: tdArn, desiredCount });
    calls.push({ service: 'ecs', operation: 'CreateService', input, note: `service ${ref.service} does not exist` });
    return { ...base, action: 'create', changedAttributes: [], tags: { add: input.tags ?? [], remove: [] } };
  }
  const p = planServiceUpdate(localService?.value, remote, {
    ...ref,
    taskDefinition: tdArn,
    desiredCount,
    forceNewDeployment: r.o.forceNewDeployment,
    updateService: r.updateService,
    ignoreTags,
  });
  calls.push({ service: 'ecs', operation: 'UpdateService', input: p.input, ...(p.changedAttributes.length ? { note: `changes ${p.changedAttributes.join(', ')}` } : {}) });
  if (p.tags.add.length) calls.push({ service: 'ecs', operation: 'TagResource', input: { resourceArn: remote.serviceArn, tags: p.tags.add } });
  if (p.tags.remove.length) calls.push({ service: 'ecs', operation: 'UntagResource', input: { resourceArn: remote.serviceArn, tagKeys: p.tags.remove } });
  return { ...base, action: 'update', changedAttributes: p.changedAttributes, tags: p.tags };
}

async function dryRun(ctx: ActionContext, loaded: LoadedConfig, result: DeployResult, diff: DiffResult): Promise<DeployResult> {
  const parts: string[] = [];
  if (diff.changed) parts.push(unifiedText(diff).replace(/\n$/, ''));
  else parts.push('no differences in the definitions');
  parts.push(`API calls a deploy would make (nothing was changed):\n${formatPlan(result.calls)}`);
  const text = loaded.secrets.mask(parts.join('\n\n'));
  await say(ctx, 'ECSX_DEPLOY_PLAN', 'result', text, JSON.parse(loaded.secrets.mask(JSON.stringify({ ...result, diff: undefined }))));
  await say(ctx, 'ECSX_DRY_RUN_OK', 'info', 'DRY RUN OK');
  return result;
}

async function run(ctx: ActionContext, clients: AwsClients, loaded: LoadedConfig, i: Inputs, r: ResolvedDeployOptions, mode: DeployMode, result: DeployResult, diff: DiffResult): Promise<DeployResult> {
  // A new service's diff is the whole definition: not worth printing.
  if (diff.changed && i.remote) await say(ctx, 'ECSX_DEPLOY_DIFF', 'info', loaded.secrets.mask(unifiedText(diff)).replace(/\n$/, ''));
  const done = await executePlan(ctx, clients, i.ref, result, i.remote);
  result.taskDefinitionArn = done.taskDefinitionArn;
  result.calls = done.calls;
  result.newDeployment = done.newDeployment;
  if (r.wait) {
    result.watch = await done.watch(r.waitUntil, loaded.config.timeoutMs);
  }
  const waited = r.wait ? '' : ' (not waiting: --no-wait)';
  await say(ctx, 'ECSX_DEPLOY_DONE', 'result', `${doneText(mode, result, i.ref)}${waited}`, {
    ...result,
    diff: undefined,
    calls: result.calls.map((c) => ({ service: c.service, operation: c.operation })),
    watch: result.watch && { outcome: result.watch.outcome, elapsedMs: result.watch.elapsedMs, timeline: result.watch.timeline },
  });
  return result;
}

/** The one-line summary on stdout. */
function doneText(mode: DeployMode, r: DeployResult, ref: ServiceRef): string {
  const td = shortTaskDefinition(r.taskDefinitionArn);
  if (mode.command === 'scale') return `scaled service ${ref.service} in cluster ${ref.cluster}${r.desiredCount !== undefined ? ` to ${r.desiredCount} tasks` : ''} (${td})`;
  if (mode.command === 'refresh') return `refreshed service ${ref.service} in cluster ${ref.cluster}: new deployment of ${td}`;
  return `${r.action === 'create' ? 'created' : 'updated'} service ${ref.service} in cluster ${ref.cluster}: ${td}`;
}
