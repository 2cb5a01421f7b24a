/**
 * Services: CreateService, UpdateService, DeleteService (reference §2.1, §5). Queries are in
 * service-queries.ts; the scheduler that acts on services is in service-scheduler.ts.
 */
import { serviceArn, serviceRefFrom } from './arns.js';
import { resolveCluster } from './clusters.js';
import type { EngineContext, OperationTable } from './context.js';
import { startDeployment, stopForDeletion } from './deployments.js';
import { invalidParameter, serviceNotActive, serviceNotFound, unsupported } from './errors.js';
import { clone, optBool, optEnum, optInt, optList, optObject, optString, reqString, type Json } from './input.js';
import { mergeDeploymentConfiguration, readSpec, triggersDeployment } from './service-config.js';
import { renderService } from './service-view.js';
import type { ClusterRecord, ServiceRecord } from './store.js';
import { readTags } from './tags.js';

const NAME_RE = /^[a-zA-Z0-9_-]{1,255}$/;

/** Finds a service by name or ARN in a cluster (the ARN's cluster wins when it has one). */
export function findService(ctx: EngineContext, cluster: ClusterRecord, ref: string): ServiceRecord | undefined {
  const { name, cluster: fromArn } = serviceRefFrom(ref);
  return ctx.store.services.get(serviceArn(ctx, fromArn ?? cluster.name, name));
}

export function requireService(ctx: EngineContext, cluster: ClusterRecord, ref: string): ServiceRecord {
  const service = findService(ctx, cluster, ref);
  if (!service) throw serviceNotFound();
  return service;
}

function readController(input: Json): Json {
  const controller = optObject(input, 'deploymentController') ?? { type: 'ECS' };
  if (controller.type !== 'ECS') {
    throw unsupported(`The sandbox simulates only the ECS deployment controller, not ${String(controller.type)}.`);
  }
  return clone(controller);
}

const roleArnFrom = (ctx: EngineContext, role: string | undefined) =>
  role === undefined ? undefined : role.startsWith('arn:') ? role : `arn:aws:iam::${ctx.accountId}:role/${role}`;

/** Eventual-consistency scenario: DescribeServices lags this write by `lagSeconds`. */
function applyLag(ctx: EngineContext, service: ServiceRecord, view: Json | 'MISSING'): void {
  const lag = ctx.scenarios.take('stale-describe', [{ service: service.name, cluster: service.clusterName }]);
  if (lag) service.sim.staleView = { until: ctx.now() + (lag.scenario.lagSeconds ?? 5) * 1000, view };
}

export interface CreateServiceOptions {
  /** `ECS` for services ECS manages itself (Express Mode); default `CUSTOMER`. */
  resourceManagementType?: 'CUSTOMER' | 'ECS';
}

/**
 * CreateService: validates, stores the service and starts its first deployment. Returns the
 * existing service for a repeated request with the same clientToken.
 */
export function createService(ctx: EngineContext, input: Json, opts: CreateServiceOptions = {}): ServiceRecord {
  const cluster = resolveCluster(ctx, optString(input, 'cluster'));
  const name = reqString(input, 'serviceName');
  if (!NAME_RE.test(name)) {
    throw invalidParameter('Service name can have up to 255 characters: letters, numbers, hyphens and underscores.');
  }
  const arn = serviceArn(ctx, cluster.name, name);
  const existing = ctx.store.services.get(arn);
  const clientToken = optString(input, 'clientToken');
  if (existing?.status === 'ACTIVE') {
    // Same clientToken on an ACTIVE service returns it (details UNCONFIRMED, reference §5.1).
    if (clientToken && existing.clientToken === clientToken) return existing;
    throw invalidParameter('Creation of service was not idempotent.');
  }
  if (existing?.status === 'DRAINING') throw invalidParameter('Unable to Start a service that is still Draining.');
  const deploymentController = readController(input);
  const schedulingStrategy = optEnum(input, 'schedulingStrategy', ['REPLICA', 'DAEMON'] as const) ?? 'REPLICA';
  let desiredCount = optInt(input, 'desiredCount', 0);
  if (desiredCount === undefined) {
    if (schedulingStrategy === 'REPLICA') throw invalidParameter('desiredCount is required when schedulingStrategy is REPLICA.');
    desiredCount = 1; // DAEMON: one task on the sandbox's single simulated instance.
  }
  const spec = readSpec(ctx, input, cluster);
  const now = ctx.now();
  const service: ServiceRecord = {
    arn,
    name,
    clusterName: cluster.name,
    clusterArn: cluster.arn,
    status: 'ACTIVE',
    desiredCount,
    spec,
    deploymentConfiguration: mergeDeploymentConfiguration(optObject(input, 'deploymentConfiguration')),
    deploymentController,
    placementConstraints: clone(optList<Json>(input, 'placementConstraints')) ?? [],
    placementStrategy: clone(optList<Json>(input, 'placementStrategy')) ?? [],
    healthCheckGracePeriodSeconds: optInt(input, 'healthCheckGracePeriodSeconds', 0) ?? 0,
    schedulingStrategy,
    roleArn: roleArnFrom(ctx, optString(input, 'role')),
    tags: readTags(input),
    createdBy: `arn:aws:iam::${ctx.accountId}:root`,
    enableECSManagedTags: optBool(input, 'enableECSManagedTags') ?? false,
    propagateTags: optEnum(input, 'propagateTags', ['TASK_DEFINITION', 'SERVICE', 'NONE'] as const) ?? 'NONE',
    enableExecuteCommand: optBool(input, 'enableExecuteCommand') ?? false,
    availabilityZoneRebalancing: optEnum(input, 'availabilityZoneRebalancing', ['ENABLED', 'DISABLED'] as const) ?? 'ENABLED',
    resourceManagementType: opts.resourceManagementType ?? 'CUSTOMER',
    clientToken,
    createdAt: now,
    deployments: [],
    serviceDeployments: [],
    events: [],
    sim: { steady: false, steadyToken: 0, reconcileToken: 0, startFailureStreak: 0, unhealthyReplacements: 0 },
  };
  ctx.store.services.set(arn, service);
  startDeployment(ctx, service);
  applyLag(ctx, service, 'MISSING');
  return service;
}

/** UpdateService: applies changes; starts a deployment when a deployment-affecting field changed. */
export function updateService(ctx: EngineContext, input: Json): ServiceRecord {
  const cluster = resolveCluster(ctx, optString(input, 'cluster'));
  const service = requireService(ctx, cluster, reqString(input, 'service'));
  if (service.status !== 'ACTIVE') throw serviceNotActive();
  const before = renderService(ctx, service);
  if (input.deploymentController !== undefined) readController(input);
  const spec = readSpec(ctx, input, cluster, service.spec);
  const deploymentConfiguration = mergeDeploymentConfiguration(optObject(input, 'deploymentConfiguration'), service.deploymentConfiguration);
  const desiredCount = optInt(input, 'desiredCount', 0);
  const force = optBool(input, 'forceNewDeployment') ?? false;

  const placementConstraints = optList<Json>(input, 'placementConstraints');
  const placementStrategy = optList<Json>(input, 'placementStrategy');
  const grace = optInt(input, 'healthCheckGracePeriodSeconds', 0);
  const exec = optBool(input, 'enableExecuteCommand');
  const managedTags = optBool(input, 'enableECSManagedTags');
  const propagate = optEnum(input, 'propagateTags', ['TASK_DEFINITION', 'SERVICE', 'NONE'] as const);
  const azr = optEnum(input, 'availabilityZoneRebalancing', ['ENABLED', 'DISABLED'] as const);

  const previousSpec = service.spec;
  service.spec = spec;
  service.deploymentConfiguration = deploymentConfiguration;
  if (placementConstraints) service.placementConstraints = clone(placementConstraints);
  if (placementStrategy) service.placementStrategy = clone(placementStrategy);
  if (grace !== undefined) service.healthCheckGracePeriodSeconds = grace;
  if (exec !== undefined) service.enableExecuteCommand = exec;
  if (managedTags !== undefined) service.enableECSManagedTags = managedTags;
  if (propagate) service.propagateTags = propagate;
  if (azr) service.availabilityZoneRebalancing = azr;
  if (force || triggersDeployment(previousSpec, spec)) {
    if (desiredCount !== undefined) service.desiredCount = desiredCount;
    startDeployment(ctx, service);
  } else if (desiredCount !== undefined && desiredCount !== service.desiredCount) {
    // A desired count change scales the current deployment; no new deployment (reference §2.1).
    service.desiredCount = desiredCount;
    ctx.reconcile(service, ctx.timings.schedulerDelay);
  }
  applyLag(ctx, service, before);
  return service;
}

/** DeleteService: DRAINING now (desiredCount 0), INACTIVE once its tasks are gone. */
export function deleteService(ctx: EngineContext, input: Json): ServiceRecord {
  const cluster = resolveCluster(ctx, optString(input, 'cluster'));
  const service = requireService(ctx, cluster, reqString(input, 'service'));
  // DRAINING and INACTIVE services are returned as they are (obs [GH-SDKJS-4189]).
  if (service.status !== 'ACTIVE') return service;
  const force = optBool(input, 'force') ?? false;
  if (service.desiredCount > 0 && !force) {
    throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
  }
  service.status = 'DRAINING';
  service.desiredCount = 0;
  service.sim.holdUntil = undefined;
  service.sim.steady = false;
  stopForDeletion(ctx, service);
  ctx.reconcile(service, 0);
  return service;
}

export const serviceOperations: OperationTable = {
  CreateService(ctx, input) {
    const service = createService(ctx, input);
    return { service: renderService(ctx, service, service.tags.length > 0) };
  },
  UpdateService: (ctx, input) => ({ service: renderService(ctx, updateService(ctx, input)) }),
  DeleteService: (ctx, input) => ({ service: renderService(ctx, deleteService(ctx, input)) }),
};
