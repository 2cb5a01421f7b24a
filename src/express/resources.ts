/**
 * The managed-resource inventory of an Express service, flattened from
 * `ServiceRevision.ecsManagedResources` (DescribeServiceRevisions) into one list. Pure.
 */
import type { ECSManagedResources } from '@aws-sdk/client-ecs';

/** Every kind of resource Express creates for a service (reference express-mode.md §3.1). */
export type ManagedResourceKind =
  | 'load-balancer'
  | 'load-balancer-security-group'
  | 'listener'
  | 'listener-rule'
  | 'target-group'
  | 'certificate'
  | 'service-security-group'
  | 'scalable-target'
  | 'scaling-policy'
  | 'metric-alarm'
  | 'log-group';

/** `PROVISIONING | ACTIVE | DEPROVISIONING | DELETED | FAILED`, as ECS reports it. */
export type ManagedResourceStatus = string;

/** One managed resource, as ECS reports it in a service revision. */
export interface ManagedResource {
  kind: ManagedResourceKind;
  arn: string;
  /** A short, human name: `sg-0abc`, the ALB or target group name, `/aws/ecs/default/web-1a2b`. */
  name: string;
  status: ManagedResourceStatus;
  statusReason?: string;
  /** Server time of the last status change (epoch ms). */
  updatedAt?: number;
  /** The service revision that reported it. */
  revisionArn?: string;
}

/** Human words for each kind, in the order resources are shown (roughly the order ECS builds them). */
export const KIND_LABELS: Record<ManagedResourceKind, string> = {
  'load-balancer': 'load balancer',
  'load-balancer-security-group': 'load balancer security group',
  listener: 'listener',
  'listener-rule': 'listener rule',
  'target-group': 'target group',
  certificate: 'certificate',
  'service-security-group': 'service security group',
  'scalable-target': 'scalable target',
  'scaling-policy': 'scaling policy',
  'metric-alarm': 'alarm',
  'log-group': 'log group',
};

const ORDER = Object.keys(KIND_LABELS) as ManagedResourceKind[];

interface Base {
  arn?: string;
  status?: string;
  statusReason?: string;
  updatedAt?: Date;
}

/**
 * A short name from a resource ARN: the last path segment for security groups and certificates,
 * the name segment for ELBv2 resources, the alarm name, the log group name, the policy name.
 */
export function resourceName(kind: ManagedResourceKind, arn: string): string {
  switch (kind) {
    case 'load-balancer':
    case 'target-group': {
      // arn:…:loadbalancer/app/<name>/<id>, arn:…:targetgroup/<name>/<id>
      const parts = arn.split('/');
      return (kind === 'load-balancer' ? parts[2] : parts[1]) ?? arn;
    }
    case 'listener':
    case 'listener-rule': {
      // arn:…:listener/app/<alb>/<id>/<listener-id>[/<rule-id>]: the ALB name and the last id say enough.
      const parts = arn.split('/');
      return parts.length >= 4 ? `${parts[2]}/…/${parts[parts.length - 1]}` : arn;
    }
    case 'metric-alarm':
      return arn.includes(':alarm:') ? arn.slice(arn.indexOf(':alarm:') + ':alarm:'.length) : arn;
    case 'log-group': {
      const m = /:log-group:(.+?)(:\*)?$/.exec(arn);
      return m ? m[1]! : arn;
    }
    case 'scaling-policy': {
      const i = arn.lastIndexOf(':policyName/');
      return i >= 0 ? arn.slice(i + ':policyName/'.length) : arn;
    }
    default:
      return arn.slice(arn.lastIndexOf('/') + 1);
  }
}

/** `target group web-tg-1a2b (ACTIVE)` style label without the status. */
export function describeResource(r: Pick<ManagedResource, 'kind' | 'name'>): string {
  return `${KIND_LABELS[r.kind]} ${r.name}`;
}

/**
 * Flattens one revision's `ecsManagedResources`. Entries without an ARN (not created yet) are
 * kept with an empty ARN so their PROVISIONING status can still be shown.
 */
export function flattenManagedResources(res: ECSManagedResources | undefined, revisionArn?: string): ManagedResource[] {
  if (!res) return [];
  const out: ManagedResource[] = [];
  const add = (kind: ManagedResourceKind, b: Base | undefined, name?: string) => {
    if (!b) return;
    const arn = b.arn ?? '';
    out.push({
      kind,
      arn,
      name: name ?? (arn ? resourceName(kind, arn) : '(not created yet)'),
      status: b.status ?? 'UNKNOWN',
      ...(b.statusReason ? { statusReason: b.statusReason } : {}),
      ...(b.updatedAt ? { updatedAt: b.updatedAt.getTime() } : {}),
      ...(revisionArn ? { revisionArn } : {}),
    });
  };
  for (const p of res.ingressPaths ?? []) {
    add('load-balancer', p.loadBalancer);
    for (const g of p.loadBalancerSecurityGroups ?? []) add('load-balancer-security-group', g);
    add('listener', p.listener);
    add('listener-rule', p.rule);
    for (const t of p.targetGroups ?? []) add('target-group', t);
    add('certificate', p.certificate, p.certificate?.domainName);
  }
  for (const g of res.serviceSecurityGroups ?? []) add('service-security-group', g);
  const st = res.autoScaling?.scalableTarget;
  add('scalable-target', st, st ? `${st.minCapacity ?? '?'}-${st.maxCapacity ?? '?'} tasks` : undefined);
  for (const p of res.autoScaling?.applicationAutoScalingPolicies ?? []) add('scaling-policy', p);
  for (const a of res.metricAlarms ?? []) add('metric-alarm', a);
  for (const l of res.logGroups ?? []) add('log-group', l, l.logGroupName);
  return out;
}

/** The key a resource is known by across revisions: kind and ARN (or name before it has an ARN). */
export function resourceKey(r: Pick<ManagedResource, 'kind' | 'arn' | 'name'>): string {
  return `${r.kind} ${r.arn || r.name}`;
}

/**
 * Merges the inventories of several revisions (source and target of a deployment), one entry
 * per resource; where two revisions report the same resource, the newer report wins. Sorted by
 * kind, then name.
 */
export function mergeInventories(lists: ManagedResource[][]): ManagedResource[] {
  const byKey = new Map<string, ManagedResource>();
  for (const r of lists.flat()) {
    const k = resourceKey(r);
    const prev = byKey.get(k);
    if (!prev || (r.updatedAt ?? 0) >= (prev.updatedAt ?? 0)) byKey.set(k, r);
  }
  return [...byKey.values()].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
}

/** The endpoints of a service, normalised to `https://host` (ECS returns them without a scheme). */
export function normalizeEndpoint(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  const host = endpoint.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  return host ? `https://${host}` : undefined;
}
