/** From DescribeServices output to the status result's plain, JSON-friendly summaries. Pure. */
import type { Deployment, Service, ServiceEvent, TaskSet } from '@aws-sdk/client-ecs';
import { isExpressService, taskDefinitionName } from './describe.js';
import type { DeploymentSummary, EventSummary, StatusResult, TaskSetSummary } from './types.js';

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

export function summarizeDeployment(d: Deployment): DeploymentSummary {
  return {
    status: d.status ?? '',
    id: d.id,
    taskDefinition: taskDefinitionName(d.taskDefinition),
    desiredCount: d.desiredCount ?? 0,
    pendingCount: d.pendingCount ?? 0,
    runningCount: d.runningCount ?? 0,
    failedTasks: d.failedTasks ?? 0,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

export function summarizeTaskSet(t: TaskSet): TaskSetSummary {
  return {
    id: t.id,
    status: t.status ?? '',
    taskDefinition: taskDefinitionName(t.taskDefinition),
    computedDesiredCount: t.computedDesiredCount ?? 0,
    pendingCount: t.pendingCount ?? 0,
    runningCount: t.runningCount ?? 0,
    scale: t.scale?.value,
    stabilityStatus: t.stabilityStatus ?? '',
  };
}

/** The last `n` events, oldest first (DescribeServices lists them newest first). */
export function lastEvents(events: ServiceEvent[] | undefined, n: number): EventSummary[] {
  if (n <= 0) return [];
  return [...(events ?? [])]
    .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0))
    .slice(-n)
    .map((e) => ({ id: e.id, createdAt: iso(e.createdAt) ?? '', message: e.message ?? '' }));
}

/** Everything of the status result that comes from the service itself. */
export function summarizeService(s: Service, cluster: string, events: number): StatusResult {
  const td = s.taskDefinition ?? s.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition;
  return {
    cluster,
    service: s.serviceName ?? '',
    serviceArn: s.serviceArn,
    status: s.status ?? '',
    express: isExpressService(s),
    // Express services have no service-level taskDefinition: the PRIMARY deployment's is the one (ecspresso #902).
    taskDefinition: td ? taskDefinitionName(td) : undefined,
    taskDefinitionArn: td,
    desiredCount: s.desiredCount ?? 0,
    runningCount: s.runningCount ?? 0,
    pendingCount: s.pendingCount ?? 0,
    launchType: s.launchType,
    deploymentController: s.deploymentController?.type,
    deployments: (s.deployments ?? []).map(summarizeDeployment),
    taskSets: (s.taskSets ?? []).map(summarizeTaskSet),
    events: lastEvents(s.events, events),
  };
}
