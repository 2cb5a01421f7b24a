/**
 * Where a task's container logs are: the awslogs driver's group, region and stream
 * `<awslogs-stream-prefix>/<container>/<task id>` (ECS's naming), read from the task definition.
 */
import type { ContainerDefinition, ECSClient, Task } from '@aws-sdk/client-ecs';
import { DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { UsageError } from '../../errors.js';
import { arnTail } from '../status/describe.js';

/** One container's log stream. */
export interface LogStreamRef {
  region?: string;
  group: string;
  stream: string;
  /** Task id. */
  task: string;
  container: string;
}

/** Why a container's logs cannot be read, for a warning. */
export interface Unreadable {
  task: string;
  container: string;
  reason: string;
}

/** The stream of one container of one task, or why there is none. */
export function streamOf(task: Task, c: ContainerDefinition): LogStreamRef | Unreadable {
  const id = arnTail(task.taskArn);
  const name = c.name ?? '';
  const log = c.logConfiguration;
  if (log?.logDriver !== 'awslogs') return { task: id, container: name, reason: `log driver is ${log?.logDriver ?? 'not set'}, not awslogs` };
  const o = log.options ?? {};
  if (!o['awslogs-group']) return { task: id, container: name, reason: 'awslogs-group is not set' };
  // Without a prefix the stream is named after the Docker container id, which ECS does not report for Fargate.
  if (!o['awslogs-stream-prefix']) return { task: id, container: name, reason: 'awslogs-stream-prefix is not set, so the stream name is unknown' };
  return { region: o['awslogs-region'], group: o['awslogs-group'], stream: `${o['awslogs-stream-prefix']}/${name}/${id}`, task: id, container: name };
}

/** Resolves task definitions once per ARN. */
export class TaskDefinitionCache {
  private readonly cache = new Map<string, Promise<ContainerDefinition[]>>();
  constructor(private readonly ecs: ECSClient) {}
  containers(arn: string): Promise<ContainerDefinition[]> {
    let p = this.cache.get(arn);
    if (!p) {
      p = this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })).then((o) => o.taskDefinition?.containerDefinitions ?? []);
      this.cache.set(arn, p);
    }
    return p;
  }
}

/** The log streams of `tasks` (only `container` when given; an unknown container is a usage error). */
export async function logStreams(tasks: Task[], tds: TaskDefinitionCache, container?: string): Promise<{ streams: LogStreamRef[]; unreadable: Unreadable[] }> {
  const streams: LogStreamRef[] = [];
  const unreadable: Unreadable[] = [];
  const names = new Set<string>();
  for (const task of tasks) {
    if (!task.taskDefinitionArn) continue;
    for (const c of await tds.containers(task.taskDefinitionArn)) {
      names.add(c.name ?? '');
      if (container !== undefined && c.name !== container) continue;
      const s = streamOf(task, c);
      if ('stream' in s) streams.push(s);
      else unreadable.push(s);
    }
  }
  if (container !== undefined && tasks.length > 0 && !names.has(container)) {
    throw new UsageError(`--container ${container}: no such container; the task definition has ${[...names].join(', ')}`);
  }
  return { streams, unreadable };
}
