/**
 * `--suspend-auto-scaling`, `--resume-auto-scaling`, `--auto-scaling-min/max`: one
 * RegisterScalableTarget on the service's existing Application Auto Scaling target (resource
 * `service/<cluster>/<service>`, dimension `ecs:service:DesiredCount`), as ecspresso does. A
 * service without a scalable target is left alone with a warning.
 */
import {
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
  type RegisterScalableTargetCommandInput,
} from '@aws-sdk/client-application-auto-scaling';
import type { AwsClients } from '../../aws/clients.js';
import { UsageError } from '../../errors.js';
import type { ServiceRef } from './service.js';

/** The auto-scaling flags. */
export interface AutoScalingFlags {
  suspendAutoScaling?: boolean;
  resumeAutoScaling?: boolean;
  autoScalingMin?: number;
  autoScalingMax?: number;
}

/** True when any auto-scaling flag is set. */
export function wantsAutoScaling(f: AutoScalingFlags): boolean {
  return Boolean(f.suspendAutoScaling || f.resumeAutoScaling) || f.autoScalingMin !== undefined || f.autoScalingMax !== undefined;
}

/** Checks the flags: suspend and resume conflict; min/max are whole numbers with min ≤ max. */
export function checkAutoScalingFlags(f: AutoScalingFlags): void {
  if (f.suspendAutoScaling && f.resumeAutoScaling) throw new UsageError('--suspend-auto-scaling and --resume-auto-scaling cannot be used together');
  for (const [flag, v] of [['--auto-scaling-min', f.autoScalingMin], ['--auto-scaling-max', f.autoScalingMax]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new UsageError(`${flag} must be a whole number ≥ 0, got ${v}`);
  }
  if (f.autoScalingMin !== undefined && f.autoScalingMax !== undefined && f.autoScalingMin > f.autoScalingMax) {
    throw new UsageError(`--auto-scaling-min (${f.autoScalingMin}) is greater than --auto-scaling-max (${f.autoScalingMax})`);
  }
}

/** RegisterScalableTarget's input for the flags. Pure. */
export function autoScalingInput(ref: ServiceRef, f: AutoScalingFlags): RegisterScalableTargetCommandInput {
  const input: RegisterScalableTargetCommandInput = {
    ServiceNamespace: 'ecs',
    ResourceId: `service/${ref.cluster}/${ref.service}`,
    ScalableDimension: 'ecs:service:DesiredCount',
  };
  if (f.autoScalingMin !== undefined) input.MinCapacity = f.autoScalingMin;
  if (f.autoScalingMax !== undefined) input.MaxCapacity = f.autoScalingMax;
  if (f.suspendAutoScaling || f.resumeAutoScaling) {
    const s = Boolean(f.suspendAutoScaling);
    input.SuspendedState = { DynamicScalingInSuspended: s, DynamicScalingOutSuspended: s, ScheduledScalingSuspended: s };
  }
  return input;
}

/**
 * Sends `input` (from {@link autoScalingInput}). Returns it, or undefined (with `warn` called) when
 * the service has no scalable target.
 */
export async function applyAutoScaling(
  clients: AwsClients,
  input: RegisterScalableTargetCommandInput,
  warn: (message: string) => Promise<void>,
): Promise<RegisterScalableTargetCommandInput | undefined> {
  const aas = await clients.applicationAutoScaling();
  const found = await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [input.ResourceId!], ScalableDimension: input.ScalableDimension }));
  if (!found.ScalableTargets?.length) {
    await warn(`${input.ResourceId} has no auto-scaling target; the auto-scaling flags were ignored`);
    return undefined;
  }
  await aas.send(new RegisterScalableTargetCommand(input));
  return input;
}
