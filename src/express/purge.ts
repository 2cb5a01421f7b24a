/**
 * Removing what an Express delete left behind (`delete --purge`, `cleanup`): only resources that
 * the report marked purgeable — this service's, tagged `AmazonECSManaged=true`, not part of a
 * shared load balancer — in dependency order (rules before target groups, listeners before the
 * load balancer, the load balancer before its certificate and security groups).
 */
import { DeleteCertificateCommand, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { DeleteScalingPolicyCommand, DeregisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteSecurityGroupCommand } from '@aws-sdk/client-ec2';
import {
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DescribeListenersCommand,
  RemoveListenerCertificatesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../aws/clients.js';
import { awsErrorCode, isNotFound } from '../aws/errors.js';
import { UserInputError } from '../errors.js';
import type { Clock } from '../clock.js';
import type { ReportItem } from './classify.js';
import { policyResourceId } from './probe.js';
import { describeResource, type ManagedResource, type ManagedResourceKind } from './resources.js';

/** The order resources are removed in. */
export const PURGE_ORDER: ManagedResourceKind[] = [
  'scaling-policy',
  'scalable-target',
  'metric-alarm',
  'listener-rule',
  'target-group',
  'listener',
  'load-balancer',
  'certificate',
  'service-security-group',
  'load-balancer-security-group',
  'log-group',
];

/** Errors meaning "still in use, try again shortly" (ENIs detaching, a listener letting go of a certificate). */
const BUSY = new Set(['DependencyViolation', 'ResourceInUse', 'ResourceInUseException']);

/** What happened to one purgeable resource. */
export interface PurgeOutcome {
  resource: ManagedResource;
  deleted: boolean;
  error?: string;
}

/** Options of {@link purgeResources}. */
export interface PurgeOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** The service's Application Auto Scaling resource id (`service/<cluster>/<name>`). */
  scalingId: string;
  /** How long a busy resource is retried (ms), default 60 s. */
  busyRetryMs?: number;
  onDeleted?(r: ManagedResource): Promise<void>;
}

/** Deletes the purgeable items, in {@link PURGE_ORDER}. A failure is reported and the rest go on. */
export async function purgeResources(clients: AwsClients, items: ReportItem[], o: PurgeOptions): Promise<PurgeOutcome[]> {
  const todo = items.filter((i) => i.purgeable).map((i) => i.resource);
  todo.sort((a, b) => PURGE_ORDER.indexOf(a.kind) - PURGE_ORDER.indexOf(b.kind));
  const out: PurgeOutcome[] = [];
  for (const r of todo) {
    const deadline = o.clock.now() + (o.busyRetryMs ?? 60_000);
    for (let wait = 2000; ; wait = Math.min(wait * 2, 15_000)) {
      try {
        await deleteOne(clients, r, o.scalingId);
        out.push({ resource: r, deleted: true });
        await o.onDeleted?.(r);
        break;
      } catch (err) {
        if (isNotFound(err) || /NotFound/.test(awsErrorCode(err) ?? '')) {
          out.push({ resource: r, deleted: true });
          break;
        }
        if (BUSY.has(awsErrorCode(err) ?? '') && o.clock.now() + wait <= deadline) {
          await o.clock.sleep(wait, o.signal);
          continue;
        }
        out.push({ resource: r, deleted: false, error: `${describeResource(r)}: ${(err as Error).message ?? err}` });
        break;
      }
    }
  }
  return out;
}

async function deleteOne(clients: AwsClients, r: ManagedResource, scalingId: string): Promise<void> {
  switch (r.kind) {
    case 'scaling-policy': {
      const aas = await clients.applicationAutoScaling();
      await aas.send(
        new DeleteScalingPolicyCommand({ PolicyName: r.name, ServiceNamespace: 'ecs', ResourceId: policyResourceId(r.arn) ?? scalingId, ScalableDimension: 'ecs:service:DesiredCount' }),
      );
      return;
    }
    case 'scalable-target': {
      const aas = await clients.applicationAutoScaling();
      await aas.send(new DeregisterScalableTargetCommand({ ServiceNamespace: 'ecs', ResourceId: scalingId, ScalableDimension: 'ecs:service:DesiredCount' }));
      return;
    }
    case 'metric-alarm':
      await (await clients.cloudwatch()).send(new DeleteAlarmsCommand({ AlarmNames: [r.name] }));
      return;
    case 'listener-rule':
      await (await clients.elbv2()).send(new DeleteRuleCommand({ RuleArn: r.arn }));
      return;
    case 'target-group':
      await (await clients.elbv2()).send(new DeleteTargetGroupCommand({ TargetGroupArn: r.arn }));
      return;
    case 'listener':
      await (await clients.elbv2()).send(new DeleteListenerCommand({ ListenerArn: r.arn }));
      return;
    case 'load-balancer':
      await (await clients.elbv2()).send(new DeleteLoadBalancerCommand({ LoadBalancerArn: r.arn }));
      return;
    case 'certificate':
      await detachCertificate(clients, r.arn);
      await (await clients.acm()).send(new DeleteCertificateCommand({ CertificateArn: r.arn }));
      return;
    case 'service-security-group':
    case 'load-balancer-security-group':
      await (await clients.ec2()).send(new DeleteSecurityGroupCommand({ GroupId: r.arn.slice(r.arn.lastIndexOf('/') + 1) }));
      return;
    case 'log-group':
      await (await clients.logs()).send(new DeleteLogGroupCommand({ logGroupName: r.name }));
      return;
  }
}

/**
 * A service's certificate sits on the shared HTTPS listener as an extra certificate; ACM refuses
 * to delete it while attached (ResourceInUseException), so it is taken off first. When it is the
 * listener's default certificate, the listener cannot do without it: that is reported, not forced.
 */
async function detachCertificate(clients: AwsClients, arn: string): Promise<void> {
  const cert = (await (await clients.acm()).send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate;
  const elb = await clients.elbv2();
  for (const listenerArn of (cert?.InUseBy ?? []).filter((a) => a.includes(':listener/'))) {
    const listener = (await elb.send(new DescribeListenersCommand({ ListenerArns: [listenerArn] })).catch(() => undefined))?.Listeners?.[0];
    if (!listener) continue;
    if ((listener.Certificates ?? []).some((c) => c.CertificateArn === arn)) {
      throw new UserInputError('EXPRESS_CERTIFICATE_IN_USE', `it is the default certificate of listener ${listenerArn}, which other services still use; ECS replaces it when it next updates the listener`);
    }
    await elb.send(new RemoveListenerCertificatesCommand({ ListenerArn: listenerArn, Certificates: [{ CertificateArn: arn }] }));
  }
}
