/** Task summaries and their table rows. Pure. */
import type { Task } from '@aws-sdk/client-ecs';
import { arnTail, taskDefinitionName } from '../status/describe.js';
import { formatLocalTime } from '../status/format.js';

/** One task, as `tasks list` shows it. Times are ISO 8601. */
export interface TaskSummary {
  id: string;
  arn: string;
  taskDefinition: string;
  lastStatus: string;
  desiredStatus: string;
  healthStatus?: string;
  createdAt?: string;
  startedAt?: string;
  stoppedAt?: string;
  stoppedReason?: string;
  stopCode?: string;
  group?: string;
  launchType?: string;
  containers: { name: string; lastStatus?: string; exitCode?: number; healthStatus?: string; reason?: string }[];
}

const iso = (d: Date | undefined) => d?.toISOString();

export function summarizeTask(t: Task): TaskSummary {
  return {
    id: arnTail(t.taskArn),
    arn: t.taskArn ?? '',
    taskDefinition: taskDefinitionName(t.taskDefinitionArn),
    lastStatus: t.lastStatus ?? '',
    desiredStatus: t.desiredStatus ?? '',
    healthStatus: t.healthStatus,
    createdAt: iso(t.createdAt),
    startedAt: iso(t.startedAt),
    stoppedAt: iso(t.stoppedAt),
    stoppedReason: t.stoppedReason,
    stopCode: t.stopCode,
    group: t.group,
    launchType: t.launchType,
    containers: (t.containers ?? []).map((c) => ({ name: c.name ?? '', lastStatus: c.lastStatus, exitCode: c.exitCode, healthStatus: c.healthStatus, reason: c.reason })),
  };
}

export const TASK_HEADERS = ['ID', 'TASK DEFINITION', 'LAST STATUS', 'DESIRED', 'HEALTH', 'CREATED', 'GROUP', 'TYPE'];

export function taskRow(t: TaskSummary): string[] {
  return [
    t.id,
    t.taskDefinition,
    t.lastStatus,
    t.desiredStatus,
    t.healthStatus ?? '',
    t.createdAt ? formatLocalTime(Date.parse(t.createdAt)) : '',
    t.group ?? '',
    t.launchType ?? '',
  ];
}
