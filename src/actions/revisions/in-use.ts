/**
 * Which task definition revisions are in use: those of the service's deployments and task sets,
 * and those of the family's tasks that have not stopped in the config's cluster (ecspresso's rule
 * for `deregister` and `revisions`). Tasks in other clusters are not seen.
 */
import { DescribeTasksCommand, ListTasksCommand, type DesiredStatus, type ECSClient, type Service } from '@aws-sdk/client-ecs';

/** Task definition ARN → why it is in use (`PRIMARY deployment`, `2 tasks`, …). */
export type InUseMap = Map<string, string[]>;

function add(map: InUseMap, arn: string | undefined, reason: string): void {
  if (!arn) return;
  const list = map.get(arn) ?? [];
  if (!list.includes(reason)) list.push(reason);
  map.set(arn, list);
}

/** The service's own references: deployments (PRIMARY, ACTIVE) and task sets. */
export function serviceReferences(service: Service | undefined, map: InUseMap = new Map()): InUseMap {
  if (!service || service.status === 'INACTIVE') return map;
  for (const d of service.deployments ?? []) add(map, d.taskDefinition, `${d.status ?? 'ACTIVE'} deployment`);
  for (const t of service.taskSets ?? []) add(map, t.taskDefinition, `${t.status ?? 'ACTIVE'} task set`);
  return map;
}

async function listTaskArns(ecs: ECSClient, cluster: string, family: string, desiredStatus: DesiredStatus): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const out = await ecs.send(new ListTasksCommand({ cluster, family, desiredStatus, nextToken }));
    arns.push(...(out.taskArns ?? []));
    nextToken = out.nextToken;
  } while (nextToken);
  return arns;
}

/** Counts of not-yet-stopped tasks per task definition ARN, for one family in one cluster. */
export async function liveTaskCounts(ecs: ECSClient, cluster: string, family: string): Promise<Map<string, number>> {
  // A task asked to stop is still running until lastStatus is STOPPED, so both lists are read.
  const arns = [...(await listTaskArns(ecs, cluster, family, 'RUNNING')), ...(await listTaskArns(ecs, cluster, family, 'STOPPED'))];
  const counts = new Map<string, number>();
  for (let i = 0; i < arns.length; i += 100) {
    const out = await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) }));
    for (const t of out.tasks ?? []) {
      if (t.lastStatus === 'STOPPED' || !t.taskDefinitionArn) continue;
      counts.set(t.taskDefinitionArn, (counts.get(t.taskDefinitionArn) ?? 0) + 1);
    }
  }
  return counts;
}

/** Every in-use revision of `family`: the service's references plus live tasks. */
export async function collectInUse(ecs: ECSClient, cluster: string, family: string, service: Service | undefined): Promise<InUseMap> {
  const map = serviceReferences(service);
  for (const [arn, n] of await liveTaskCounts(ecs, cluster, family)) add(map, arn, n === 1 ? '1 task' : `${n} tasks`);
  return map;
}
