import type { Task } from '@aws-sdk/client-ecs';
import { containerToTail, diagnoseStoppedTasks, isRoutineStop } from './diagnose.js';
import { ms, taskIdOf } from './names.js';
import type { Diagnosis, MonitorSource } from './types.js';

/** How many log lines to show for a failed container. */
export const LOG_TAIL_LINES = 10;
/** How many stopped tasks to describe (one DescribeTasks call). */
const MAX_TASKS = 100;
/** Log tails are fetched for this many groups at most. */
const MAX_TAILS = 3;

/** What to diagnose: the failed deployment. */
export interface DiagnosisTarget {
  deploymentId?: string;
  taskDefinitionArn?: string;
  /** Tasks stopped before this (epoch ms) are older deployments' and ignored. */
  since?: number;
}

/**
 * Reads the stopped tasks of the failed deployment (ListTasks STOPPED started by its id, then
 * DescribeTasks), groups them with {@link diagnoseStoppedTasks} and adds the last log lines of the
 * failed container when the source can tail logs. Undefined when the source cannot list tasks.
 * Errors propagate; the caller treats diagnosis as best effort.
 */
export async function collectDiagnosis(source: MonitorSource, target: DiagnosisTarget): Promise<Diagnosis | undefined> {
  if (!source.listStoppedTasks || !source.describeTasks) return undefined;
  const arns = (await source.listStoppedTasks(target.deploymentId)).slice(0, MAX_TASKS);
  if (!arns.length) return { tasks: 0, groups: [] };
  const tasks = (await source.describeTasks(arns)).filter(
    (t) =>
      (!target.taskDefinitionArn || !t.taskDefinitionArn || t.taskDefinitionArn === target.taskDefinitionArn) &&
      (!target.deploymentId || !t.startedBy || t.startedBy === target.deploymentId) &&
      (target.since === undefined || (ms(t.stoppedAt ?? t.stoppingAt ?? t.createdAt) ?? Infinity) >= target.since),
  );
  const d = diagnoseStoppedTasks(tasks);
  if (!source.tailLogs) return d;
  let tails = 0;
  for (const g of d.groups) {
    if (tails >= MAX_TAILS || isRoutineStop(g)) continue;
    const container = containerToTail(g);
    const task: Task | undefined = tasks.find((t) => taskIdOf(t.taskArn) === g.taskIds[0]);
    if (!container || !task) continue;
    tails++;
    try {
      const lines = await source.tailLogs(task, container, LOG_TAIL_LINES);
      if (lines.length) g.logs = { taskId: g.taskIds[0], container, lines: lines.slice(-LOG_TAIL_LINES) };
    } catch {
      // No log configuration, no permission or an expired stream: the reasons above still stand.
    }
  }
  return d;
}
