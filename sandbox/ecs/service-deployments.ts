/**
 * ServiceDeployments and ServiceRevisions APIs (reference §4): ListServiceDeployments,
 * DescribeServiceDeployments, DescribeServiceRevisions and StopServiceDeployment. They read the
 * same records as the classic `deployments[]` view, so the two never disagree.
 */
import { AwsError } from '../types.js';
import { parseArn, serviceArn } from './arns.js';
import { breakerThreshold } from './circuit-breaker.js';
import { resolveCluster } from './clusters.js';
import type { EngineContext, OperationTable } from './context.js';
import { isOngoing, requestRollback, revisionCounts } from './deployments.js';
import { conflict, invalidParameter } from './errors.js';
import { clone, compact, optEnum, optList, optObject, optString, optStringList, reqString, secs, type Json } from './input.js';
import { paginate } from './paging.js';
import { requireService } from './services.js';
import type { RevisionRecord, ServiceDeploymentRecord, ServiceRecord } from './store.js';

const t = (ms: number | undefined) => (ms === undefined ? undefined : secs(ms));

function findServiceDeployment(ctx: EngineContext, arn: string): { service: ServiceRecord; sd: ServiceDeploymentRecord } | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.resourceType !== 'service-deployment' || parsed.path.length < 3) return undefined;
  const service = ctx.store.services.get(serviceArn(ctx, parsed.path[0]!, parsed.path[1]!));
  const sd = service?.serviceDeployments.find((x) => x.arn === arn);
  return service && sd ? { service, sd } : undefined;
}

function monitorStatus(sd: ServiceDeploymentRecord, enabled: boolean, triggered: boolean): string {
  if (!enabled) return 'DISABLED';
  if (triggered) return 'TRIGGERED';
  return isOngoing(sd) ? 'MONITORING' : 'MONITORING_COMPLETE';
}

export function renderServiceDeployment(ctx: EngineContext, service: ServiceRecord, sd: ServiceDeploymentRecord): Json {
  const isPrimary = service.deployments[0] === sd.target;
  const target = sd.frozen?.target ?? revisionCounts(ctx, service, sd.target, isPrimary ? service.desiredCount : sd.target.desiredCount);
  const sources =
    sd.frozen?.sources ?? sd.sources.map((d) => revisionCounts(ctx, service, d, service.deployments.includes(d) && d !== service.deployments[0] ? d.desiredCount : 0));
  const cb = sd.deploymentConfiguration.deploymentCircuitBreaker as Json | undefined;
  const alarms = sd.deploymentConfiguration.alarms as Json | undefined;
  return compact({
    serviceDeploymentArn: sd.arn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    createdAt: secs(sd.createdAt),
    startedAt: t(sd.startedAt),
    finishedAt: t(sd.finishedAt),
    stoppedAt: t(sd.stoppedAt),
    updatedAt: secs(sd.updatedAt),
    sourceServiceRevisions: sources,
    targetServiceRevision: target,
    status: sd.status,
    statusReason: sd.statusReason,
    lifecycleStage: sd.lifecycleStage,
    deploymentConfiguration: clone(sd.deploymentConfiguration),
    rollback: sd.rollback
      ? { reason: sd.rollback.reason, startedAt: secs(sd.rollback.startedAt), serviceRevisionArn: sd.rollback.serviceRevisionArn }
      : undefined,
    deploymentCircuitBreaker: compact({
      status: monitorStatus(sd, sd.breaker.enabled, sd.breaker.triggered),
      failureCount: sd.breaker.enabled ? sd.breaker.failureCount : undefined,
      threshold: sd.breaker.enabled ? sd.breaker.threshold || breakerThreshold(cb, service.desiredCount) : undefined,
    }),
    alarms: alarms?.enable
      ? { status: monitorStatus(sd, true, false), alarmNames: clone(alarms.alarmNames as string[]), triggeredAlarmNames: [] }
      : { status: 'DISABLED' },
  });
}

export function renderRevision(rev: RevisionRecord): Json {
  const s = rev.spec;
  return compact({
    serviceRevisionArn: rev.arn,
    serviceArn: rev.serviceArn,
    clusterArn: rev.clusterArn,
    taskDefinition: s.taskDefinition,
    capacityProviderStrategy: clone(s.capacityProviderStrategy),
    launchType: s.launchType,
    platformVersion: s.platformVersion,
    platformFamily: s.platformFamily,
    loadBalancers: clone(s.loadBalancers),
    serviceRegistries: clone(s.serviceRegistries),
    networkConfiguration: clone(s.networkConfiguration),
    containerImages: clone(rev.containerImages),
    guardDutyEnabled: false,
    serviceConnectConfiguration: clone(s.serviceConnectConfiguration),
    volumeConfigurations: clone(s.volumeConfigurations),
    createdAt: secs(rev.createdAt),
    vpcLatticeConfigurations: clone(s.vpcLatticeConfigurations),
  });
}

const STATUSES = ['PENDING', 'SUCCESSFUL', 'STOPPED', 'STOP_REQUESTED', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'];

export const serviceDeploymentOperations: OperationTable = {
  ListServiceDeployments(ctx, input) {
    const cluster = resolveCluster(ctx, optString(input, 'cluster'));
    const service = requireService(ctx, cluster, reqString(input, 'service'));
    const statuses = optList<string>(input, 'status');
    statuses?.forEach((s) => {
      if (!STATUSES.includes(s)) throw invalidParameter(`Invalid status: ${s}.`);
    });
    const createdAt = optObject(input, 'createdAt');
    const after = typeof createdAt?.after === 'number' ? createdAt.after * 1000 : undefined;
    const before = typeof createdAt?.before === 'number' ? createdAt.before * 1000 : undefined;
    // Newest first (sort order UNCONFIRMED, reference §4.2).
    const list = [...service.serviceDeployments]
      .reverse()
      .filter((sd) => !statuses || statuses.length === 0 || statuses.includes(sd.status))
      .filter((sd) => (after === undefined || sd.createdAt >= after) && (before === undefined || sd.createdAt <= before));
    const page = paginate(list, {
      nextToken: optString(input, 'nextToken'),
      maxResults: input.maxResults as number | undefined,
      defaultMax: 20,
      limit: 100,
    });
    return compact({
      serviceDeployments: page.items.map((sd) =>
        compact({
          serviceDeploymentArn: sd.arn,
          serviceArn: sd.serviceArn,
          clusterArn: sd.clusterArn,
          startedAt: t(sd.startedAt),
          createdAt: secs(sd.createdAt),
          finishedAt: t(sd.finishedAt),
          targetServiceRevisionArn: sd.target.revision.arn,
          status: sd.status,
          statusReason: sd.statusReason,
        }),
      ),
      nextToken: page.nextToken,
    });
  },

  DescribeServiceDeployments(ctx, input) {
    const arns = optStringList(input, 'serviceDeploymentArns');
    if (!arns || arns.length === 0) throw invalidParameter('serviceDeploymentArns can not be empty.');
    if (arns.length > 20) throw invalidParameter('serviceDeploymentArns can have at most 20 items.');
    const serviceDeployments: Json[] = [];
    const failures: Json[] = [];
    for (const arn of arns) {
      const found = findServiceDeployment(ctx, arn);
      if (found) serviceDeployments.push(renderServiceDeployment(ctx, found.service, found.sd));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { serviceDeployments, failures };
  },

  DescribeServiceRevisions(ctx, input) {
    const arns = optStringList(input, 'serviceRevisionArns');
    if (!arns || arns.length === 0) throw invalidParameter('serviceRevisionArns can not be empty.');
    if (arns.length > 20) throw invalidParameter('serviceRevisionArns can have at most 20 items.');
    const serviceRevisions: Json[] = [];
    const failures: Json[] = [];
    for (const arn of arns) {
      const rev = ctx.store.revisions.get(arn);
      if (rev) serviceRevisions.push(renderRevision(rev));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { serviceRevisions, failures };
  },

  /**
   * Only ROLLBACK is documented as valid (reference §4.2). Allowed from PENDING/IN_PROGRESS;
   * a deployment already rolling back or stopping keeps doing so. Conflict messages UNCONFIRMED.
   */
  StopServiceDeployment(ctx, input) {
    const arn = reqString(input, 'serviceDeploymentArn');
    const stopType = optEnum(input, 'stopType', ['ABORT', 'ROLLBACK'] as const) ?? 'ROLLBACK';
    const found = findServiceDeployment(ctx, arn);
    if (!found) throw new AwsError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');
    if (stopType === 'ABORT') throw invalidParameter('The stop type ABORT is not supported. Use ROLLBACK.');
    const { service, sd } = found;
    if (['STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'].includes(sd.status)) return { serviceDeploymentArn: arn };
    if (!['PENDING', 'IN_PROGRESS'].includes(sd.status)) {
      throw conflict(`The service deployment is in ${sd.status} status and cannot be stopped.`);
    }
    if (!service.lastCompleted || service.lastCompleted === sd.target) {
      throw conflict('The service deployment cannot be rolled back because there is no previous service revision.');
    }
    requestRollback(ctx, service, sd);
    return { serviceDeploymentArn: arn };
  },
};
