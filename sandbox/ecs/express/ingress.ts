/**
 * The ingress path of Express services, in moto (express-mode.md §3.1 items 4–5, §3.3, §5.4):
 *
 * - one ALB per VPC and scheme (`ecs-express-gateway-alb-<random>`), shared by up to 25
 *   services, with its own security group (HTTPS in) and one HTTPS:443 listener;
 * - per service: an ACM certificate for its host, added to the listener; a host-header rule;
 *   two IP target groups (blue/green), the rule forwarding between them.
 *
 * Deleting a service removes its rule, target groups and certificate; the ALB goes only when no
 * service (Express or not) uses it any more. Everything carries `AmazonECSManaged=true`.
 */
import { randomBytes } from 'node:crypto';
import { DeleteCertificateCommand, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DeleteSecurityGroupCommand } from '@aws-sdk/client-ec2';
import {
  AddListenerCertificatesCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DescribeRulesCommand,
  ModifyListenerCommand,
  ModifyTargetGroupCommand,
  RemoveListenerCertificatesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EngineContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import type { Tag } from '../store.js';
import { aws, errorName, tolerate } from './aws.js';
import type { ResolvedNetwork } from './network.js';
import { addPhase, MANAGED_TAG, newResource, type ExpressService, type ExpressState, type ManagedKind, type ManagedResource, type SharedAlb } from './store.js';

/** Seconds until a new resource of `kind` is ACTIVE, or undefined (and why) when it stays PROVISIONING. */
export type Readiness = (kind: ManagedKind) => { after?: number; reason?: string };

const ALBS_PER_SERVICE_LIMIT = 25;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
export const awsTags = (tags: Tag[]) => tags.map((t) => ({ Key: t.key, Value: t.value }));

function resource(ctx: EngineContext, kind: ManagedKind, arn: string, id: string, ready: Readiness): ManagedResource {
  const r = ready(kind);
  return newResource(kind, arn, id, ctx.now(), r.after, r.reason);
}

/** An ALB for the service's VPC and scheme with room left, or a new one. */
export async function acquireAlb(ctx: EngineContext, st: ExpressState, net: ResolvedNetwork, ready: Readiness): Promise<SharedAlb> {
  const scheme = net.public ? 'internet-facing' : 'internal';
  const found = st.albs.find((a) => !a.deleted && a.vpcId === net.vpcId && a.scheme === scheme && a.services.size < ALBS_PER_SERVICE_LIMIT);
  if (found) return found;
  const { ec2, elb } = aws(ctx);
  const name = `ecs-express-gateway-alb-${hex(4)}`;
  const sg = await ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: name,
      Description: 'Amazon ECS Express Mode load balancer',
      VpcId: net.vpcId,
      TagSpecifications: [{ ResourceType: 'security-group', Tags: awsTags([MANAGED_TAG]) }],
    }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sg.GroupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
  let lb;
  try {
    lb = await elb.send(
      new CreateLoadBalancerCommand({ Name: name, Subnets: net.subnets, SecurityGroups: [sg.GroupId!], Scheme: scheme, Type: 'application', Tags: awsTags([MANAGED_TAG]) }),
    );
  } catch (e) {
    await tolerate(ctx, 'delete unused load balancer security group', ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId })));
    // e.g. "At least two subnets in two different Availability Zones must be specified".
    if (errorName(e) === 'ValidationError' || errorName(e) === 'InvalidSubnet') throw invalidParameter((e as Error).message);
    throw e;
  }
  const arn = lb.LoadBalancers![0]!.LoadBalancerArn!;
  const sgArn = sg.SecurityGroupArn ?? `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${sg.GroupId}`;
  const alb: SharedAlb = {
    vpcId: net.vpcId,
    scheme,
    subnets: net.subnets,
    loadBalancer: resource(ctx, 'loadBalancer', arn, name, ready),
    securityGroup: resource(ctx, 'loadBalancerSecurityGroup', sgArn, sg.GroupId!, ready),
    services: new Set(),
    nextPriority: 1,
  };
  st.albs.push(alb);
  return alb;
}

const targetGroupName = (service: string, i: number) => `ecs-gw-${service.replace(/[^a-zA-Z0-9-]/g, '-').slice(0, 16)}-${'ab'[i]}${hex(3)}`;

export interface IngressInput {
  serviceArn: string;
  name: string;
  host: string;
  port: number;
  healthCheckPath: string;
  tags: Tag[];
  ready: Readiness;
}

/** Certificate, target groups, listener (first service) and host-header rule of one service. */
export async function attachIngress(ctx: EngineContext, alb: SharedAlb, p: IngressInput): Promise<{ certificate: ManagedResource; rule: ManagedResource; targetGroups: ManagedResource[] }> {
  const { acm, elb } = aws(ctx);
  const newTargetGroup = async (i: number) => {
    const tg = await elb.send(
      new CreateTargetGroupCommand({
        Name: targetGroupName(p.name, i),
        Protocol: 'HTTP',
        ProtocolVersion: 'HTTP1',
        Port: p.port,
        VpcId: alb.vpcId,
        TargetType: 'ip',
        HealthCheckPath: p.healthCheckPath,
        HealthCheckIntervalSeconds: 30,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 5,
        UnhealthyThresholdCount: 2,
        Tags: awsTags(p.tags),
      }),
    );
    const arn = tg.TargetGroups![0]!.TargetGroupArn!;
    return resource(ctx, 'targetGroup', arn, arn, p.ready);
  };
  const [cert, ...targetGroups] = await Promise.all([
    acm.send(new RequestCertificateCommand({ DomainName: p.host, ValidationMethod: 'DNS', Tags: awsTags(p.tags) })),
    newTargetGroup(0),
    newTargetGroup(1),
  ]);
  const certificate = resource(ctx, 'certificate', cert.CertificateArn!, p.host, p.ready);
  if (!alb.listener) {
    const listener = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: alb.loadBalancer.arn,
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: [{ CertificateArn: certificate.arn }],
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } }],
        Tags: awsTags([MANAGED_TAG]),
      }),
    );
    const arn = listener.Listeners![0]!.ListenerArn!;
    // The listener comes up with its load balancer.
    alb.listener = { kind: 'listener', arn, id: arn, phases: alb.loadBalancer.phases.map((ph) => ({ ...ph })) };
    alb.defaultCertificateArn = certificate.arn;
  } else {
    await elb.send(new AddListenerCertificatesCommand({ ListenerArn: alb.listener.arn, Certificates: [{ CertificateArn: certificate.arn }] }));
  }
  // Until the first deployment shifts traffic, everything goes to the (empty) alternate group.
  const created = await elb.send(
    new CreateRuleCommand({
      ListenerArn: alb.listener.arn,
      Priority: alb.nextPriority++,
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [p.host] } }],
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: { TargetGroups: [{ TargetGroupArn: targetGroups[0]!.arn, Weight: 0 }, { TargetGroupArn: targetGroups[1]!.arn, Weight: 100 }] },
        },
      ],
      Tags: awsTags(p.tags),
    }),
  );
  const ruleArn = created.Rules![0]!.RuleArn!;
  alb.services.add(p.serviceArn);
  return { certificate, targetGroups, rule: resource(ctx, 'rule', ruleArn, ruleArn, p.ready) };
}

/** Points both target groups' health checks at a new path (UpdateExpressGatewayService). */
export async function setHealthCheckPath(ctx: EngineContext, svc: ExpressService, path: string): Promise<void> {
  for (const tg of svc.resources.targetGroups) {
    await tolerate(ctx, 'update target group health check', aws(ctx).elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: tg.arn, HealthCheckPath: path })));
  }
}

/**
 * Removes the service's rule, target groups and certificate (except `leftovers`), and the ALB with
 * its listener and security group once nothing else routes through it. Missing resources are fine.
 */
export async function detachIngress(ctx: EngineContext, st: ExpressState, svc: ExpressService, leftovers: Set<string>): Promise<void> {
  const { acm, ec2, elb } = aws(ctx);
  const { alb, resources } = svc;
  const now = ctx.now();
  const gone = (r: ManagedResource) => addPhase(r, 'DELETED', now);
  if (!leftovers.has('rule') && (await tolerate(ctx, 'delete listener rule', elb.send(new DeleteRuleCommand({ RuleArn: resources.rule.arn })))) !== undefined) gone(resources.rule);
  if (!leftovers.has('targetGroup')) {
    for (const tg of resources.targetGroups) {
      if ((await tolerate(ctx, 'delete target group', elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tg.arn })))) !== undefined) gone(tg);
    }
  }
  alb.services.delete(svc.arn);
  const listener = alb.listener;
  if (!leftovers.has('certificate')) {
    if (listener && alb.services.size > 0 && alb.defaultCertificateArn === resources.certificate.arn) {
      // The listener's default certificate leaves: another service's certificate takes its place.
      const other = [...alb.services].map((a) => st.services.get(a)?.resources.certificate.arn).find(Boolean);
      if (other) {
        await tolerate(ctx, 'switch listener certificate', elb.send(new ModifyListenerCommand({ ListenerArn: listener.arn, Certificates: [{ CertificateArn: other }] })));
        alb.defaultCertificateArn = other;
      }
    }
    if (listener && alb.defaultCertificateArn !== resources.certificate.arn) {
      await tolerate(ctx, 'remove listener certificate', elb.send(new RemoveListenerCertificatesCommand({ ListenerArn: listener.arn, Certificates: [{ CertificateArn: resources.certificate.arn }] })));
    }
  }
  if (alb.services.size === 0 && !leftovers.has('alb') && listener) {
    // "If the load balancer is being shared, even with resources not managed by Express Mode, it will not be deleted" (§5.4).
    const rules = (await tolerate(ctx, 'describe listener rules', elb.send(new DescribeRulesCommand({ ListenerArn: listener.arn }))))?.Rules ?? [];
    if (rules.every((r) => r.IsDefault)) {
      alb.deleted = true;
      if ((await tolerate(ctx, 'delete listener', elb.send(new DeleteListenerCommand({ ListenerArn: listener.arn })))) !== undefined) gone(listener);
      if ((await tolerate(ctx, 'delete load balancer', elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: alb.loadBalancer.arn })))) !== undefined) gone(alb.loadBalancer);
      if ((await tolerate(ctx, 'delete load balancer security group', ec2.send(new DeleteSecurityGroupCommand({ GroupId: alb.securityGroup.id })))) !== undefined) gone(alb.securityGroup);
    }
  } else if (alb.services.size === 0 && leftovers.has('alb')) {
    alb.deleted = true; // left behind: Express no longer knows it, so it is not reused either
  }
  if (!leftovers.has('certificate')) {
    if ((await tolerate(ctx, 'delete certificate', acm.send(new DeleteCertificateCommand({ CertificateArn: resources.certificate.arn })))) !== undefined) gone(resources.certificate);
  }
}
