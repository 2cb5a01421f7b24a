/**
 * Choosing the task definition a deploy (or run) uses: register the local file, or reuse an
 * existing revision (`--skip-task-definition`, `--revision`, `--latest-task-definition`).
 */
import {
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
  type RegisterTaskDefinitionCommandInput,
  type Tag,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { awsErrorCode } from '../../aws/errors.js';
import { UsageError, UserInputError } from '../../errors.js';
import type { TaskDefinitionInput } from '../../definitions/types.js';

/** The flags that pick a task definition. */
export interface TaskDefinitionFlags {
  skipTaskDefinition?: boolean;
  /** `family:N`; 0 / undefined = not given. */
  revision?: number;
  latestTaskDefinition?: boolean;
}

/** How the task definition is chosen. */
export type TaskDefinitionSpec =
  | { mode: 'register' }
  | { mode: 'current' }
  | { mode: 'revision'; revision: number }
  | { mode: 'latest' };

/**
 * Reads the flags. `--revision` and `--latest-task-definition` conflict (ecspresso's
 * ErrConflictOptions). Unlike ecspresso, `--revision N` alone is enough: it implies
 * `--skip-task-definition` instead of being silently ignored.
 */
export function taskDefinitionSpec(f: TaskDefinitionFlags): TaskDefinitionSpec {
  const revision = f.revision ?? 0;
  if (!Number.isInteger(revision) || revision < 0) throw new UsageError(`--revision must be a positive whole number, got ${f.revision}`);
  if (revision > 0 && f.latestTaskDefinition) throw new UsageError('--revision and --latest-task-definition cannot be used together');
  if (revision > 0) return { mode: 'revision', revision };
  if (f.latestTaskDefinition) return { mode: 'latest' };
  if (f.skipTaskDefinition) return { mode: 'current' };
  return { mode: 'register' };
}

/** `arn:…:task-definition/web:3` or `web:3` → `web`. */
export function familyOf(arnOrName: string): string {
  const name = arnOrName.includes(':task-definition/') ? arnOrName.slice(arnOrName.indexOf(':task-definition/') + 17) : arnOrName;
  const i = name.lastIndexOf(':');
  return i > 0 ? name.slice(0, i) : name;
}

/** `arn:…:task-definition/web:3` → 3 (NaN when not a revision ARN). */
export function revisionOf(arn: string): number {
  return Number(arn.slice(arn.lastIndexOf(':') + 1));
}

/** RegisterTaskDefinition's input for a local definition; an empty tag list is omitted (AWS rejects `tags: []` in some SDKs, and ecspresso drops it). */
export function registerInput(td: TaskDefinitionInput): RegisterTaskDefinitionCommandInput {
  const input = structuredClone(td) as RegisterTaskDefinitionCommandInput;
  if (!input.tags?.length) delete input.tags;
  return input;
}

/** Registers the local task definition; returns the new revision. */
export async function registerTaskDefinition(ecs: ECSClient, td: TaskDefinitionInput): Promise<TaskDefinition> {
  const out = await ecs.send(new RegisterTaskDefinitionCommand(registerInput(td)));
  return out.taskDefinition!;
}

/** A task definition and its tags, or undefined when it does not exist. `ref` is an ARN, `family:N` or a family (its latest ACTIVE revision). */
export async function describeTaskDefinition(ecs: ECSClient, ref: string): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] } | undefined> {
  try {
    const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ref, include: ['TAGS'] }));
    return out.taskDefinition ? { taskDefinition: out.taskDefinition, tags: out.tags ?? [] } : undefined;
  } catch (err) {
    // ECS answers a missing family or revision with ClientException "Unable to describe task definition."
    if (awsErrorCode(err) === 'ClientException' && /unable to describe/i.test((err as Error).message)) return undefined;
    throw err;
  }
}

/** Like {@link describeTaskDefinition}, but a missing one is the user's error (exit 2). */
export async function requireTaskDefinition(ecs: ECSClient, ref: string, why: string): Promise<TaskDefinition> {
  const found = await describeTaskDefinition(ecs, ref);
  if (!found) throw new UserInputError('TASK_DEFINITION_NOT_FOUND', `task definition ${ref} not found (${why})`);
  return found.taskDefinition;
}

/**
 * The ARN of an existing revision for `spec` (not `register`): `family:N`, the family's latest
 * ACTIVE revision, or `current` (the service's task definition; the family's latest when there is
 * no service, as ecspresso's run does).
 */
export async function existingTaskDefinitionArn(
  ecs: ECSClient,
  spec: Exclude<TaskDefinitionSpec, { mode: 'register' }>,
  ctx: { family?: string; currentArn?: string },
): Promise<string> {
  if (spec.mode === 'current' && ctx.currentArn) return ctx.currentArn;
  const family = ctx.family ?? (ctx.currentArn ? familyOf(ctx.currentArn) : undefined);
  if (!family) throw new UserInputError('TASK_DEFINITION_UNKNOWN', 'cannot tell which task definition family to use: set task_definition in the config');
  if (spec.mode === 'revision') return (await requireTaskDefinition(ecs, `${family}:${spec.revision}`, '--revision')).taskDefinitionArn!;
  const why = spec.mode === 'latest' ? '--latest-task-definition' : '--skip-task-definition without a service';
  return (await requireTaskDefinition(ecs, family, why)).taskDefinitionArn!;
}
