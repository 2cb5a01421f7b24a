/**
 * The service's Application Auto Scaling target and policies (resource id
 * `service/<cluster>/<service>`, dimension `ecs:service:DesiredCount`).
 */
import { DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import type { AwsClients } from '../../aws/clients.js';
import type { ServiceRef } from './describe.js';
import type { AutoScalingSummary } from './types.js';

const DIMENSION = 'ecs:service:DesiredCount';

/** The resource id Application Auto Scaling uses for an ECS service. */
export function scalableResourceId(ref: ServiceRef): string {
  return `service/${ref.cluster}/${ref.service}`;
}

/** The scalable target and its policies, or undefined when the service has none. */
export async function describeAutoScaling(clients: AwsClients, ref: ServiceRef): Promise<AutoScalingSummary | undefined> {
  const aas = await clients.applicationAutoScaling();
  const ResourceIds = [scalableResourceId(ref)];
  const targets = await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds, ScalableDimension: DIMENSION }));
  const t = targets.ScalableTargets?.[0];
  if (!t) return undefined;
  const policies = await aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: ResourceIds[0], ScalableDimension: DIMENSION }));
  return {
    minCapacity: t.MinCapacity ?? 0,
    maxCapacity: t.MaxCapacity ?? 0,
    suspended: {
      dynamicScalingIn: t.SuspendedState?.DynamicScalingInSuspended ?? false,
      dynamicScalingOut: t.SuspendedState?.DynamicScalingOutSuspended ?? false,
      scheduledScaling: t.SuspendedState?.ScheduledScalingSuspended ?? false,
    },
    policies: (policies.ScalingPolicies ?? []).map((p) => ({ name: p.PolicyName ?? '', type: p.PolicyType ?? '' })),
  };
}
