/**
 * Which tasks the `tasks` subcommands work on: the service's (or, without a service, the task
 * definition family's) tasks in the config's cluster, or the one named by `--id`.
 */
import { spawn } from 'node:child_process';
import { DescribeTasksCommand, ListTasksCommand, type DesiredStatus, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../../context.js';
import type { LoadedConfig } from '../../config/load.js';
import { UsageError, UserInputError } from '../../errors.js';
import { resolveFamily } from '../revisions/family.js';
import { arnTail, describeService, serviceNotFound } from '../status/describe.js';

/** Options shared by the `tasks` subcommands. */
export interface TaskSelection {
  /** A task id or ARN; it may have stopped. */
  id?: string;
  /** Include stopped tasks (ECS keeps them about an hour). */
  stopped?: boolean;
}

async function listArns(ecs: ECSClient, input: { cluster: string; serviceName?: string; family?: string }, desiredStatus: DesiredStatus): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const out = await ecs.send(new ListTasksCommand({ ...input, desiredStatus, nextToken }));
    arns.push(...(out.taskArns ?? []));
    nextToken = out.nextToken;
  } while (nextToken);
  return arns;
}

/** DescribeTasks, 100 at a time; tasks ECS no longer knows are left out. */
export async function describeTasks(ecs: ECSClient, cluster: string, arns: string[]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    const out = await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100), include: ['TAGS'] }));
    tasks.push(...(out.tasks ?? []));
  }
  return tasks;
}

/** The selected tasks, newest first. */
export async function selectTasks(ctx: ActionContext, loaded: LoadedConfig, ecs: ECSClient, sel: TaskSelection): Promise<Task[]> {
  const cluster = loaded.config.cluster;
  if (sel.id) {
    const tasks = await describeTasks(ecs, cluster, [sel.id]);
    if (tasks.length === 0) throw new UserInputError('TASK_NOT_FOUND', `task ${sel.id} not found in cluster ${cluster}`);
    return tasks;
  }
  let input: { cluster: string; serviceName?: string; family?: string };
  if (loaded.config.service) {
    const ref = { cluster, service: loaded.config.service };
    const service = await describeService(ecs, ref);
    if (!service) throw serviceNotFound(ref);
    input = { cluster, serviceName: ref.service };
  } else {
    input = { cluster, family: await resolveFamily(ctx, loaded, undefined) };
  }
  const arns = await listArns(ecs, input, 'RUNNING');
  if (sel.stopped) arns.push(...(await listArns(ecs, input, 'STOPPED')));
  const tasks = await describeTasks(ecs, cluster, arns);
  return tasks.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}

/**
 * Exactly one task: the only one selected; else, with a filter command (`--filter-command` /
 * `filter_command`: peco, fzf, …), the one picked from the list it is given on stdin; else a usage
 * error listing the ids to choose from.
 */
export async function onlyTask(tasks: Task[], what: string, filterCommand?: string): Promise<Task> {
  if (tasks.length === 1) return tasks[0]!;
  if (tasks.length === 0) throw new UserInputError('NO_TASKS', `no tasks to ${what}`);
  if (filterCommand) return pickWithFilter(tasks, what, filterCommand);
  throw new UsageError(`${tasks.length} tasks: pass --id to choose one of ${tasks.map((t) => arnTail(t.taskArn)).join(', ')}`);
}

/** One line per task (`id status revision created`); the filter prints the chosen line(s) and we take the first id. */
async function pickWithFilter(tasks: Task[], what: string, command: string): Promise<Task> {
  const lines = tasks.map((t) => [arnTail(t.taskArn), t.lastStatus ?? '', arnTail(t.taskDefinitionArn), t.createdAt?.toISOString() ?? ''].join('\t'));
  // Through the shell, as ecspresso does: the command may carry its own flags ("fzf --height 40%").
  const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stdin.on('error', () => {}); // a filter that exits early closes its stdin
  child.stdin.end(lines.join('\n') + '\n');
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const id = out.split('\n')[0]?.split(/\s/)[0]?.trim();
  const task = tasks.find((t) => arnTail(t.taskArn) === id);
  if (code !== 0 || !task) throw new UsageError(`no task chosen to ${what} (filter command "${command}" ${code !== 0 ? `exited ${code}` : 'printed no task id'})`);
  return task;
}
