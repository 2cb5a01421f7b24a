/**
 * What the ECS engine does in other AWS services, which the sandbox's moto serves: listener-rule
 * weights during traffic shifts, deployment alarms, and Express Mode's managed resources. The
 * engine hands moto's address over once with {@link attachMoto} (createEcsEngine does); every
 * other module asks {@link aws} for SDK clients.
 *
 * Calls that must happen "later" in simulated time go through {@link afterAsync}: the clock awaits
 * them, so `POST /_sandbox/clock/advance` returns only once moto reflects what ECS did.
 */
import { ACMClient } from '@aws-sdk/client-acm';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { AwsError, type MotoAccess } from '../../types.js';
import type { EngineContext } from '../context.js';

/** SDK clients pointed at moto. `ecs` is moto's own ECS (see express/scaling.ts for why). */
export interface AwsClients {
  elb: ElasticLoadBalancingV2Client;
  ec2: EC2Client;
  acm: ACMClient;
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
  autoscaling: ApplicationAutoScalingClient;
  iam: IAMClient;
  motoEcs: ECSClient;
}

const access = new WeakMap<object, MotoAccess>();
const clients = new WeakMap<MotoAccess, AwsClients>();

/** Tells the engine context where moto is. */
export function attachMoto(ctx: EngineContext, moto: MotoAccess): void {
  access.set(ctx, moto);
}

/** Whether moto is there to talk to (the sandbox can run without it). */
export function hasMoto(ctx: EngineContext): boolean {
  return Boolean(access.get(ctx)?.endpoint);
}

/** Clients for moto; throws a ServerException when the sandbox runs without moto. */
export function aws(ctx: EngineContext): AwsClients {
  const moto = access.get(ctx);
  if (!moto?.endpoint) {
    throw new AwsError('ServerException', 'This operation needs moto_server for the managed resources; the sandbox runs without it.', 500);
  }
  let c = clients.get(moto);
  if (!c) {
    const cfg = { endpoint: moto.endpoint, region: moto.region, credentials: moto.credentials, maxAttempts: 2 };
    c = {
      elb: new ElasticLoadBalancingV2Client(cfg),
      ec2: new EC2Client(cfg),
      acm: new ACMClient(cfg),
      cloudwatch: new CloudWatchClient(cfg),
      logs: new CloudWatchLogsClient(cfg),
      autoscaling: new ApplicationAutoScalingClient(cfg),
      iam: new IAMClient(cfg),
      motoEcs: new ECSClient(cfg),
    };
    clients.set(moto, c);
  }
  return c;
}

/**
 * Runs an async action `seconds` of simulated time from now. Like `ctx.after` it is dropped when
 * the engine was reset meanwhile, and its failure is logged, never thrown into the clock.
 */
export function afterAsync(ctx: EngineContext, seconds: number, label: string, action: () => Promise<void>): void {
  const store = ctx.store;
  ctx.scheduler.after(Math.max(0, Math.round(seconds * 1000)), async () => {
    if (ctx.store !== store) return;
    try {
      await action();
    } catch (e) {
      ctx.log(`ecs engine: ${label} failed: ${(e as Error)?.message ?? String(e)}`);
    }
  });
}

/** The SDK error name, for "not found" tolerance. */
export const errorName = (e: unknown): string => (e as { name?: string })?.name ?? '';

/** Awaits `p`; a failure is logged and turned into `undefined` (deprovisioning tolerates missing resources). */
export async function tolerate<T>(ctx: EngineContext, label: string, p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    ctx.log(`ecs engine: ${label}: ${errorName(e)} ${(e as Error)?.message ?? ''}`.trimEnd());
    return undefined;
  }
}
