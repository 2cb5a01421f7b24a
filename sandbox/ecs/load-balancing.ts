/**
 * Target registration for service tasks with `loadBalancers[].targetGroupArn`: awsvpc tasks are
 * registered by private IP and container port, other modes by a fake instance id and host port.
 * Registration goes to moto's ELBv2 through the side-effect queue; the service events follow
 * reference §3 ("registered N targets in (target-group …)", no trailing period).
 */
import type { EngineContext } from './context.js';
import { batchEvent, eventText } from './events.js';
import type { Json } from './input.js';
import { serviceOfTask } from './lookup.js';
import type { TargetRegistration, TaskRecord } from './store.js';

export function targetsFor(task: TaskRecord): TargetRegistration[] {
  const out: TargetRegistration[] = [];
  for (const lb of task.loadBalancers as Json[]) {
    const tg = lb.targetGroupArn as string | undefined;
    if (!tg) continue; // Classic Load Balancers are not simulated.
    const port = lb.containerPort as number | undefined;
    if (task.network) out.push({ targetGroupArn: tg, id: task.network.privateIp, port });
    else out.push({ targetGroupArn: tg, id: task.sim.instanceId!, port: port === undefined ? undefined : task.sim.hostPorts?.[port] ?? port });
  }
  return out;
}

export function registerTargets(ctx: EngineContext, task: TaskRecord): void {
  const targets = targetsFor(task);
  if (targets.length === 0) return;
  task.sim.targets = targets;
  const service = serviceOfTask(ctx, task);
  for (const target of targets) {
    ctx.effects.enqueue('RegisterTargets', (fx) => fx.registerTargets(target.targetGroupArn, [{ id: target.id, port: target.port }]));
    if (service) {
      batchEvent(ctx, service, `reg:${target.targetGroupArn}`, task.id, (ids) => [
        eventText.registered(service.name, ids.length, target.targetGroupArn),
      ]);
    }
  }
}

/** Deregisters the task's targets; the service writes "deregistered" and "has begun draining". */
export function deregisterTargets(ctx: EngineContext, task: TaskRecord): void {
  const targets = task.sim.targets;
  if (targets.length === 0) return;
  task.sim.targets = [];
  const service = serviceOfTask(ctx, task);
  for (const target of targets) {
    ctx.effects.enqueue('DeregisterTargets', (fx) => fx.deregisterTargets(target.targetGroupArn, [{ id: target.id, port: target.port }]));
    if (service) {
      const dep = task.deploymentId ?? '';
      batchEvent(ctx, service, `dereg:${target.targetGroupArn}:${dep}`, task.id, (ids) => [
        eventText.deregistered(service.name, ids.length, target.targetGroupArn),
        eventText.drainingBegun(service.name, dep, ids.length),
      ]);
    }
  }
}
