/**
 * Does each inventoried managed resource still exist? Asked of the services that own them
 * (ELBv2, EC2, ACM, CloudWatch, Application Auto Scaling, CloudWatch Logs), with their tags, and
 * for a load balancer, what else still uses it. Read-only.
 */
import { DescribeCertificateCommand, ListTagsForCertificateCommand } from '@aws-sdk/client-acm';
import { DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand, ListTagsForResourceCommand as AasTags } from '@aws-sdk/client-application-auto-scaling';
import { DescribeAlarmsCommand, ListTagsForResourceCommand as CwTags } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand, ListTagsForResourceCommand as LogsTags } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../aws/clients.js';
import { awsErrorCode, isNotFound } from '../aws/errors.js';
import type { ManagedResource } from './resources.js';

/** What a probe found out about one resource. */
export interface ProbeResult {
  /** undefined when the check itself failed (`error`). */
  exists: boolean | undefined;
  tags?: Record<string, string>;
  /** Load balancer: rules and target groups on it that are not this service's. */
  usedBy?: string[];
  error?: string;
}

const NOT_FOUND = /NotFound|NoSuchEntity|ResourceNotFound/;

function gone(err: unknown): boolean {
  return isNotFound(err) || NOT_FOUND.test(awsErrorCode(err) ?? '');
}

const toMap = (tags: { Key?: string; Value?: string; key?: string; value?: string }[] | undefined) =>
  Object.fromEntries((tags ?? []).map((t) => [t.Key ?? t.key ?? '', t.Value ?? t.value ?? '']));

/** `service/<cluster>/<service>`: the Application Auto Scaling resource id of an ECS service. */
export function scalingResourceId(cluster: string, service: string): string {
  return `service/${cluster.slice(cluster.lastIndexOf('/') + 1)}/${service}`;
}

/** The Application Auto Scaling resource id inside a scaling policy ARN (`…:resource/ecs/service/c/s:policyName/n`). */
export function policyResourceId(arn: string): string | undefined {
  return /:resource\/ecs\/(.+?):policyName\//.exec(arn)?.[1];
}

/**
 * Probes every resource of `inventory`. `mine` are the ARNs of this service's resources (its
 * inventory), so that a load balancer's own rules and target groups do not count as other users.
 */
export async function probeResources(clients: AwsClients, inventory: ManagedResource[], scalingId: string): Promise<Map<ManagedResource, ProbeResult>> {
  const mine = new Set(inventory.map((r) => r.arn).filter(Boolean));
  const out = new Map<ManagedResource, ProbeResult>();
  for (const r of inventory) {
    if (!r.arn && r.kind !== 'log-group') {
      out.set(r, { exists: false });
      continue;
    }
    try {
      out.set(r, await probeOne(clients, r, mine, scalingId));
    } catch (err) {
      out.set(r, gone(err) ? { exists: false } : { exists: undefined, error: (err as Error).message ?? String(err) });
    }
  }
  return out;
}

async function probeOne(clients: AwsClients, r: ManagedResource, mine: Set<string>, scalingId: string): Promise<ProbeResult> {
  switch (r.kind) {
    case 'load-balancer': {
      const elb = await clients.elbv2();
      const lb = (await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [r.arn] }))).LoadBalancers?.[0];
      if (!lb) return { exists: false };
      const usedBy: string[] = [];
      for (const l of (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: r.arn }))).Listeners ?? []) {
        for (const rule of (await elb.send(new DescribeRulesCommand({ ListenerArn: l.ListenerArn }))).Rules ?? []) {
          if (!rule.IsDefault && rule.RuleArn && !mine.has(rule.RuleArn)) usedBy.push(rule.RuleArn);
        }
      }
      // moto answers TargetGroupNotFound for a load balancer without target groups (AWS: an empty list).
      const tgs = await elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: r.arn })).catch((err) => {
        if (awsErrorCode(err) === 'TargetGroupNotFound') return { TargetGroups: [] };
        throw err;
      });
      for (const tg of tgs.TargetGroups ?? []) {
        if (tg.TargetGroupArn && !mine.has(tg.TargetGroupArn)) usedBy.push(tg.TargetGroupArn);
      }
      return { exists: true, tags: await elbTags(clients, r.arn), usedBy };
    }
    case 'listener': {
      const elb = await clients.elbv2();
      const found = (await elb.send(new DescribeListenersCommand({ ListenerArns: [r.arn] }))).Listeners?.length;
      return found ? { exists: true, tags: await elbTags(clients, r.arn) } : { exists: false };
    }
    case 'listener-rule': {
      const elb = await clients.elbv2();
      const found = (await elb.send(new DescribeRulesCommand({ RuleArns: [r.arn] }))).Rules?.length;
      return found ? { exists: true, tags: await elbTags(clients, r.arn) } : { exists: false };
    }
    case 'target-group': {
      const elb = await clients.elbv2();
      const found = (await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [r.arn] }))).TargetGroups?.length;
      return found ? { exists: true, tags: await elbTags(clients, r.arn) } : { exists: false };
    }
    case 'certificate': {
      const acm = await clients.acm();
      const c = (await acm.send(new DescribeCertificateCommand({ CertificateArn: r.arn }))).Certificate;
      if (!c) return { exists: false };
      return { exists: true, tags: toMap((await acm.send(new ListTagsForCertificateCommand({ CertificateArn: r.arn }))).Tags), usedBy: c.InUseBy ?? [] };
    }
    case 'service-security-group':
    case 'load-balancer-security-group': {
      const ec2 = await clients.ec2();
      const id = r.arn.slice(r.arn.lastIndexOf('/') + 1);
      const g = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups?.[0];
      return g ? { exists: true, tags: toMap(g.Tags) } : { exists: false };
    }
    case 'scalable-target': {
      const aas = await clients.applicationAutoScaling();
      const t = (await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [scalingId] }))).ScalableTargets ?? [];
      const hit = t.find((x) => !x.ScalableTargetARN || x.ScalableTargetARN === r.arn);
      return hit ? { exists: true, tags: await aasTags(clients, hit.ScalableTargetARN ?? r.arn) } : { exists: false };
    }
    case 'scaling-policy': {
      const aas = await clients.applicationAutoScaling();
      const resourceId = policyResourceId(r.arn) ?? scalingId;
      const p = (await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: resourceId }))).ScalingPolicies ?? [];
      return p.some((x) => x.PolicyARN === r.arn || x.PolicyName === r.name) ? { exists: true } : { exists: false };
    }
    case 'metric-alarm': {
      const cw = await clients.cloudwatch();
      const a = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [r.name] }))).MetricAlarms?.[0];
      if (!a) return { exists: false };
      return { exists: true, tags: toMap((await cw.send(new CwTags({ ResourceARN: a.AlarmArn ?? r.arn }))).Tags) };
    }
    case 'log-group': {
      const logs = await clients.logs();
      const g = ((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: r.name }))).logGroups ?? []).find((x) => x.logGroupName === r.name);
      if (!g) return { exists: false };
      const arn = (g.arn ?? r.arn).replace(/:\*$/, '');
      const tags = await logs.send(new LogsTags({ resourceArn: arn })).then((t) => t.tags ?? {}, () => undefined);
      return { exists: true, ...(tags ? { tags } : {}) };
    }
  }
}

async function elbTags(clients: AwsClients, arn: string): Promise<Record<string, string>> {
  const elb = await clients.elbv2();
  return toMap((await elb.send(new DescribeTagsCommand({ ResourceArns: [arn] }))).TagDescriptions?.[0]?.Tags);
}

async function aasTags(clients: AwsClients, arn: string): Promise<Record<string, string> | undefined> {
  const aas = await clients.applicationAutoScaling();
  return aas.send(new AasTags({ ResourceARN: arn })).then((t) => t.Tags ?? {}, () => undefined);
}
