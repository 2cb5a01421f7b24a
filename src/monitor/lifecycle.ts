import type { Service, ServiceDeploymentLifecycleStage } from '@aws-sdk/client-ecs';
import { UserInputError } from '../errors.js';

/** A ServiceDeployment lifecycle stage, as ECS names it. */
export type LifecycleStage = `${ServiceDeploymentLifecycleStage}`;

/**
 * ECS's order of deployment lifecycle stages (BLUE_GREEN, LINEAR and CANARY). `ecs:<STAGE>` waits
 * until the service deployment's current stage is at or past the given one, as ecspresso does.
 * PRE_PRODUCTION_TRAFFIC_SHIFT is a hook stage only and never appears as a deployment stage.
 */
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

/**
 * What to wait for: `stable` (one deployment, all tasks running), `deployed` (the new deployment
 * completed, old tasks may still drain) or `ecs:<STAGE>` (a lifecycle stage was reached).
 */
export type WaitUntil = 'stable' | 'deployed' | `ecs:${LifecycleStage}`;

/** Index of a stage in {@link LIFECYCLE_STAGES}, or -1 when unknown or absent. */
export function stageIndex(stage: string | undefined): number {
  return stage === undefined ? -1 : LIFECYCLE_STAGES.indexOf(stage as LifecycleStage);
}

/** The stage of an `ecs:<STAGE>` condition, or undefined for `stable` / `deployed`. */
export function waitStage(w: WaitUntil): LifecycleStage | undefined {
  return w.startsWith('ecs:') ? (w.slice(4) as LifecycleStage) : undefined;
}

/** Parses a `--wait-until` value (case-insensitive stage names); throws UserInputError when invalid. */
export function parseWaitUntil(value: string): WaitUntil {
  const v = value.trim();
  if (v === 'stable' || v === 'deployed') return v;
  if (/^ecs:/i.test(v)) {
    const stage = v.slice(4).toUpperCase();
    if (stageIndex(stage) >= 0) return `ecs:${stage as LifecycleStage}`;
    throw new UserInputError('WAIT_UNTIL', `unknown lifecycle stage "${v.slice(4)}" in --wait-until; expected one of ${LIFECYCLE_STAGES.join(', ')}`);
  }
  throw new UserInputError('WAIT_UNTIL', `invalid --wait-until "${value}": expected stable, deployed or ecs:<STAGE>`);
}

/** Human words for what is awaited, used in timeout and progress messages. */
export function describeWait(w: WaitUntil): string {
  const stage = waitStage(w);
  if (stage) return `the service deployment to reach ${stage}`;
  return w === 'stable' ? 'the service to become stable' : 'the deployment to complete';
}

/**
 * Rejects `ecs:<STAGE>` for services whose deployments have no lifecycle stages: the ROLLING
 * strategy (the default) and non-ECS deployment controllers, as ecspresso does. Call it before
 * changing the service so the error costs nothing.
 */
export function checkWaitUntil(service: Pick<Service, 'deploymentConfiguration' | 'deploymentController'>, waitUntil: WaitUntil): void {
  const stage = waitStage(waitUntil);
  if (!stage) return;
  const controller = service.deploymentController?.type ?? 'ECS';
  const strategy = service.deploymentConfiguration?.strategy ?? 'ROLLING';
  if (controller !== 'ECS') {
    throw new UserInputError('WAIT_UNTIL', `--wait-until ${waitUntil} needs the ECS deployment controller; this service uses ${controller}`);
  }
  if (strategy === 'ROLLING') {
    throw new UserInputError('WAIT_UNTIL', `--wait-until ${waitUntil} needs a BLUE_GREEN, LINEAR or CANARY deployment strategy; this service uses ROLLING (use --wait-until deployed or stable)`);
  }
}
