/**
 * Finding an Express service's leftovers when ECS no longer tells its inventory (the service is
 * INACTIVE: DescribeServiceRevisions refuses). Ownership must be certain, so only these count:
 * - the scalable target and scaling policies of `service/<cluster>/<name>` (the id is the service);
 * - resources tagged `AmazonECSManaged=true` whose tags name this service (its ARN, or its
 *   cluster and name);
 * - log groups named `/aws/ecs/<cluster>/<name>-<suffix>` (Express's naming), for --purge-logs.
 */
import { ListCertificatesCommand, ListTagsForCertificateCommand } from '@aws-sdk/client-acm';
import { DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeAlarmsCommand, ListTagsForResourceCommand as CwTags } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeRulesCommand, DescribeTagsCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../aws/clients.js';
import { MANAGED_TAG } from './classify.js';
import type { ExpressRef } from './plan.js';
import { scalingResourceId } from './probe.js';
import { mergeInventories, resourceName, type ManagedResource, type ManagedResourceKind } from './resources.js';

/**
 * True when tags mark a resource as Express-managed and name this service: a tag value that is
 * the service ARN (`…:service/<cluster>/<name>`), or service-name and cluster-name tags. Pure.
 */
export function belongsToService(tags: Record<string, string>, ref: ExpressRef): boolean {
  if (tags[MANAGED_TAG] !== 'true') return false;
  const cluster = ref.cluster.slice(ref.cluster.lastIndexOf('/') + 1);
  const values = Object.values(tags);
  if (values.some((v) => v.endsWith(`:service/${cluster}/${ref.service}`))) return true;
  const by = (re: RegExp) => Object.entries(tags).find(([k]) => re.test(k))?.[1];
  const name = by(/service-?name$/i);
  const clusterTag = by(/cluster(-?name)?$/i);
  return name === ref.service && (clusterTag === undefined || clusterTag === cluster || clusterTag.endsWith(`:cluster/${cluster}`));
}

const toMap = (tags: { Key?: string; Value?: string }[] | undefined) => Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

/** Searches every kind; a kind whose API fails is skipped (the report then simply lacks it). */
export async function discoverLeftovers(clients: AwsClients, ref: ExpressRef): Promise<ManagedResource[]> {
  const found: ManagedResource[] = [];
  const add = (kind: ManagedResourceKind, arn: string, name?: string) => found.push({ kind, arn, name: name ?? resourceName(kind, arn), status: 'UNKNOWN' });
  const tries = [scaling, elb, groups, certificates, alarms, logGroups];
  for (const t of tries) await t(clients, ref, add).catch(() => undefined);
  return mergeInventories([found]);
}

type Add = (kind: ManagedResourceKind, arn: string, name?: string) => void;

async function scaling(clients: AwsClients, ref: ExpressRef, add: Add): Promise<void> {
  const aas = await clients.applicationAutoScaling();
  const id = scalingResourceId(ref.cluster, ref.service);
  for (const t of (await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [id] }))).ScalableTargets ?? []) {
    add('scalable-target', t.ScalableTargetARN ?? id, id);
  }
  for (const p of (await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: id }))).ScalingPolicies ?? []) {
    if (p.PolicyARN) add('scaling-policy', p.PolicyARN, p.PolicyName);
  }
}

async function elb(clients: AwsClients, ref: ExpressRef, add: Add): Promise<void> {
  const api = await clients.elbv2();
  const tagsOf = async (arns: string[]) => {
    const m = new Map<string, Record<string, string>>();
    for (let i = 0; i < arns.length; i += 20) {
      for (const d of (await api.send(new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) }))).TagDescriptions ?? []) m.set(d.ResourceArn ?? '', toMap(d.Tags));
    }
    return m;
  };
  const lbs = ((await api.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).map((l) => l.LoadBalancerArn!).filter(Boolean);
  const tgs = ((await api.send(new DescribeTargetGroupsCommand({})).catch(() => ({ TargetGroups: [] }))).TargetGroups ?? []).map((t) => t.TargetGroupArn!).filter(Boolean);
  const listeners: string[] = [];
  const rules: string[] = [];
  for (const lb of lbs) {
    for (const l of (await api.send(new DescribeListenersCommand({ LoadBalancerArn: lb }))).Listeners ?? []) {
      if (!l.ListenerArn) continue;
      listeners.push(l.ListenerArn);
      for (const r of (await api.send(new DescribeRulesCommand({ ListenerArn: l.ListenerArn }))).Rules ?? []) if (r.RuleArn && !r.IsDefault) rules.push(r.RuleArn);
    }
  }
  const tags = await tagsOf([...lbs, ...tgs, ...listeners, ...rules]);
  const mine = (arn: string) => belongsToService(tags.get(arn) ?? {}, ref);
  for (const a of lbs.filter(mine)) add('load-balancer', a);
  for (const a of tgs.filter(mine)) add('target-group', a);
  for (const a of listeners.filter(mine)) add('listener', a);
  for (const a of rules.filter(mine)) add('listener-rule', a);
}

async function groups(clients: AwsClients, ref: ExpressRef, add: Add): Promise<void> {
  const ec2 = await clients.ec2();
  const out = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: `tag:${MANAGED_TAG}`, Values: ['true'] }] }));
  for (const g of out.SecurityGroups ?? []) {
    if (!g.GroupId || !belongsToService(toMap(g.Tags), ref)) continue;
    const lb = /load.?balancer|alb/i.test(`${g.GroupName ?? ''} ${g.Description ?? ''}`);
    add(lb ? 'load-balancer-security-group' : 'service-security-group', g.SecurityGroupArn ?? `arn:aws:ec2:::security-group/${g.GroupId}`, g.GroupId);
  }
}

async function certificates(clients: AwsClients, ref: ExpressRef, add: Add): Promise<void> {
  const acm = await clients.acm();
  for (const c of (await acm.send(new ListCertificatesCommand({}))).CertificateSummaryList ?? []) {
    if (!c.CertificateArn) continue;
    const tags = toMap((await acm.send(new ListTagsForCertificateCommand({ CertificateArn: c.CertificateArn }))).Tags);
    if (belongsToService(tags, ref)) add('certificate', c.CertificateArn, c.DomainName);
  }
}

async function alarms(clients: AwsClients, ref: ExpressRef, add: Add): Promise<void> {
  const cw = await clients.cloudwatch();
  for (const a of (await cw.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? []) {
    if (!a.AlarmArn) continue;
    const tags = toMap((await cw.send(new CwTags({ ResourceARN: a.AlarmArn }))).Tags);
    if (belongsToService(tags, ref)) add('metric-alarm', a.AlarmArn, a.AlarmName);
  }
}

async function logGroups(clients: AwsClients, ref: ExpressRef, add: Add): Promise<void> {
  const cluster = ref.cluster.slice(ref.cluster.lastIndexOf('/') + 1);
  const prefix = `/aws/ecs/${cluster}/${ref.service}-`;
  const logs = await clients.logs();
  for (const g of (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix }))).logGroups ?? []) {
    // `web-1a2b` is web's; `web-api-1a2b` is web-api's.
    if (g.logGroupName && /^[0-9A-Za-z]+$/.test(g.logGroupName.slice(prefix.length))) add('log-group', g.arn ?? g.logGroupName, g.logGroupName);
  }
}
