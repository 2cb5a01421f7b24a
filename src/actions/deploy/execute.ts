/** Carrying out a deploy's planned calls, in order, against AWS. */
import {
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
  type CreateServiceCommandInput,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  type TagResourceCommandInput,
  type UntagResourceCommandInput,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import type { RegisterScalableTargetCommandInput } from '@aws-sdk/client-application-auto-scaling';
import type { ActionContext } from '../../context.js';
import type { AwsClients } from '../../aws/clients.js';
import { InternalError } from '../../errors.js';
import { shortTaskDefinition as short, type WaitUntil, type WatchResult } from '../../monitor/index.js';
import { applyAutoScaling } from './auto-scaling.js';
import { say } from './notify.js';
import type { PlannedCall } from './plan.js';
import type { ServiceRef } from './service.js';
import { watchService, watchTarget } from './watch.js';

/** What {@link executePlan} did. */
export interface Executed {
  taskDefinitionArn: string;
  /** The calls made, with real inputs (the registered ARN filled in). */
  calls: PlannedCall[];
  newDeployment: boolean;
  /** Watches the rollout the change started (or the current state when it started none). */
  watch(waitUntil: WaitUntil, timeoutMs: number): Promise<WatchResult>;
}


/** Makes the calls. `plan.taskDefinitionArn` is replaced by the registered ARN where a placeholder stood. */
export async function executePlan(
  ctx: ActionContext,
  clients: AwsClients,
  ref: ServiceRef,
  plan: { taskDefinitionArn: string; calls: PlannedCall[] },
  before: Service | undefined,
): Promise<Executed> {
  const ecs = await clients.ecs();
  let tdArn = plan.taskDefinitionArn;
  let after: Service | undefined;
  const made: PlannedCall[] = [];
  for (const call of plan.calls) {
    const c = { ...call };
    switch (`${c.service} ${c.operation}`) {
      case 'ecs RegisterTaskDefinition': {
        const out = await ecs.send(new RegisterTaskDefinitionCommand(c.input as RegisterTaskDefinitionCommandInput));
        tdArn = out.taskDefinition!.taskDefinitionArn!;
        await say(ctx, 'ECSX_TASK_DEFINITION_REGISTERED', 'info', `registered task definition ${short(tdArn)}`, { taskDefinitionArn: tdArn });
        break;
      }
      case 'application-autoscaling RegisterScalableTarget': {
        const sent = await applyAutoScaling(clients, c.input as RegisterScalableTargetCommandInput, (m) => say(ctx, 'ECSX_AUTOSCALING_NO_TARGET', 'warn', m));
        if (!sent) continue;
        await say(ctx, 'ECSX_AUTOSCALING_UPDATED', 'info', `auto scaling of ${ref.service} updated`, sent);
        break;
      }
      case 'ecs CreateService': {
        const input = { ...(c.input as CreateServiceCommandInput), taskDefinition: tdArn };
        c.input = input;
        await say(ctx, 'ECSX_SERVICE_CREATING', 'info', `creating service ${ref.service} in cluster ${ref.cluster} with ${short(tdArn)}${input.desiredCount !== undefined ? `, ${input.desiredCount} tasks` : ''}`);
        after = (await ecs.send(new CreateServiceCommand(input))).service;
        break;
      }
      case 'ecs UpdateService': {
        const input = { ...(c.input as UpdateServiceCommandInput), taskDefinition: tdArn };
        c.input = input;
        const attrs = c.note ? `; ${c.note}` : '';
        await say(ctx, 'ECSX_SERVICE_UPDATING', 'info', `updating service ${ref.service}: ${short(tdArn)}${input.desiredCount !== undefined ? `, ${input.desiredCount} tasks` : ''}${attrs}`);
        after = (await ecs.send(new UpdateServiceCommand(input))).service;
        break;
      }
      case 'ecs TagResource':
        await ecs.send(new TagResourceCommand(c.input as TagResourceCommandInput));
        break;
      case 'ecs UntagResource':
        await ecs.send(new UntagResourceCommand(c.input as UntagResourceCommandInput));
        break;
      default:
        throw new InternalError(`deploy: unknown planned call ${c.service} ${c.operation}`);
    }
    made.push(c);
  }
  const target = watchTarget(before, after);
  if (after && !target.newDeployment) {
    await say(ctx, 'ECSX_NO_NEW_DEPLOYMENT', 'info', 'nothing that starts a deployment changed; watching the current one');
  }
  return {
    taskDefinitionArn: tdArn,
    calls: made,
    newDeployment: target.newDeployment,
    watch: (waitUntil, timeoutMs) => watchService(ctx, clients, ref, { waitUntil, timeoutMs, before, after }),
  };
}
