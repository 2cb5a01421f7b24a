/**
 * The `tasks` subcommands: list the service's tasks, show one in full, stop one, read their logs
 * (tasks/logs.ts). Tasks are the service's in the config's cluster — or, for a config without a
 * service, those of the task definition family — or the one named by `id`.
 */
import { StopTaskCommand, type Task } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import { withClients } from '../aws/clients.js';
import { confirm } from './deregister/confirm.js';
import { formatTable, formatTsv } from './revisions/table.js';
import { summarizeTask, TASK_HEADERS, taskRow, type TaskSummary } from './tasks/format.js';
import { onlyTask, selectTasks, type TaskSelection } from './tasks/select.js';

export { taskLogs, formatLogLine, type TaskLogsOptions, type TaskLogsResult } from './tasks/logs.js';
export type { LogLine } from './tasks/fetch-logs.js';
export type { TaskSummary } from './tasks/format.js';
export type { TaskSelection } from './tasks/select.js';

/** Options of {@link listTasks}. */
export interface ListTasksOptions extends TaskSelection {
  format?: 'table' | 'tsv' | 'json';
}

const run = <T>(ctx: ActionContext, loaded: LoadedConfig, fn: Parameters<typeof withClients<T>>[3]) =>
  withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: { cluster: loaded.config.cluster, service: loaded.config.service } }, fn);

/** Lists the tasks (running, plus stopped with `stopped`), newest first. */
export async function listTasks(ctx: ActionContext, loaded: LoadedConfig, opts: ListTasksOptions = {}): Promise<TaskSummary[]> {
  const tasks = await run(ctx, loaded, async (c) => selectTasks(ctx, loaded, await c.ecs(), opts));
  const list = tasks.map(summarizeTask);
  const text =
    opts.format === 'json'
      ? JSON.stringify(list, null, 2)
      : opts.format === 'tsv'
        ? formatTsv(TASK_HEADERS, list.map(taskRow))
        : formatTable(TASK_HEADERS, list.map(taskRow));
  await ctx.io.notify({ code: 'ECSX_TASKS', level: 'result', message: text, time: ctx.clock.now(), data: list });
  return list;
}

/** Shows one task in full (DescribeTasks output): the one with `id`, or the only one. */
export async function findTask(ctx: ActionContext, loaded: LoadedConfig, opts: TaskSelection = {}): Promise<Task> {
  const task = await run(ctx, loaded, async (c) => onlyTask(await selectTasks(ctx, loaded, await c.ecs(), opts), 'show', loaded.config.filterCommand));
  await ctx.io.notify({ code: 'ECSX_TASK', level: 'result', message: loaded.secrets.mask(JSON.stringify(task, null, 2)), time: ctx.clock.now(), data: task });
  return task;
}

/** Options of {@link stopTask}. */
export interface StopTaskOptions extends TaskSelection {
  /** Do not ask for confirmation (needed without a terminal). */
  force?: boolean;
  /** The stoppedReason ECS records; default `Task stopped by ecsx`. */
  reason?: string;
}

/** Stops one task (the one with `id`, or the only one) after a confirmation unless `force`. */
export async function stopTask(ctx: ActionContext, loaded: LoadedConfig, opts: StopTaskOptions = {}): Promise<TaskSummary> {
  const stopped = await run(ctx, loaded, async (c) => {
    const ecs = await c.ecs();
    const task = await onlyTask(await selectTasks(ctx, loaded, ecs, opts), 'stop', loaded.config.filterCommand);
    const t = summarizeTask(task);
    if (t.desiredStatus === 'STOPPED') {
      await ctx.io.notify({ code: 'ECSX_TASK_ALREADY_STOPPING', level: 'info', message: `task ${t.id} is already ${t.lastStatus === 'STOPPED' ? 'stopped' : 'stopping'}`, time: ctx.clock.now() });
      return task;
    }
    if (!opts.force) await confirm(ctx, { code: 'ECSX_TASK_STOP_CONFIRM', question: `Stop task ${t.id} (${t.taskDefinition}, ${t.lastStatus})? [y/N]`, action: `stop task ${t.id}` });
    const out = await ecs.send(new StopTaskCommand({ cluster: loaded.config.cluster, task: task.taskArn, reason: opts.reason ?? 'Task stopped by ecsx' }));
    return out.task ?? task;
  });
  const t = summarizeTask(stopped);
  await ctx.io.notify({ code: 'ECSX_TASK_STOP', level: 'result', message: `task ${t.id}: desired STOPPED (last status ${t.lastStatus})`, time: ctx.clock.now(), data: t });
  return t;
}
