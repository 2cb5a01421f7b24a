/**
 * The per-service managed resources besides the ingress path (express-mode.md §3.1 items 5, 7–9):
 * the service security group (in from the ALB's group on the container port), the CloudWatch
 * alarm deployments roll back on, the Application Auto Scaling target and target-tracking policy,
 * and the log group (which a delete keeps: the infrastructure policy has no logs:DeleteLogGroup, §5.4).
 *
 * moto's Application Auto Scaling refuses ECS targets whose service its own ECS backend does not
 * know, so a stand-in service (desiredCount 0) is registered in moto's ECS, which the sandbox
 * otherwise never uses (ECS requests go to the engine).
 */
import { randomBytes } from 'node:crypto';
import {
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type MetricType,
} from '@aws-sdk/client-application-auto-scaling';
import { DeleteAlarmsCommand, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { CreateClusterCommand, CreateServiceCommand, DeleteServiceCommand } from '@aws-sdk/client-ecs';
import type { EngineContext } from '../context.js';
import type { Tag } from '../store.js';
import { aws, errorName, tolerate } from './aws.js';
import { awsTags, type Readiness } from './ingress.js';
import { newResource, type ExpressConfig, type ManagedKind, type ManagedResource, type SharedAlb } from './store.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

function resource(ctx: EngineContext, kind: ManagedKind, arn: string, id: string, ready: Readiness): ManagedResource {
  const r = ready(kind);
  return newResource(kind, arn, id, ctx.now(), r.after, r.reason);
}

const portFrom = (groupId: string, port: number): IpPermission[] => [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: groupId }] }];

/** The service security group, reachable from the ALB's group on the container port. */
export async function createServiceSecurityGroup(ctx: EngineContext, alb: SharedAlb, name: string, port: number, tags: Tag[], ready: Readiness): Promise<ManagedResource> {
  const { ec2 } = aws(ctx);
  const sg = await ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: `ecs-express-${name.slice(0, 200)}-${hex(4)}`,
      Description: `Amazon ECS Express Mode service ${name}`,
      VpcId: alb.vpcId,
      TagSpecifications: [{ ResourceType: 'security-group', Tags: awsTags(tags) }],
    }),
  );
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg.GroupId, IpPermissions: portFrom(alb.securityGroup.id, port) }));
  // "egress to the service security group on the container port" (§3.1 item 5).
  await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: alb.securityGroup.id, IpPermissions: portFrom(sg.GroupId!, port) }));
  const arn = sg.SecurityGroupArn ?? `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${sg.GroupId}`;
  return resource(ctx, 'serviceSecurityGroup', arn, sg.GroupId!, ready);
}

/** The ALB ↔ service rules follow a container port change ("updated automatically", §3.1 item 5). */
export async function changePort(ctx: EngineContext, alb: SharedAlb, sgId: string, from: number, to: number): Promise<void> {
  const { ec2 } = aws(ctx);
  await tolerate(ctx, 'revoke service ingress', ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: sgId, IpPermissions: portFrom(alb.securityGroup.id, from) })));
  await tolerate(ctx, 'revoke ALB egress', ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: alb.securityGroup.id, IpPermissions: portFrom(sgId, from) })));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sgId, IpPermissions: portFrom(alb.securityGroup.id, to) }));
  await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: alb.securityGroup.id, IpPermissions: portFrom(sgId, to) }));
}

export async function deleteServiceSecurityGroup(ctx: EngineContext, alb: SharedAlb, sgId: string, port: number): Promise<boolean> {
  const { ec2 } = aws(ctx);
  await tolerate(ctx, 'revoke ALB egress', ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: alb.securityGroup.id, IpPermissions: portFrom(sgId, port) })));
  return (await tolerate(ctx, 'delete service security group', ec2.send(new DeleteSecurityGroupCommand({ GroupId: sgId })))) !== undefined;
}

/** `arn:…:loadbalancer/app/n/id` → `app/n/id`; `arn:…:targetgroup/n/id` → `targetgroup/n/id` (CloudWatch dimensions). */
const dimension = (arn: string) => arn.split(':').pop()!.replace(/^loadbalancer\//, '');

/**
 * The rollback alarm: (4xx + 5xx) / requests above 1 % for 2 of 3 one-minute datapoints
 * (express-mode.md §3.5). It goes into the service's deploymentConfiguration.alarms.
 */
export async function createAlarm(ctx: EngineContext, name: string, alb: SharedAlb, targetGroupArn: string, tags: Tag[], ready: Readiness): Promise<ManagedResource> {
  const { cloudwatch } = aws(ctx);
  const alarmName = `ecs-express-${name}-${hex(4)}-error-rate`;
  const dims = [
    { Name: 'LoadBalancer', Value: dimension(alb.loadBalancer.arn) },
    { Name: 'TargetGroup', Value: dimension(targetGroupArn) },
  ];
  const metric = (id: string, metricName: string) => ({
    Id: id,
    ReturnData: false,
    MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: metricName, Dimensions: dims }, Period: 60, Stat: 'Sum' },
  });
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: alarmName,
      AlarmDescription: `Amazon ECS Express Mode: rolls back deployments of ${name} when 4xx+5xx responses exceed 1 %.`,
      Metrics: [
        { Id: 'errorRate', Expression: '100 * (m4xx + m5xx) / requests', ReturnData: true, Label: 'Error rate (%)' },
        metric('m4xx', 'HTTPCode_Target_4XX_Count'),
        metric('m5xx', 'HTTPCode_Target_5XX_Count'),
        metric('requests', 'RequestCount'),
      ],
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      Tags: awsTags(tags),
    }),
  );
  const arn = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms?.[0]?.AlarmArn;
  return resource(ctx, 'metricAlarm', arn ?? `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${alarmName}`, alarmName, ready);
}

export async function deleteAlarm(ctx: EngineContext, alarmName: string): Promise<boolean> {
  return (await tolerate(ctx, 'delete alarm', aws(ctx).cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [alarmName] })))) !== undefined;
}

const METRIC_TYPES: Record<string, string> = {
  AVERAGE_CPU: 'ECSServiceAverageCPUUtilization',
  AVERAGE_MEMORY: 'ECSServiceAverageMemoryUtilization',
  REQUEST_COUNT_PER_TARGET: 'ALBRequestCountPerTarget',
};
export const predefinedMetric = (metric: string) => METRIC_TYPES[metric] ?? METRIC_TYPES.AVERAGE_CPU!;

const resourceId = (cluster: string, service: string) => `service/${cluster}/${service}`;

/** Registers (or updates) the scalable target and its target-tracking policy. */
export async function putScaling(
  ctx: EngineContext,
  p: { cluster: string; service: string; scaling: ExpressConfig['scalingTarget']; alb: SharedAlb; targetGroupArn: string; tags: Tag[]; ready: Readiness },
): Promise<{ scalableTarget: ManagedResource; scalingPolicy: ManagedResource }> {
  const { autoscaling, motoEcs } = aws(ctx);
  await motoEcs.send(new CreateClusterCommand({ clusterName: p.cluster }));
  await motoEcs.send(new CreateServiceCommand({ cluster: p.cluster, serviceName: p.service, desiredCount: 0 })).catch((e) => {
    if (errorName(e) !== 'InvalidParameterException') throw e; // already there
  });
  const ResourceId = resourceId(p.cluster, p.service);
  const target = await autoscaling.send(
    new RegisterScalableTargetCommand({
      ServiceNamespace: 'ecs',
      ResourceId,
      ScalableDimension: 'ecs:service:DesiredCount',
      MinCapacity: p.scaling.minTaskCount,
      MaxCapacity: p.scaling.maxTaskCount,
      Tags: Object.fromEntries(p.tags.map((t) => [t.key, t.value])),
    }),
  );
  const metricType = predefinedMetric(p.scaling.autoScalingMetric);
  const policyName = `${p.service}-${metricType}`; // "derived from the service name and metric" (§3.1 item 7)
  const label = metricType === 'ALBRequestCountPerTarget' ? `${dimension(p.alb.loadBalancer.arn)}/${dimension(p.targetGroupArn)}` : undefined;
  const policy = await autoscaling.send(
    new PutScalingPolicyCommand({
      PolicyName: policyName,
      ServiceNamespace: 'ecs',
      ResourceId,
      ScalableDimension: 'ecs:service:DesiredCount',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: p.scaling.autoScalingTargetValue,
        PredefinedMetricSpecification: { PredefinedMetricType: metricType as MetricType, ResourceLabel: label },
        DisableScaleIn: false,
      },
    }),
  );
  return {
    scalableTarget: resource(ctx, 'scalableTarget', target.ScalableTargetARN!, ResourceId, p.ready),
    scalingPolicy: resource(ctx, 'scalingPolicy', policy.PolicyARN!, policyName, p.ready),
  };
}

export async function deleteScaling(ctx: EngineContext, cluster: string, service: string, policyName: string): Promise<boolean> {
  const { autoscaling, motoEcs } = aws(ctx);
  const ResourceId = resourceId(cluster, service);
  const dim = { ServiceNamespace: 'ecs' as const, ResourceId, ScalableDimension: 'ecs:service:DesiredCount' as const };
  const a = await tolerate(ctx, 'delete scaling policy', autoscaling.send(new DeleteScalingPolicyCommand({ PolicyName: policyName, ...dim })));
  const b = await tolerate(ctx, 'deregister scalable target', autoscaling.send(new DeregisterScalableTargetCommand(dim)));
  await tolerate(ctx, 'delete stand-in service', motoEcs.send(new DeleteServiceCommand({ cluster, service, force: true })));
  return a !== undefined && b !== undefined;
}

/** `/aws/ecs/<cluster>/<name>-####` (§3.1 item 8). */
export const managedLogGroupName = (cluster: string, service: string) =>
  `/aws/ecs/${cluster}/${service}-${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;

export async function createLogGroup(ctx: EngineContext, name: string, tags: Tag[], ready: Readiness): Promise<ManagedResource> {
  const { logs } = aws(ctx);
  await logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: Object.fromEntries(tags.map((t) => [t.key, t.value])) })).catch((e) => {
    if (errorName(e) !== 'ResourceAlreadyExistsException') throw e;
  });
  const found = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups?.find((g) => g.logGroupName === name);
  const arn = found?.logGroupArn ?? `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
  return resource(ctx, 'logGroup', arn, name, ready);
}
