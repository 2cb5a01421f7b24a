/**
 * Provisioning and deprovisioning an Express service's managed resources, and the delete
 * lifecycle (express-mode.md §5.4): DeleteExpressGatewayService → DRAINING (resources
 * DEPROVISIONING; the underlying service drains its tasks) → once the underlying service is
 * INACTIVE the resources are deleted in moto → INACTIVE after `expressDeprovision` seconds.
 *
 * Kept: the log group (no logs:DeleteLogGroup in the infrastructure policy), the shared ALB
 * while other services use it, and whatever the `express-delete-leftovers` scenario names.
 */
import type { EngineContext } from '../context.js';
import { deleteService } from '../services.js';
import type { Tag } from '../store.js';
import { afterAsync } from './aws.js';
import { acquireAlb, attachIngress, detachIngress, type Readiness } from './ingress.js';
import type { ResolvedNetwork } from './network.js';
import { createAlarm, createLogGroup, createServiceSecurityGroup, deleteAlarm, deleteScaling, deleteServiceSecurityGroup, putScaling } from './resources.js';
import { expressTiming } from './scenarios.js';
import { addPhase, expressState, type ExpressConfig, type ExpressService, type ExpressState, type ManagedResource } from './store.js';
import { containerPortOf } from './task-definition.js';

export interface ProvisionInput {
  serviceArn: string;
  name: string;
  cluster: string;
  host: string;
  port: number;
  healthCheckPath: string;
  net: ResolvedNetwork;
  scaling: ExpressConfig['scalingTarget'];
  /** The managed log group to create; undefined when the customer named their own. */
  logGroupName?: string;
  tags: Tag[];
  ready: Readiness;
}

/** Creates (or joins) everything a new Express service routes and scales through. */
export async function provision(ctx: EngineContext, st: ExpressState, p: ProvisionInput): Promise<Pick<ExpressService, 'alb' | 'resources'>> {
  const alb = await acquireAlb(ctx, st, p.net, p.ready);
  // Independent calls go out together: a create is a couple of dozen moto round trips.
  const [ingress, serviceSecurityGroup, logGroup] = await Promise.all([
    attachIngress(ctx, alb, { serviceArn: p.serviceArn, name: p.name, host: p.host, port: p.port, healthCheckPath: p.healthCheckPath, tags: p.tags, ready: p.ready }),
    createServiceSecurityGroup(ctx, alb, p.name, p.port, p.tags, p.ready),
    p.logGroupName ? createLogGroup(ctx, p.logGroupName, p.tags, p.ready) : undefined,
  ]);
  const targetGroupArn = ingress.targetGroups[0]!.arn;
  const [metricAlarm, scaling] = await Promise.all([
    createAlarm(ctx, p.name, alb, targetGroupArn, p.tags, p.ready),
    putScaling(ctx, { cluster: p.cluster, service: p.name, scaling: p.scaling, alb, targetGroupArn, tags: p.tags, ready: p.ready }),
  ]);
  return { alb, resources: { ...ingress, serviceSecurityGroup, metricAlarm, ...scaling, logGroup } };
}

/** The resources a delete of `svc` will remove (what shows DEPROVISIONING while it drains). */
function deletable(svc: ExpressService): ManagedResource[] {
  const left = new Set(svc.leftovers);
  const r = svc.resources;
  const out: ManagedResource[] = [];
  if (!left.has('certificate')) out.push(r.certificate);
  if (!left.has('rule')) out.push(r.rule);
  if (!left.has('targetGroup')) out.push(...r.targetGroups);
  if (!left.has('serviceSecurityGroup')) out.push(r.serviceSecurityGroup);
  if (!left.has('metricAlarm')) out.push(r.metricAlarm);
  if (!left.has('scaling')) out.push(r.scalableTarget, r.scalingPolicy);
  const alone = svc.alb.services.size === 1 && svc.alb.services.has(svc.arn);
  if (alone && !left.has('alb')) out.push(svc.alb.loadBalancer, svc.alb.securityGroup, ...(svc.alb.listener ? [svc.alb.listener] : []));
  return out;
}

/** DeleteExpressGatewayService: DRAINING now; the rest follows on simulated time. */
export function beginDeletion(ctx: EngineContext, svc: ExpressService): void {
  const now = ctx.now();
  svc.status = 'DRAINING';
  svc.updatedAt = now;
  for (const r of deletable(svc)) addPhase(r, 'DEPROVISIONING', now);
  deleteService(ctx, { cluster: svc.clusterName, service: svc.name, force: true });
  waitUntilDrained(ctx, svc);
}

function waitUntilDrained(ctx: EngineContext, svc: ExpressService): void {
  afterAsync(ctx, 5, `drain Express service ${svc.name}`, async () => {
    if (expressState(ctx).services.get(svc.arn) !== svc) return;
    const underlying = ctx.store.services.get(svc.arn);
    if (underlying && underlying.status !== 'INACTIVE') return waitUntilDrained(ctx, svc);
    await deprovision(ctx, svc);
    ctx.after(expressTiming(ctx, 'expressDeprovision'), () => {
      svc.status = 'INACTIVE';
      svc.updatedAt = ctx.now();
    });
  });
}

/** Deletes the service's resources in moto (tolerating ones already gone), except leftovers. */
async function deprovision(ctx: EngineContext, svc: ExpressService): Promise<void> {
  const left = new Set(svc.leftovers);
  const st = expressState(ctx);
  const r = svc.resources;
  const gone = (x: ManagedResource) => addPhase(x, 'DELETED', ctx.now());
  // The service group goes first: the ALB's group has a rule pointing at it.
  if (!left.has('serviceSecurityGroup') && (await deleteServiceSecurityGroup(ctx, svc.alb, r.serviceSecurityGroup.id, containerPortOf(ctx, svc.latest)))) {
    gone(r.serviceSecurityGroup);
  }
  await detachIngress(ctx, st, svc, left);
  if (!left.has('metricAlarm') && (await deleteAlarm(ctx, r.metricAlarm.id))) gone(r.metricAlarm);
  if (!left.has('scaling') && (await deleteScaling(ctx, svc.clusterName, svc.name, r.scalingPolicy.id))) {
    gone(r.scalableTarget);
    gone(r.scalingPolicy);
  }
}
