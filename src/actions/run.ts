/**
 * `ecsx run`: run a one-off task where the service's tasks run (same network and placement),
 * follow its container's CloudWatch logs and end with the watched container's exit code.
 */
import { RunTaskCommand, type RunTaskCommandInput, type ContainerDefinition, type ECSClient, type Service, type TaskOverride } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import type { ServiceDefinition, TaskDefinitionInput } from '../definitions/types.js';
import { evaluateToText, isJsonnetFile } from '../config/evaluate.js';
import { parseTaskOverride } from '../definitions/index.js';
import { withClients } from '../aws/clients.js';
import { ConfigError, DeploymentFailedError, UsageError, UserInputError } from '../errors.js';
import { shortTaskDefinition as short, taskIdOf } from '../monitor/index.js';
import { say } from './deploy/notify.js';
import { pendingRevision } from './deploy/plan.js';
import { describeOneService, isLive, loadLocal } from './deploy/service.js';
import { existingTaskDefinitionArn, registerInput, registerTaskDefinition, requireTaskDefinition, taskDefinitionSpec } from './deploy/task-definition.js';
import { parseTags, runTaskInput } from './run/input.js';
import { watchTasks, type TaskOutcome } from './run/watch.js';

export { parseTags, runTaskInput } from './run/input.js';
export type { TaskOutcome } from './run/watch.js';

/** Options of {@link run} (ecspresso's flags and defaults). */
export interface RunOptions {
  dryRun?: boolean;
  /** A task definition file to register and run instead of the config's. */
  taskDef?: string;
  /** Wait for the task (default true). */
  wait?: boolean;
  /** `stopped` (default) or `running`. */
  waitUntil?: 'running' | 'stopped';
  /** TaskOverride as JSON text. */
  overrides?: string;
  /** TaskOverride file (JSON or Jsonnet, templated like definitions). */
  overridesFile?: string;
  skipTaskDefinition?: boolean;
  latestTaskDefinition?: boolean;
  revision?: number;
  /** 1–10, default 1. */
  count?: number;
  /** The container whose logs are followed and whose exit code counts; default the first. */
  watchContainer?: string;
  /** `SERVICE` or `TASK_DEFINITION`. */
  propagateTags?: string;
  /** `K=V,K2=V2`. */
  tags?: string;
  /** RunTask idempotency token. */
  clientToken?: string;
  /** Delete the service's managed EBS volumes when the task stops (default true). */
  ebsDeleteOnTermination?: boolean;
}

/** What {@link run} did. */
export interface RunResult {
  taskDefinitionArn: string;
  taskArns: string[];
  container: string;
  tasks: TaskOutcome[];
  /** The exit code the CLI ends with: the watched container's (the first non-zero across tasks); 0 when not waiting. */
  exitCode: number;
  dryRun: boolean;
}

/**
 * Runs the task. Resolves with the watched container's exit code (the CLI exits with it).
 *
 * @throws DeploymentFailedError (exit 4) when a task could not start (with ECS's reason), RunTask
 *   reported failures, or the timeout passed; InterruptedError (130); UserInputError (2).
 */
export async function run(ctx: ActionContext, loaded: LoadedConfig, opts: RunOptions = {}): Promise<RunResult> {
  const c = loaded.config;
  const until = opts.waitUntil ?? 'stopped';
  if (until !== 'running' && until !== 'stopped') throw new UsageError(`--wait-until must be running or stopped, got ${until}`);
  if (opts.overrides && opts.overridesFile) throw new UsageError('--overrides and --overrides-file cannot be used together');
  const spec = opts.taskDef ? ({ mode: 'register' } as const) : taskDefinitionSpec(opts);
  if (spec.mode === 'register' && !opts.taskDef && !c.taskDefinition) throw new ConfigError('run needs task_definition in the config, --task-def, or an existing revision (--skip-task-definition, --revision, --latest-task-definition)', { file: c.file });
  const tags = parseTags(opts.tags);
  const overrides = await readOverrides(loaded, opts);
  const local = opts.taskDef || c.taskDefinition ? await loadLocal<TaskDefinitionInput>(ctx, loaded, 'task', opts.taskDef) : undefined;
  const ref = c.service ? { cluster: c.cluster, service: c.service } : undefined;
  return withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref ?? { cluster: c.cluster } }, async (clients) => {
    const ecs = await clients.ecs();
    const remote = ref ? await describeOneService(ecs, ref) : undefined;
    const service: Service | ServiceDefinition | undefined = isLive(remote) ? remote : c.serviceDefinition ? (await loadLocal<ServiceDefinition>(ctx, loaded, 'service')).value : undefined;
    let tdArn: string;
    let containers: ContainerDefinition[];
    if (spec.mode === 'register') {
      tdArn = pendingRevision(local!.value.family);
      containers = local!.value.containerDefinitions ?? [];
    } else {
      tdArn = await existingTaskDefinitionArn(ecs, spec, { family: local?.value.family, currentArn: isLive(remote) ? remote.taskDefinition : undefined });
      containers = (await requireTaskDefinition(ecs, tdArn, 'run')).containerDefinitions ?? [];
    }
    const container = pickContainer(containers, opts.watchContainer);
    const input = runTaskInput({ cluster: c.cluster, taskDefinition: tdArn, count: opts.count ?? 1, service, overrides, propagateTags: opts.propagateTags, tags, clientToken: opts.clientToken, ebsDeleteOnTermination: opts.ebsDeleteOnTermination });
    if (opts.dryRun) {
      const calls = [...(spec.mode === 'register' ? [{ operation: 'RegisterTaskDefinition', input: registerInput(local!.value) }] : []), { operation: 'RunTask', input }];
      const text = calls.map((x) => `ecs ${x.operation}\n${JSON.stringify(x.input, null, 2).replace(/^/gm, '  ')}`).join('\n');
      await say(ctx, 'ECSX_RUN_PLAN', 'result', loaded.secrets.mask(`API calls a run would make (nothing was changed):\n${text}`), JSON.parse(loaded.secrets.mask(JSON.stringify({ calls }))));
      await say(ctx, 'ECSX_DRY_RUN_OK', 'info', 'DRY RUN OK');
      return { taskDefinitionArn: tdArn, taskArns: [], container: container.name!, tasks: [], exitCode: 0, dryRun: true };
    }
    if (spec.mode === 'register') {
      input.taskDefinition = tdArn = (await registerTaskDefinition(ecs, local!.value)).taskDefinitionArn!;
      await say(ctx, 'ECSX_TASK_DEFINITION_REGISTERED', 'info', `registered task definition ${short(tdArn)}`, { taskDefinitionArn: tdArn });
    }
    const taskArns = await runTasks(ecs, input);
    await say(ctx, 'ECSX_TASK_STARTED', 'info', `started ${taskArns.length > 1 ? `${taskArns.length} tasks` : 'task'} of ${short(tdArn)}: ${taskArns.map((a) => taskIdOf(a)).join(' ')}`, { taskArns });
    const result: RunResult = { taskDefinitionArn: tdArn, taskArns, container: container.name!, tasks: [], exitCode: 0, dryRun: false };
    if (opts.wait === false) return result;
    result.tasks = await watchTasks(ctx, clients, { cluster: c.cluster, taskArns, until, container, timeoutMs: c.timeoutMs });
    result.exitCode = await conclude(ctx, result, until);
    return result;
  });
}

async function readOverrides(loaded: LoadedConfig, o: RunOptions): Promise<TaskOverride | undefined> {
  if (o.overrides) return parseTaskOverride({ file: '--overrides', text: o.overrides });
  if (!o.overridesFile) return undefined;
  const text = await evaluateToText(o.overridesFile, loaded.evaluator, { jsonnetFirst: isJsonnetFile(o.overridesFile), what: 'task overrides' });
  return parseTaskOverride({ file: o.overridesFile, text });
}

/** The watched container: `--watch-container`, else the first (ecspresso). */
function pickContainer(containers: ContainerDefinition[], name: string | undefined): ContainerDefinition {
  if (!containers.length) throw new UserInputError('NO_CONTAINERS', 'the task definition has no containers');
  if (!name) return containers[0]!;
  const found = containers.find((x) => x.name === name);
  if (!found) throw new UserInputError('CONTAINER_NOT_FOUND', `--watch-container: no container named ${name} in the task definition (containers: ${containers.map((x) => x.name).join(', ')})`);
  return found;
}

async function runTasks(ecs: ECSClient, input: RunTaskCommandInput): Promise<string[]> {
  const out = await ecs.send(new RunTaskCommand(input));
  const arns = (out.tasks ?? []).map((t) => t.taskArn!).filter(Boolean);
  if (out.failures?.length) {
    const why = out.failures.map((f) => `${f.reason ?? 'failure'}${f.detail ? `: ${f.detail}` : ''}${f.arn ? ` (${f.arn})` : ''}`).join('; ');
    if (!arns.length) throw new DeploymentFailedError('DEPLOYMENT_FAILED', `RunTask could not start the task: ${why}`);
  }
  return arns;
}

/** Reports how the tasks ended and picks the exit code; a task that never ran its container is exit 4. */
async function conclude(ctx: ActionContext, r: RunResult, until: 'running' | 'stopped'): Promise<number> {
  let code = 0;
  for (const t of r.tasks) {
    const id = taskIdOf(t.taskArn);
    if (t.lastStatus !== 'STOPPED') continue;
    if (t.exitCode === undefined) {
      const why = [...new Set([t.stoppedReason, t.containerReason].filter(Boolean))].join(': ') || 'no reason given';
      throw new DeploymentFailedError('DEPLOYMENT_FAILED', `task ${id} failed to start: ${why}${t.stopCode ? ` (${t.stopCode})` : ''}`);
    }
    const level = t.exitCode === 0 ? 'info' : 'error';
    await say(ctx, 'ECSX_TASK_EXITED', level, `task ${id}: container ${r.container} exited with code ${t.exitCode}${t.exitCode !== 0 && t.stoppedReason ? ` (${t.stoppedReason})` : ''}`, t);
    if (code === 0 && t.exitCode !== 0) code = t.exitCode;
  }
  if (until === 'running' && code === 0) await say(ctx, 'ECSX_RUN_RUNNING', 'info', `task${r.tasks.length > 1 ? 's' : ''} running; not waiting for ${r.tasks.length > 1 ? 'them' : 'it'} to stop`);
  return code;
}
