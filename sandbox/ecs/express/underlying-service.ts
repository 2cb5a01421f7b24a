/**
 * The ECS service behind an Express service (express-mode.md §3.1 item 3): REPLICA, Fargate
 * capacity provider (base 1, weight 1), platform LATEST, ECS-managed tags propagated from the
 * service, health-check grace period 300 s, `resourceManagementType` ECS, and CANARY deployments:
 * 5 % of traffic, 3-minute canary bake, 3-minute bake, rolled back by the managed alarm (§3.5)
 * or the circuit breaker. Also: the cluster it lands in, the endpoint host, and the IAM check.
 */
import { randomBytes } from 'node:crypto';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { AwsError } from '../../types.js';
import { clusterNameFrom, parseArn } from '../arns.js';
import { FARGATE_PROVIDERS, resolveCluster } from '../clusters.js';
import type { EngineContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import type { Json } from '../input.js';
import type { ClusterRecord, Tag } from '../store.js';
import { aws, errorName } from './aws.js';
import type { ResolvedNetwork } from './network.js';
import { assumeRoleFails, expressTiming } from './scenarios.js';
import type { ExpressConfig, ExpressService } from './store.js';
import { MAIN } from './task-definition.js';

/**
 * The Express cluster: `default` is created when missing, "with the Fargate capacity provider"
 * (§3.1 item 1); a named cluster must exist. Either gets the Fargate providers if it lacks them.
 */
export function expressCluster(ctx: EngineContext, ref: string | undefined): ClusterRecord {
  const cluster = resolveCluster(ctx, ref === undefined ? 'default' : clusterNameFrom(ref));
  for (const p of FARGATE_PROVIDERS) if (!cluster.capacityProviders.includes(p)) cluster.capacityProviders.push(p);
  return cluster;
}

/** `<first 2 chars of the name>-<32 hex>.ecs.<region>.on.aws`, new on every create (§0 item 5, §3.4). */
export function endpointHost(serviceName: string, region: string): string {
  const prefix = serviceName.toLowerCase().replace(/[^a-z0-9]/g, 'x').padEnd(2, 'x').slice(0, 2);
  return `${prefix}-${randomBytes(16).toString('hex')}.ecs.${region}.on.aws`;
}

/**
 * The infrastructure role must exist (moto's IAM; policies are not evaluated). ECS cannot assume
 * a role that does not exist, which looks to callers like the IAM-propagation failure
 * `AccessDeniedException: Cannot assume role` (§2.4); the rest of the wording is UNCONFIRMED.
 */
export async function checkInfrastructureRole(ctx: EngineContext, roleArn: string, service: string, cluster: string): Promise<void> {
  const arn = parseArn(roleArn);
  if (!arn || arn.service !== 'iam' || arn.resourceType !== 'role') throw invalidParameter(`Invalid infrastructureRoleArn: ${roleArn}.`);
  const denied = () => new AwsError('AccessDeniedException', `Cannot assume role ${roleArn}. Check that the role exists and that its trust policy allows ecs.amazonaws.com.`);
  if (assumeRoleFails(ctx, service, cluster)) throw denied();
  try {
    await aws(ctx).iam.send(new GetRoleCommand({ RoleName: arn.path[arn.path.length - 1] }));
  } catch (e) {
    if (errorName(e) === 'NoSuchEntityException' || errorName(e) === 'NoSuchEntity') throw denied();
    throw e;
  }
}

/** Whole minutes for the API (the model's bake times are integers). */
const minutes = (seconds: number) => Math.max(0, Math.round(seconds / 60));

export function expressDeploymentConfiguration(ctx: EngineContext, alarmName: string): Json {
  return {
    strategy: 'CANARY',
    canaryConfiguration: { canaryPercent: 5.0, canaryBakeTimeInMinutes: minutes(expressTiming(ctx, 'expressCanaryBake')) },
    bakeTimeInMinutes: minutes(expressTiming(ctx, 'expressBake')),
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    deploymentCircuitBreaker: { enable: true, rollback: true },
    alarms: { alarmNames: [alarmName], enable: true, rollback: true },
  };
}

export function networkFor(cfg: ExpressConfig, svc: Pick<ExpressService, 'resources'>, net: Pick<ResolvedNetwork, 'public'>): Json {
  return {
    awsvpcConfiguration: {
      subnets: [...cfg.subnets],
      securityGroups: [...cfg.securityGroups, svc.resources.serviceSecurityGroup.id],
      // Public subnets get public IPs; the API has no knob for it (§3.2).
      assignPublicIp: net.public ? 'ENABLED' : 'DISABLED',
    },
  };
}

export function loadBalancersFor(svc: Pick<ExpressService, 'resources' | 'infrastructureRoleArn'>, port: number): Json[] {
  const [blue, green] = svc.resources.targetGroups;
  return [
    {
      targetGroupArn: blue!.arn,
      containerName: MAIN,
      containerPort: port,
      advancedConfiguration: { alternateTargetGroupArn: green!.arn, productionListenerRule: svc.resources.rule.arn, roleArn: svc.infrastructureRoleArn },
    },
  ];
}

/** CreateService input for the underlying service. */
export function createServiceInput(
  ctx: EngineContext,
  p: { svc: Pick<ExpressService, 'name' | 'clusterName' | 'resources' | 'infrastructureRoleArn'>; cfg: ExpressConfig; net: ResolvedNetwork; port: number; tags: Tag[] },
): Json {
  return {
    cluster: p.svc.clusterName,
    serviceName: p.svc.name,
    taskDefinition: p.cfg.taskDefinitionArn,
    desiredCount: p.cfg.scalingTarget.minTaskCount,
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }],
    platformVersion: 'LATEST',
    networkConfiguration: networkFor(p.cfg, p.svc, p.net),
    loadBalancers: loadBalancersFor(p.svc, p.port),
    deploymentConfiguration: expressDeploymentConfiguration(ctx, p.svc.resources.metricAlarm.id),
    healthCheckGracePeriodSeconds: 300,
    enableECSManagedTags: true,
    propagateTags: 'SERVICE',
    availabilityZoneRebalancing: 'ENABLED',
    tags: p.tags,
  };
}
