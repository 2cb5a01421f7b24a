/** The Service and Deployment output shapes (DescribeServices, Create/Update/DeleteService). */
import type { EngineContext } from './context.js';
import { currentServiceDeployment } from './deployments.js';
import { clone, compact, secs, type Json } from './input.js';
import { deploymentCounts } from './lookup.js';
import type { DeploymentRecord, ServiceRecord } from './store.js';

export function renderDeployment(ctx: EngineContext, service: ServiceRecord, dep: DeploymentRecord): Json {
  const spec = dep.revision.spec;
  const counts = deploymentCounts(ctx, service, dep);
  return compact({
    id: dep.id,
    status: dep.status,
    taskDefinition: spec.taskDefinition,
    desiredCount: dep.desiredCount,
    pendingCount: counts.pending,
    runningCount: counts.running,
    failedTasks: dep.failedTasks,
    createdAt: secs(dep.createdAt),
    updatedAt: secs(dep.updatedAt),
    capacityProviderStrategy: clone(spec.capacityProviderStrategy),
    launchType: spec.launchType,
    platformVersion: spec.platformVersion,
    platformFamily: spec.platformFamily,
    networkConfiguration: clone(spec.networkConfiguration),
    rolloutState: dep.rolloutState,
    rolloutStateReason: dep.rolloutStateReason,
    serviceConnectConfiguration: clone(spec.serviceConnectConfiguration),
    volumeConfigurations: clone(spec.volumeConfigurations),
    vpcLatticeConfigurations: clone(spec.vpcLatticeConfigurations),
  });
}

export function renderService(ctx: EngineContext, service: ServiceRecord, includeTags = false): Json {
  let running = 0;
  let pending = 0;
  const revisions: Json[] = [];
  for (const dep of service.deployments) {
    const c = deploymentCounts(ctx, service, dep);
    running += c.running;
    pending += c.pending;
    revisions.push({
      arn: dep.revision.arn,
      requestedTaskCount: dep.status === 'PRIMARY' ? service.desiredCount : dep.desiredCount,
      runningTaskCount: c.running,
      pendingTaskCount: c.pending,
    });
  }
  const spec = service.spec;
  return compact({
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: service.clusterArn,
    loadBalancers: clone(spec.loadBalancers),
    serviceRegistries: clone(spec.serviceRegistries),
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: running,
    pendingCount: pending,
    launchType: spec.launchType,
    capacityProviderStrategy: clone(spec.capacityProviderStrategy),
    platformVersion: spec.platformVersion,
    platformFamily: spec.platformFamily,
    taskDefinition: spec.taskDefinition,
    deploymentConfiguration: clone(service.deploymentConfiguration),
    deployments: service.deployments.map((d) => renderDeployment(ctx, service, d)),
    roleArn: service.roleArn,
    events: service.events.map((e) => ({ id: e.id, createdAt: secs(e.createdAt), message: e.message })),
    createdAt: secs(service.createdAt),
    currentServiceDeployment: currentServiceDeployment(service)?.arn,
    currentServiceRevisions: revisions,
    placementConstraints: clone(service.placementConstraints),
    placementStrategy: clone(service.placementStrategy),
    networkConfiguration: clone(spec.networkConfiguration),
    healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
    schedulingStrategy: service.schedulingStrategy,
    deploymentController: clone(service.deploymentController),
    tags: includeTags ? clone(service.tags) : undefined,
    createdBy: service.createdBy,
    enableECSManagedTags: service.enableECSManagedTags,
    propagateTags: service.propagateTags,
    enableExecuteCommand: service.enableExecuteCommand,
    availabilityZoneRebalancing: service.availabilityZoneRebalancing,
    resourceManagementType: service.resourceManagementType,
  });
}
