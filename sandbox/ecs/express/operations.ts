/**
 * The four Express Mode operations (express-mode.md §2, §5). They take only a service ARN (apart
 * from Create); errors and messages follow §2.4, Create on a DRAINING name gets the generic ECS
 * `Unable to Start a service that is still Draining.` (§2.4, reference §5.1).
 */
import { AwsError } from '../../types.js';
import { parseArn, serviceArn } from '../arns.js';
import type { EngineContext, OperationTable } from '../context.js';
import { invalidParameter, serviceNotActive, serviceNotFound } from '../errors.js';
import { optStringList, reqString, type Json } from '../input.js';
import { createService, updateService } from '../services.js';
import { readTags } from '../tags.js';
import { mergeUpdate, readCreate, taskDefinitionChanged, withContainerDefaults } from './config.js';
import { setHealthCheckPath } from './ingress.js';
import { beginDeletion, provision } from './lifecycle.js';
import { checkSecurityGroups, resolveNetwork } from './network.js';
import { changePort, createLogGroup, managedLogGroupName, putScaling } from './resources.js';
import { leftoversFor, readinessFor } from './scenarios.js';
import { expressState, MANAGED_TAG, SERVICE_ARN_TAG_KEY, type ExpressService } from './store.js';
import { checkCustomTaskDefinition, containerPortOf, registerManagedTaskDefinition } from './task-definition.js';
import { checkInfrastructureRole, createServiceInput, endpointHost, expressCluster, loadBalancersFor, networkFor } from './underlying-service.js';
import { renderExpressService, renderUpdatedService } from './view.js';

/** The Express service an operation's `serviceArn` names. */
function lookup(ctx: EngineContext, input: Json, missing: () => AwsError): ExpressService {
  const arn = reqString(input, 'serviceArn');
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'ecs' || parsed.resourceType !== 'service' || parsed.path.length !== 2) {
    throw invalidParameter(`Invalid service ARN: ${arn}.`);
  }
  const svc = expressState(ctx).services.get(serviceArn(ctx, parsed.path[0]!, parsed.path[1]!));
  if (!svc) throw missing();
  return svc;
}

/** Terraform treats ResourceNotFoundException as "gone" (§2.4). */
const resourceNotFound = () => new AwsError('ResourceNotFoundException', 'Resource not found.');

async function createExpress(ctx: EngineContext, input: Json): Promise<Json> {
  const now = ctx.now();
  const req = readCreate(input, now);
  const tags = readTags(input);
  const cluster = expressCluster(ctx, req.cluster);
  const arn = serviceArn(ctx, cluster.name, req.serviceName);
  const st = expressState(ctx);
  const underlying = ctx.store.services.get(arn);
  // The name stays blocked until the old service is INACTIVE (§5.4).
  if (st.services.get(arn)?.status === 'DRAINING' || underlying?.status === 'DRAINING') {
    throw invalidParameter('Unable to Start a service that is still Draining.');
  }
  if (underlying?.status === 'ACTIVE') throw invalidParameter('Creation of service was not idempotent.');
  await checkInfrastructureRole(ctx, req.infrastructureRoleArn, req.serviceName, cluster.name);

  const cfg = req.config;
  let port: number;
  let logGroupName: string | undefined;
  if (cfg.customTaskDefinition) {
    const td = checkCustomTaskDefinition(ctx, cfg.taskDefinitionArn);
    Object.assign(cfg, { taskDefinitionArn: td.arn, cpu: td.cpu, memory: td.memory });
    port = td.containerPort;
  } else {
    if (!(cfg.primaryContainer!.awsLogsConfiguration as Json | undefined)) logGroupName = managedLogGroupName(cluster.name, req.serviceName);
    cfg.primaryContainer = withContainerDefaults(cfg.primaryContainer!, logGroupName ?? '');
    port = cfg.primaryContainer.containerPort as number;
  }
  await checkSecurityGroups(ctx, cfg.securityGroups);
  const net = await resolveNetwork(ctx, cfg.subnets);
  cfg.subnets = net.subnets;

  const host = endpointHost(req.serviceName, ctx.region);
  const resourceTags = [MANAGED_TAG, { key: SERVICE_ARN_TAG_KEY, value: arn }];
  const ready = readinessFor(ctx, req.serviceName, cluster.name);
  const { alb, resources } = await provision(ctx, st, {
    serviceArn: arn,
    name: req.serviceName,
    cluster: cluster.name,
    host,
    port,
    healthCheckPath: cfg.healthCheckPath,
    net,
    scaling: cfg.scalingTarget,
    logGroupName,
    tags: resourceTags,
    ready,
  });
  if (!cfg.customTaskDefinition) cfg.taskDefinitionArn = registerManagedTaskDefinition(ctx, req.serviceName, cfg);
  const svc: ExpressService = {
    arn,
    name: req.serviceName,
    clusterName: cluster.name,
    clusterArn: cluster.arn,
    infrastructureRoleArn: req.infrastructureRoleArn,
    status: 'ACTIVE',
    createdAt: now,
    updatedAt: now,
    host,
    accessType: net.public ? 'PUBLIC' : 'PRIVATE',
    alb,
    resources,
    configs: new Map(),
    latest: cfg,
    resourceTags,
    leftovers: [],
  };
  const service = createService(ctx, createServiceInput(ctx, { svc, cfg, net, port, tags }), { resourceManagementType: 'ECS' });
  svc.configs.set(service.deployments[0]!.revision.arn, cfg);
  st.services.set(arn, svc);
  return { service: renderExpressService(ctx, svc, false) };
}

/**
 * A new service revision and a canary deployment every time (§0 item 9). Cluster, name,
 * infrastructure role and tags are not part of the request (§5.2).
 */
async function updateExpress(ctx: EngineContext, input: Json): Promise<Json> {
  const svc = lookup(ctx, input, serviceNotFound);
  if (svc.status !== 'ACTIVE') throw serviceNotActive();
  const now = ctx.now();
  const underlying = ctx.store.services.get(svc.arn)!;
  // After a rollback the running revision is not the last one asked for: merge into what runs.
  const prev = svc.configs.get(underlying.deployments[0]?.revision.arn ?? '') ?? svc.latest;
  const next = mergeUpdate(prev, input, now);
  if (next.customTaskDefinition && next.taskDefinitionArn !== prev.taskDefinitionArn) {
    const td = checkCustomTaskDefinition(ctx, next.taskDefinitionArn);
    Object.assign(next, { taskDefinitionArn: td.arn, cpu: td.cpu, memory: td.memory });
  }
  if (next.primaryContainer) {
    if (!next.primaryContainer.awsLogsConfiguration && !svc.resources.logGroup) {
      svc.resources.logGroup = await createLogGroup(ctx, managedLogGroupName(svc.clusterName, svc.name), svc.resourceTags, readinessFor(ctx, svc.name, svc.clusterName));
    }
    next.primaryContainer = withContainerDefaults(next.primaryContainer, svc.resources.logGroup?.id ?? '');
  }
  if (String(next.securityGroups) !== String(prev.securityGroups)) await checkSecurityGroups(ctx, next.securityGroups);
  let isPublic = svc.accessType === 'PUBLIC';
  if (String(next.subnets) !== String(prev.subnets)) {
    const net = await resolveNetwork(ctx, next.subnets);
    if (net.vpcId !== svc.alb.vpcId || net.public !== isPublic) {
      // The first service in a VPC fixes the load balancer's VPC and scheme (§3.2); wording UNCONFIRMED.
      throw invalidParameter(`The subnets must be ${isPublic ? 'public' : 'private'} subnets of ${svc.alb.vpcId}, the VPC of the service's load balancer.`);
    }
    next.subnets = net.subnets;
    isPublic = net.public;
  }
  const [oldPort, newPort] = [containerPortOf(ctx, prev), containerPortOf(ctx, next)];
  if (next.healthCheckPath !== prev.healthCheckPath) await setHealthCheckPath(ctx, svc, next.healthCheckPath);
  if (oldPort !== newPort) await changePort(ctx, svc.alb, svc.resources.serviceSecurityGroup.id, oldPort, newPort);
  if (JSON.stringify(next.scalingTarget) !== JSON.stringify(prev.scalingTarget)) {
    await putScaling(ctx, { cluster: svc.clusterName, service: svc.name, scaling: next.scalingTarget, alb: svc.alb, targetGroupArn: svc.resources.targetGroups[0]!.arn, tags: svc.resourceTags, ready: () => ({ after: 0 }) });
  }
  if (!next.customTaskDefinition && taskDefinitionChanged(prev, next)) next.taskDefinitionArn = registerManagedTaskDefinition(ctx, svc.name, next);

  const desired = Math.min(next.scalingTarget.maxTaskCount, Math.max(next.scalingTarget.minTaskCount, underlying.desiredCount));
  updateService(ctx, {
    cluster: svc.clusterName,
    service: svc.name,
    taskDefinition: next.taskDefinitionArn,
    desiredCount: desired,
    networkConfiguration: networkFor(next, svc, { public: isPublic }),
    loadBalancers: loadBalancersFor(svc, newPort),
    forceNewDeployment: true,
  });
  const revisionArn = underlying.deployments[0]!.revision.arn;
  svc.configs.set(revisionArn, next);
  svc.latest = next;
  svc.updatedAt = now;
  return { service: renderUpdatedService(svc, revisionArn, next) };
}

export const expressServiceOperations: OperationTable = {
  CreateExpressGatewayService: createExpress,
  UpdateExpressGatewayService: updateExpress,

  DescribeExpressGatewayService(ctx, input) {
    const svc = lookup(ctx, input, resourceNotFound);
    const include = optStringList(input, 'include') ?? [];
    return { service: renderExpressService(ctx, svc, include.includes('TAGS')) };
  },

  /** DRAINING now, INACTIVE once drained and deprovisioned (lifecycle.ts). Messages from §2.4. */
  DeleteExpressGatewayService(ctx, input) {
    const svc = lookup(ctx, input, serviceNotFound);
    if (svc.status === 'DRAINING') throw new AwsError('ServiceNotActiveException', 'Service is in DRAINING status');
    if (svc.status === 'INACTIVE') throw new AwsError('ServiceNotActiveException', 'Cannot perform this operation on a service in INACTIVE status');
    svc.leftovers = leftoversFor(ctx, svc.name, svc.clusterName);
    beginDeletion(ctx, svc);
    return { service: renderExpressService(ctx, svc, false) };
  },
};

