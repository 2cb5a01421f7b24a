/**
 * Express Mode scenario kinds, registered with the engine's scenario registry (`POST
 * /_sandbox/ecs/scenarios`; the common `match` and `times` fields apply; match by `service`):
 *
 * - `express-delete-leftovers` `{ leftovers?: string[] }`: a delete leaves these behind, not
 *   deprovisioned (default `['alb', 'targetGroup', 'certificate']`; also `rule`,
 *   `serviceSecurityGroup`, `metricAlarm`, `scaling`).
 * - `express-resource-stuck` `{ resource?: kind, reason?: string }`: that managed resource of a
 *   new service stays PROVISIONING (default `certificate`).
 * - `missing-security-group` `{ securityGroup?: string }`: tasks a traffic-shifting deployment
 *   launches fail while PROVISIONING with the ENI error (the group was deleted behind ECS's back).
 * - `express-assume-role-failure`: CreateExpressGatewayService fails as if the infrastructure
 *   role could not be assumed yet (IAM propagation, express-mode.md §2.4).
 *
 * Slow draining needs no kind of its own: `slow-draining` (`delaySeconds`) matched on the service
 * name keeps an Express service DRAINING that much longer.
 */
import type { EngineContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import type { Json } from '../input.js';
import { registerScenarioKind } from '../scenarios.js';
import { onStrategyLaunch } from '../strategies/blue-green.js';
import { requestStop, scenarioSubjects } from '../task-lifecycle.js';
import type { Readiness } from './ingress.js';
import { MANAGED_KINDS, type ManagedKind } from './store.js';

export const LEFTOVER_KINDS = ['alb', 'targetGroup', 'certificate', 'rule', 'serviceSecurityGroup', 'metricAlarm', 'scaling'] as const;
const DEFAULT_LEFTOVERS = ['alb', 'targetGroup', 'certificate'];

const optionalString = (b: Record<string, unknown>, key: string) => {
  if (b[key] !== undefined && typeof b[key] !== 'string') throw invalidParameter(`${key} must be a string.`);
  return b[key] as string | undefined;
};

registerScenarioKind('express-delete-leftovers', (b) => {
  const list = b.leftovers ?? DEFAULT_LEFTOVERS;
  if (!Array.isArray(list) || list.some((k) => !(LEFTOVER_KINDS as readonly unknown[]).includes(k))) {
    throw invalidParameter(`leftovers must be a list of: ${LEFTOVER_KINDS.join(', ')}.`);
  }
  return { leftovers: [...list] };
});

registerScenarioKind('express-resource-stuck', (b) => {
  const resource = optionalString(b, 'resource') ?? 'certificate';
  if (!(MANAGED_KINDS as readonly string[]).includes(resource)) throw invalidParameter(`resource must be one of: ${MANAGED_KINDS.join(', ')}.`);
  return { resource, reason: optionalString(b, 'reason') };
});

registerScenarioKind('missing-security-group', (b) => ({ securityGroup: optionalString(b, 'securityGroup') }));
registerScenarioKind('express-assume-role-failure', () => ({}));

type Extra = { leftovers?: string[]; resource?: string; reason?: string; securityGroup?: string };
const take = (ctx: EngineContext, kind: string, service: string, cluster: string, consume = true) =>
  ctx.scenarios.take(kind, [{ service, cluster }], consume)?.scenario as (Extra & { hits: number }) | undefined;

/** What a delete of this service leaves behind. */
export const leftoversFor = (ctx: EngineContext, service: string, cluster: string): string[] =>
  take(ctx, 'express-delete-leftovers', service, cluster)?.leftovers ?? [];

export const assumeRoleFails = (ctx: EngineContext, service: string, cluster: string): boolean =>
  take(ctx, 'express-assume-role-failure', service, cluster) !== undefined;

/** Express durations (seconds), settable through `PUT /_sandbox/ecs/timings`. */
export const expressTimings = {
  /** A new shared ALB (and its listener) from PROVISIONING to ACTIVE. */
  expressLoadBalancer: 150,
  /** The service's ACM certificate from PROVISIONING to ACTIVE. */
  expressCertificate: 90,
  /** Every other managed resource from PROVISIONING to ACTIVE. */
  expressResource: 20,
  /** Deleted resources are gone → the service is INACTIVE. */
  expressDeprovision: 30,
  /** Canary bake before the rest of the traffic shifts, and bake before clean-up (§3.5: 3 min each; whole minutes). */
  expressCanaryBake: 180,
  expressBake: 180,
};

export const expressTiming = (ctx: EngineContext, key: keyof typeof expressTimings): number =>
  (ctx.timings as unknown as Record<string, number>)[key] ?? expressTimings[key];

/** When each new managed resource of a service becomes ACTIVE; a stuck-resource scenario holds one back. */
export function readinessFor(ctx: EngineContext, service: string, cluster: string): Readiness {
  const stuck = take(ctx, 'express-resource-stuck', service, cluster);
  return (kind: ManagedKind) => {
    if (stuck?.resource === kind) return { reason: stuck.reason ?? `The ${kind} is still being provisioned.` };
    if (kind === 'loadBalancer' || kind === 'listener') return { after: expressTiming(ctx, 'expressLoadBalancer') };
    if (kind === 'certificate') return { after: expressTiming(ctx, 'expressCertificate') };
    return { after: expressTiming(ctx, 'expressResource') };
  };
}

/**
 * ENI creation fails for a security group that no longer exists. The core of the text is what
 * ECS reports for a missing group (moto reproduces it); the `ResourceInitializationError:` prefix
 * for a task that was already placed is UNCONFIRMED.
 */
export const eniErrorFor = (sg: string) =>
  `ResourceInitializationError: failed to configure the task network interface: Error retrieving security group information for [${sg}]: The security group '${sg}' does not exist (ErrorCode: InvalidGroup.NotFound)`;

onStrategyLaunch((ctx, service, tasks) => {
  const groups = ((service.spec.networkConfiguration?.awsvpcConfiguration as Json | undefined)?.securityGroups as string[] | undefined) ?? [];
  for (const task of tasks) {
    const hit = ctx.scenarios.take('missing-security-group', scenarioSubjects(task));
    if (!hit) continue;
    const sg = (hit.scenario as Extra).securityGroup ?? groups[0] ?? 'sg-0123456789abcdef0';
    // The ENI is attached while PROVISIONING: fail half-way through it.
    ctx.after(ctx.timings.provisioning / 2, () => requestStop(ctx, task, { stopCode: 'TaskFailedToStart', reason: eniErrorFor(sg), failure: true }));
  }
});
