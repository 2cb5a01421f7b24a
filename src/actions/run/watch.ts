/**
 * Waiting for `run`'s tasks: one polling loop on the injected clock (DescribeTasks, then the
 * watched container's new log lines) until every task is RUNNING or STOPPED, the timeout passes
 * or the user interrupts.
 */
import { DescribeTasksCommand, type ContainerDefinition, type Task } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../../context.js';
import type { AwsClients } from '../../aws/clients.js';
import { formatDuration } from '../../config/duration.js';
import { DeploymentFailedError, InterruptedError } from '../../errors.js';
import { nextInterval, taskIdOf } from '../../monitor/index.js';
import { say } from '../deploy/notify.js';
import { LogFollower, type TaskLogLine } from './logs.js';

/** What a task ended as, for the watched container. */
export interface TaskOutcome {
  taskArn: string;
  lastStatus?: string;
  stopCode?: string;
  stoppedReason?: string;
  /** The watched container's exit code, when it ran and exited. */
  exitCode?: number;
  /** Why the watched container did not run (e.g. CannotPullContainerError). */
  containerReason?: string;
}

/** Options of {@link watchTasks}. */
export interface WatchTasksOptions {
  cluster: string;
  taskArns: string[];
  until: 'running' | 'stopped';
  container: ContainerDefinition;
  timeoutMs: number;
  /** Fastest / slowest poll, default 1 s / 5 s. */
  pollMinMs?: number;
  pollMaxMs?: number;
}

/** Reads one task's outcome for the watched container. Pure. */
export function taskOutcome(t: Task, container: string): TaskOutcome {
  const c = t.containers?.find((x) => x.name === container);
  return {
    taskArn: t.taskArn ?? '',
    lastStatus: t.lastStatus,
    ...(t.stopCode ? { stopCode: t.stopCode } : {}),
    ...(t.stoppedReason ? { stoppedReason: t.stoppedReason } : {}),
    ...(c?.exitCode !== undefined && c.exitCode !== null ? { exitCode: c.exitCode } : {}),
    ...(c?.reason ? { containerReason: c.reason } : {}),
  };
}

/** Resolves when every task reached `until` (STOPPED always ends the wait); tails logs meanwhile. */
export async function watchTasks(ctx: ActionContext, clients: AwsClients, o: WatchTasksOptions): Promise<TaskOutcome[]> {
  const ecs = await clients.ecs();
  const start = ctx.clock.now();
  const deadline = o.timeoutMs > 0 ? start + o.timeoutMs : Infinity;
  const schedule = { minMs: o.pollMinMs ?? 1000, maxMs: o.pollMaxMs ?? 5000 };
  const followers = new Map(o.taskArns.map((a) => [a, new LogFollower(clients, o.container, taskIdOf(a))]));
  const multi = o.taskArns.length > 1;
  const emit = async (lines: TaskLogLine[]) => {
    for (const l of lines) await say(ctx, 'ECSX_TASK_LOG', 'result', multi ? `[${l.taskId.slice(0, 8)}] ${l.message}` : l.message, l);
  };
  const seen = new Map<string, string>();
  let interval: number | undefined;
  let tasks: Task[] = [];
  try {
    for (;;) {
      ctx.signal?.throwIfAborted();
      tasks = (await ecs.send(new DescribeTasksCommand({ cluster: o.cluster, tasks: o.taskArns }))).tasks ?? [];
      let changed = false;
      for (const t of tasks) {
        if (seen.get(t.taskArn!) === t.lastStatus) continue;
        seen.set(t.taskArn!, t.lastStatus ?? '');
        changed = true;
        await say(ctx, 'ECSX_TASK_STATUS', 'info', `task ${taskIdOf(t.taskArn)}: ${t.lastStatus}${t.stoppedReason ? ` (${t.stoppedReason})` : ''}`, { taskArn: t.taskArn, lastStatus: t.lastStatus });
      }
      for (const t of tasks) {
        if (['PROVISIONING', 'PENDING'].includes(t.lastStatus ?? '')) continue;
        const lines = await followers.get(t.taskArn!)!.read().catch(() => []);
        if (lines.length) changed = true;
        await emit(lines);
      }
      const stopped = tasks.filter((t) => t.lastStatus === 'STOPPED');
      const done = o.until === 'stopped' ? stopped.length === o.taskArns.length : tasks.length === o.taskArns.length && tasks.every((t) => t.lastStatus === 'RUNNING' || t.lastStatus === 'STOPPED');
      if (done) {
        // A container's last lines can reach CloudWatch just after the task stopped.
        for (const t of stopped) await emit(await followers.get(t.taskArn!)!.read().catch(() => []));
        return tasks.map((t) => taskOutcome(t, o.container.name!));
      }
      const now = ctx.clock.now();
      if (now >= deadline) {
        const states = tasks.map((t) => `${taskIdOf(t.taskArn)} ${t.lastStatus}`).join(', ');
        throw new DeploymentFailedError('TIMEOUT', `timed out after ${formatDuration(o.timeoutMs)} waiting for the task${multi ? 's' : ''} to be ${o.until.toUpperCase()} (${states}); ${multi ? 'they keep' : 'it keeps'} running in ECS`);
      }
      interval = nextInterval(interval, changed, schedule);
      await ctx.clock.sleep(Math.min(interval, deadline - now), ctx.signal);
    }
  } catch (err) {
    if (ctx.signal?.aborted) {
      const ids = o.taskArns.map((a) => taskIdOf(a)).join(' ');
      throw new InterruptedError(`interrupted; the task${multi ? 's keep' : ' keeps'} running in ECS (stop with: ecsx tasks stop, or aws ecs stop-task --cluster ${o.cluster} --task ${ids})`);
    }
    throw err;
  }
}
