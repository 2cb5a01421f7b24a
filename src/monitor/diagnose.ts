import type { Task } from '@aws-sdk/client-ecs';
import { ms, taskIdOf } from './names.js';
import type { ContainerFailure, Diagnosis, StoppedTaskGroup } from './types.js';

/** A container failed when it exited non-zero or ECS gave a reason (e.g. CannotPullContainerError, OOM). */
export function failedContainers(task: Task): ContainerFailure[] {
  const out: ContainerFailure[] = [];
  for (const c of task.containers ?? []) {
    const exited = c.exitCode !== undefined && c.exitCode !== null && c.exitCode !== 0;
    if (!exited && !c.reason) continue;
    out.push({ name: c.name ?? '?', ...(c.exitCode !== undefined && c.exitCode !== null ? { exitCode: c.exitCode } : {}), ...(c.reason ? { reason: c.reason } : {}) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Routine stops (the scheduler scaling in old tasks, a user's StopTask) say nothing about a failure. */
export function isRoutineStop(g: Pick<StoppedTaskGroup, 'stopCode' | 'stoppedReason' | 'containers'>): boolean {
  if (g.containers.length > 0) return false;
  if (g.stopCode === 'UserInitiated') return true;
  return g.stopCode === 'ServiceSchedulerInitiated' && /^Scaling activity initiated by/.test(g.stoppedReason ?? '');
}

/**
 * Groups stopped tasks by identical cause (stopCode, stoppedReason, failed containers with their exit
 * codes and reasons) and counts them. Pure. Groups are ordered failures first, then by count, then
 * by the newest stop; task ids in a group are newest first (at most 5).
 */
export function diagnoseStoppedTasks(tasks: Task[]): Diagnosis {
  const groups = new Map<string, StoppedTaskGroup & { newest: number }>();
  const sorted = [...tasks].sort((a, b) => (ms(b.stoppedAt ?? b.stoppingAt) ?? 0) - (ms(a.stoppedAt ?? a.stoppingAt) ?? 0));
  for (const t of sorted) {
    const containers = failedContainers(t);
    const key = JSON.stringify([t.stopCode ?? '', t.stoppedReason ?? '', containers]);
    let g = groups.get(key);
    if (!g) {
      g = { count: 0, containers, taskIds: [], newest: ms(t.stoppedAt ?? t.stoppingAt) ?? 0 };
      if (t.stoppedReason) g.stoppedReason = t.stoppedReason;
      if (t.stopCode) g.stopCode = t.stopCode;
      groups.set(key, g);
    }
    g.count++;
    if (g.taskIds.length < 5) g.taskIds.push(taskIdOf(t.taskArn));
  }
  const list = [...groups.values()].sort(
    (a, b) => Number(isRoutineStop(a)) - Number(isRoutineStop(b)) || b.count - a.count || b.newest - a.newest,
  );
  return { tasks: tasks.length, groups: list.map(({ newest: _n, ...g }) => g) };
}

/** The container whose logs explain a group: the first that exited non-zero, else the first with a reason. Tasks that never started have no logs. */
export function containerToTail(g: StoppedTaskGroup): string | undefined {
  if (g.stopCode === 'TaskFailedToStart') return undefined;
  return (g.containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0) ?? g.containers[0])?.name;
}

/** One line for a group: `3 tasks: Essential container in task exited (EssentialContainerExited); app exit 1`. */
export function describeGroup(g: StoppedTaskGroup): string {
  const head = `${g.count} task${g.count === 1 ? '' : 's'} stopped: ${g.stoppedReason ?? 'no reason given'}${g.stopCode ? ` (${g.stopCode})` : ''}`;
  const cs = g.containers.map((c) => `container ${c.name}${c.exitCode !== undefined ? ` exit code ${c.exitCode}` : ''}${c.reason ? `: ${c.reason}` : ''}`);
  return cs.length ? `${head}; ${cs.join('; ')}` : head;
}

/** Multi-line text of a diagnosis (routine stops left out), with indented log tails. Empty when nothing failed. */
export function formatDiagnosis(d: Diagnosis): string {
  const lines: string[] = [];
  for (const g of d.groups) {
    if (isRoutineStop(g)) continue;
    lines.push(describeGroup(g));
    if (g.logs) {
      lines.push(`  last log lines of ${g.logs.container} in task ${g.logs.taskId}:`);
      for (const l of g.logs.lines) lines.push(`    | ${l}`);
    }
  }
  return lines.join('\n');
}
