/**
 * Reading an Express service: DescribeServices (status, ARN, whether it is Express),
 * DescribeExpressGatewayService (configuration, endpoint, tags) and DescribeServiceRevisions
 * (the managed-resource inventory). Raw SDK errors escape; callers map them at the action edge.
 */
import {
  DescribeExpressGatewayServiceCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  type ECSClient,
  type ECSExpressGatewayService,
  type Service,
  type ServiceRevision,
} from '@aws-sdk/client-ecs';
import { awsErrorCode, isNotFound } from '../aws/errors.js';
import { currentExpressConfiguration } from '../diff/index.js';
import type { ExpressRef } from './plan.js';
import { flattenManagedResources, mergeInventories, normalizeEndpoint, type ManagedResource } from './resources.js';

/** DescribeServices for the config's service (with tags); undefined when ECS reports it MISSING. */
export async function describeServiceByName(ecs: ECSClient, ref: ExpressRef): Promise<Service | undefined> {
  try {
    const out = await ecs.send(new DescribeServicesCommand({ cluster: ref.cluster, services: [ref.service], include: ['TAGS'] }));
    return out.services?.[0];
  } catch (err) {
    // No cluster means no service either: deploy creates it (Express creates the default cluster).
    if (awsErrorCode(err) === 'ClusterNotFoundException') return undefined;
    throw err;
  }
}

/** True for the ways Express says "no such service" (reference §2.4). */
export function isExpressNotFound(err: unknown): boolean {
  if (isNotFound(err)) return true;
  const msg = (err as { message?: string } | undefined)?.message ?? '';
  return awsErrorCode(err) === 'InvalidParameterException' && /resource not found/i.test(msg);
}

/** DescribeExpressGatewayService with tags; undefined when the service is not found. */
export async function describeExpress(ecs: ECSClient, serviceArn: string): Promise<ECSExpressGatewayService | undefined> {
  try {
    const out = await ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn, include: ['TAGS'] }));
    return out.service;
  } catch (err) {
    if (isExpressNotFound(err)) return undefined;
    throw err;
  }
}

/** Revision ARNs of the active configurations, newest first. */
export function activeRevisionArns(svc: ECSExpressGatewayService | undefined): string[] {
  return [...(svc?.activeConfigurations ?? [])]
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
    .map((c) => c.serviceRevisionArn)
    .filter((a): a is string => Boolean(a));
}

/** The service's public endpoints (`https://…`) from the current configuration. */
export function endpointsOf(svc: ECSExpressGatewayService | undefined): string[] {
  const config = svc ? currentExpressConfiguration(svc) : undefined;
  const all = [config, ...(svc?.activeConfigurations ?? [])].flatMap((c) => c?.ingressPaths ?? []);
  return [...new Set(all.map((p) => normalizeEndpoint(p.endpoint)).filter((e): e is string => Boolean(e)))];
}

/**
 * DescribeServiceRevisions for the given ARNs (20 per call, the API's limit). Revisions ECS
 * reports as MISSING are skipped: right after a change they may not be readable yet (the AWS
 * CLI's monitor ignores them too). For a service that is already INACTIVE ECS refuses the call
 * ("Cannot call DescribeServiceRevisions for a service that is INACTIVE"): that gives [].
 */
export async function describeRevisions(ecs: ECSClient, arns: string[]): Promise<ServiceRevision[]> {
  const out: ServiceRevision[] = [];
  for (let i = 0; i < arns.length; i += 20) {
    try {
      const r = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: arns.slice(i, i + 20) }));
      out.push(...(r.serviceRevisions ?? []));
    } catch (err) {
      const msg = (err as { message?: string } | undefined)?.message ?? '';
      if (awsErrorCode(err) === 'InvalidParameterException' && /INACTIVE/.test(msg)) return out;
      throw err;
    }
  }
  return out;
}

/** The merged managed-resource inventory of the given revisions. */
export async function readInventory(ecs: ECSClient, revisionArns: string[]): Promise<ManagedResource[]> {
  const revisions = await describeRevisions(ecs, revisionArns);
  return mergeInventories(revisions.map((r) => flattenManagedResources(r.ecsManagedResources, r.serviceRevisionArn)));
}
