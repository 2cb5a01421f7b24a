/**
 * Output shapes: ECSExpressGatewayService (Create/Describe/Delete), UpdatedExpressGatewayService
 * (Update) and ServiceRevision.ecsManagedResources (DescribeServiceRevisions), express-mode.md
 * §2.1, §2.3 and Appendix A.
 *
 * `status.statusCode` is ACTIVE right after Create: it does not mean ready (§5.1).
 * `activeConfigurations` has one entry per revision that runs tasks, so two during a deployment
 * (the target first), none once the service is INACTIVE.
 */
import type { EngineContext } from '../context.js';
import { currentServiceDeployment } from '../deployments.js';
import { clone, compact, secs, type Json } from '../input.js';
import { renderConfig } from './config.js';
import { predefinedMetric } from './resources.js';
import { statusAt, type ExpressConfig, type ExpressService, type ManagedResource } from './store.js';
import { containerPortOf } from './task-definition.js';

const status = (svc: ExpressService) => compact({ statusCode: svc.status, statusReason: svc.statusReason });

export function renderExpressService(ctx: EngineContext, svc: ExpressService, includeTags = false): Json {
  const underlying = ctx.store.services.get(svc.arn);
  const configurations: Json[] = [];
  if (svc.status !== 'INACTIVE') {
    for (const dep of underlying?.deployments ?? []) {
      const cfg = svc.configs.get(dep.revision.arn);
      if (cfg) configurations.push(renderConfig(svc, dep.revision.arn, cfg));
    }
  }
  return compact({
    cluster: svc.clusterArn,
    serviceName: svc.name,
    serviceArn: svc.arn,
    infrastructureRoleArn: svc.infrastructureRoleArn,
    status: status(svc),
    currentDeployment: underlying ? currentServiceDeployment(underlying)?.arn : undefined,
    activeConfigurations: configurations,
    tags: includeTags ? clone(underlying?.tags ?? []) : undefined,
    createdAt: secs(svc.createdAt),
    updatedAt: secs(svc.updatedAt),
  });
}

/** UpdateExpressGatewayService's answer: the pending revision as `targetConfiguration` (§5.2). */
export function renderUpdatedService(svc: ExpressService, revisionArn: string, cfg: ExpressConfig): Json {
  return compact({
    serviceArn: svc.arn,
    cluster: svc.clusterArn,
    serviceName: svc.name,
    status: status(svc),
    targetConfiguration: renderConfig(svc, revisionArn, cfg),
    createdAt: secs(svc.createdAt),
    updatedAt: secs(svc.updatedAt),
  });
}

/** ECSManagedResources as of now: each resource with its status on the simulated timeline. */
export function renderManagedResources(ctx: EngineContext, svc: ExpressService, cfg: ExpressConfig): Json {
  const now = ctx.now();
  const base = (r: ManagedResource) => {
    const phase = statusAt(r, now);
    return compact({ arn: r.arn, status: phase.status, statusReason: phase.reason, updatedAt: secs(phase.at) });
  };
  const { alb, resources: r } = svc;
  const port = containerPortOf(ctx, cfg);
  return compact({
    ingressPaths: [
      compact({
        accessType: svc.accessType,
        endpoint: `https://${svc.host}`,
        loadBalancer: { ...base(alb.loadBalancer), scheme: alb.scheme, subnetIds: [...alb.subnets], securityGroupIds: [alb.securityGroup.id] },
        loadBalancerSecurityGroups: [base(alb.securityGroup)],
        certificate: { ...base(r.certificate), domainName: svc.host },
        listener: alb.listener ? base(alb.listener) : undefined,
        rule: base(r.rule),
        targetGroups: r.targetGroups.map((tg) => ({ ...base(tg), healthCheckPath: cfg.healthCheckPath, healthCheckPort: port, port })),
      }),
    ],
    autoScaling: {
      scalableTarget: { ...base(r.scalableTarget), minCapacity: cfg.scalingTarget.minTaskCount, maxCapacity: cfg.scalingTarget.maxTaskCount },
      applicationAutoScalingPolicies: [
        {
          ...base(r.scalingPolicy),
          policyType: 'TargetTrackingScaling',
          targetValue: cfg.scalingTarget.autoScalingTargetValue,
          metric: predefinedMetric(cfg.scalingTarget.autoScalingMetric),
        },
      ],
    },
    metricAlarms: [base(r.metricAlarm)],
    serviceSecurityGroups: [base(r.serviceSecurityGroup)],
    logGroups: r.logGroup ? [{ ...base(r.logGroup), logGroupName: r.logGroup.id }] : [],
  });
}
