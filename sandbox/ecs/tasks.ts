/** Tasks: RunTask, StartTask, StopTask, DescribeTasks, ListTasks. */
import { taskArn, taskIdFrom } from './arns.js';
import { resolveCluster } from './clusters.js';
import type { EngineContext, OperationTable } from './context.js';
import { invalidParameter } from './errors.js';
import { compact, optBool, optEnum, optInt, optList, optObject, optString, optStringList, reqString, type Json } from './input.js';
import { serviceOfTask, tasksOfService } from './lookup.js';
import { paginate } from './paging.js';
import { requireService } from './services.js';
import type { ClusterRecord, Tag, TaskRecord } from './store.js';
import { readTags } from './tags.js';
import { checkNetwork, createTask, resolvePlacement } from './task-factory.js';
import { resolveLaunchableTaskDefinition } from './task-definitions.js';
import { launchTask, requestStop } from './task-lifecycle.js';
import { renderTask } from './task-view.js';

/** STOPPED tasks stay describable for `stoppedTaskRetention` (at least an hour on AWS), then vanish. */
function purgeExpired(ctx: EngineContext): void {
  const limit = ctx.now() - ctx.timings.stoppedTaskRetention * 1000;
  for (const [arn, t] of ctx.store.tasks) if (t.lastStatus === 'STOPPED' && (t.stoppedAt ?? 0) < limit) ctx.store.tasks.delete(arn);
}

function findTask(ctx: EngineContext, cluster: ClusterRecord, ref: string): TaskRecord | undefined {
  return ctx.store.tasks.get(taskArn(ctx, cluster.name, taskIdFrom(ref)));
}

export const taskOperations: OperationTable = {
  RunTask(ctx, input) {
    const cluster = resolveCluster(ctx, optString(input, 'cluster'));
    const td = resolveLaunchableTaskDefinition(ctx, reqString(input, 'taskDefinition'));
    const count = optInt(input, 'count', 1, 10) ?? 1;
    const placement = resolvePlacement(cluster, optString(input, 'launchType'), optList<Json>(input, 'capacityProviderStrategy'));
    const networkConfiguration = optObject(input, 'networkConfiguration');
    checkNetwork(td, placement.launchType, networkConfiguration);
    const startedBy = optString(input, 'startedBy');
    if (startedBy !== undefined && startedBy.length > 128) throw invalidParameter('startedBy can have at most 128 characters.');
    const propagate = optEnum(input, 'propagateTags', ['TASK_DEFINITION', 'SERVICE', 'NONE'] as const);
    if (propagate === 'SERVICE') throw invalidParameter('PropagateTags SERVICE is only valid for tasks started by a service.');
    const tags: Tag[] = [...(propagate === 'TASK_DEFINITION' ? td.tags : []), ...readTags(input)];
    if (optBool(input, 'enableECSManagedTags')) tags.push({ key: 'aws:ecs:clusterName', value: cluster.name });
    const tasks: Json[] = [];
    for (let i = 0; i < count; i++) {
      const task = createTask(ctx, {
        cluster,
        taskDefinition: td,
        placement,
        platformVersion: optString(input, 'platformVersion'),
        networkConfiguration,
        overrides: optObject(input, 'overrides'),
        group: optString(input, 'group') ?? `family:${td.family}`,
        startedBy,
        tags,
        enableExecuteCommand: optBool(input, 'enableExecuteCommand'),
      });
      launchTask(ctx, task);
      tasks.push(renderTask(ctx, task, tags.length > 0));
    }
    return { tasks, failures: [] };
  },

  /** The sandbox has no container instances, so every one named is MISSING. */
  StartTask(ctx, input) {
    resolveCluster(ctx, optString(input, 'cluster'));
    resolveLaunchableTaskDefinition(ctx, reqString(input, 'taskDefinition'));
    const instances = optStringList(input, 'containerInstances');
    if (!instances || instances.length === 0) throw invalidParameter('containerInstances can not be empty.');
    return { tasks: [], failures: instances.map((arn) => ({ arn, reason: 'MISSING' })) };
  },

  StopTask(ctx, input) {
    const cluster = resolveCluster(ctx, optString(input, 'cluster'));
    const task = findTask(ctx, cluster, reqString(input, 'task'));
    if (!task) throw invalidParameter('The referenced task was not found.');
    requestStop(ctx, task, { stopCode: 'UserInitiated', reason: optString(input, 'reason') ?? 'Task stopped by user' });
    const service = serviceOfTask(ctx, task);
    if (service) ctx.reconcile(service, 0);
    return { task: renderTask(ctx, task) };
  },

  DescribeTasks(ctx, input) {
    purgeExpired(ctx);
    const cluster = resolveCluster(ctx, optString(input, 'cluster'));
    const refs = optStringList(input, 'tasks');
    if (!refs || refs.length === 0) throw invalidParameter('Tasks cannot be empty.');
    if (refs.length > 100) throw invalidParameter('tasks can have at most 100 items.');
    const includeTags = (optStringList(input, 'include') ?? []).includes('TAGS');
    const tasks: Json[] = [];
    const failures: Json[] = [];
    for (const ref of refs) {
      const task = findTask(ctx, cluster, ref);
      if (task) tasks.push(renderTask(ctx, task, includeTags));
      else failures.push({ arn: ref.startsWith('arn:') ? ref : taskArn(ctx, cluster.name, ref), reason: 'MISSING' });
    }
    return { tasks, failures };
  },

  ListTasks(ctx, input) {
    purgeExpired(ctx);
    const cluster = resolveCluster(ctx, optString(input, 'cluster'));
    const serviceName = optString(input, 'serviceName');
    const family = optString(input, 'family');
    const startedBy = optString(input, 'startedBy');
    const launchType = optString(input, 'launchType');
    // ECS never sets desiredStatus PENDING, so that filter lists nothing (reference §1.1).
    const desiredStatus = optEnum(input, 'desiredStatus', ['RUNNING', 'PENDING', 'STOPPED'] as const) ?? 'RUNNING';
    let candidates = serviceName
      ? tasksOfService(ctx, requireService(ctx, cluster, serviceName))
      : [...ctx.store.tasks.values()].filter((t) => t.clusterName === cluster.name);
    candidates = candidates
      .filter((t) => t.desiredStatus === desiredStatus)
      .filter((t) => !family || t.taskDefinition.family === family)
      .filter((t) => !startedBy || t.startedBy === startedBy)
      .filter((t) => !launchType || t.launchType === launchType);
    const page = paginate(candidates.map((t) => t.arn), {
      nextToken: optString(input, 'nextToken'),
      maxResults: input.maxResults as number | undefined,
      defaultMax: 100,
      limit: 100,
    });
    return compact({ taskArns: page.items, nextToken: page.nextToken });
  },
};
