/**
 * Task definitions (reference §7): Register, Describe, List, ListTaskDefinitionFamilies,
 * Deregister and DeleteTaskDefinitions. Revisions count up per family and are never reused.
 */
import { parseArn, taskDefinitionArn } from './arns.js';
import type { EngineContext, OperationTable } from './context.js';
import { clientError, invalidParameter, taskDefinitionInactive, taskDefinitionNotFound, taskDefinitionUndescribable } from './errors.js';
import { clone, compact, optEnum, optString, optStringList, reqString, secs, type Json } from './input.js';
import { paginate } from './paging.js';
import type { TaskDefinitionRecord } from './store.js';
import { readTags } from './tags.js';
import { checkFargate, compatibilities, normaliseContainers, normaliseCpu, normaliseMemory, requiresAttributes } from './task-definition-rules.js';

const FAMILY_RE = /^[a-zA-Z0-9_-]{1,255}$/;

/** Members of RegisterTaskDefinitionRequest that are echoed into the TaskDefinition. */
const ECHOED = [
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const;

/** Splits `family`, `family:rev` or a task-definition ARN. */
function parseRef(ref: string): { family: string; revision?: number } {
  const arn = parseArn(ref);
  const body = arn && arn.resourceType === 'task-definition' ? arn.path.join('/') : ref;
  const [family, rev] = body.split(':');
  if (rev === undefined) return { family: family! };
  const revision = Number(rev);
  return { family: family!, revision: Number.isInteger(revision) && revision > 0 ? revision : -1 };
}

/** Looks a definition up; a family alone means its latest ACTIVE revision. */
export function findTaskDefinition(ctx: EngineContext, ref: string): TaskDefinitionRecord | undefined {
  const { family, revision } = parseRef(ref);
  const fam = ctx.store.taskDefinitions.get(family);
  if (!fam) return undefined;
  if (revision !== undefined) return fam.revisions.get(revision);
  let latest: TaskDefinitionRecord | undefined;
  for (const td of fam.revisions.values()) if (td.status === 'ACTIVE' && (!latest || td.revision > latest.revision)) latest = td;
  return latest;
}

/**
 * Resolves a definition a new task or deployment will use: it must exist and be ACTIVE
 * (INACTIVE ones cannot be referenced by RunTask/CreateService/UpdateService, reference §7).
 */
export function resolveLaunchableTaskDefinition(ctx: EngineContext, ref: string): TaskDefinitionRecord {
  const td = findTaskDefinition(ctx, ref);
  if (!td) throw taskDefinitionNotFound();
  if (td.status !== 'ACTIVE') throw taskDefinitionInactive();
  return td;
}

/** The TaskDefinition output shape. */
export function renderTaskDefinition(td: TaskDefinitionRecord): Json {
  return compact({
    ...clone(td.body),
    status: td.status,
    registeredAt: secs(td.registeredAt),
    deregisteredAt: td.deregisteredAt === undefined ? undefined : secs(td.deregisteredAt),
    deleteRequestedAt: td.deleteRequestedAt === undefined ? undefined : secs(td.deleteRequestedAt),
  });
}

function sortedAll(ctx: EngineContext): TaskDefinitionRecord[] {
  const out: TaskDefinitionRecord[] = [];
  for (const fam of ctx.store.taskDefinitions.values()) out.push(...fam.revisions.values());
  return out.sort((a, b) => (a.family === b.family ? a.revision - b.revision : a.family < b.family ? -1 : 1));
}

export const taskDefinitionOperations: OperationTable = {
  RegisterTaskDefinition(ctx, input) {
    const family = reqString(input, 'family');
    if (!FAMILY_RE.test(family)) {
      throw clientError('Family contains invalid characters. Up to 255 letters, numbers, hyphens and underscores are allowed.');
    }
    const tags = readTags(input);
    const body: Json = { family };
    for (const key of ECHOED) if (input[key] !== undefined) body[key] = clone(input[key]);
    const cpu = optString(input, 'cpu');
    const memory = optString(input, 'memory');
    if (cpu !== undefined) body.cpu = normaliseCpu(cpu);
    if (memory !== undefined) body.memory = normaliseMemory(memory);
    const requires = (body.requiresCompatibilities as string[] | undefined) ?? [];
    const fargate = requires.includes('FARGATE');
    if (fargate) checkFargate(body);
    const containers = normaliseContainers({ ...body, containerDefinitions: input.containerDefinitions }, fargate);
    body.volumes ??= [];
    body.placementConstraints ??= [];

    let fam = ctx.store.taskDefinitions.get(family);
    if (!fam) ctx.store.taskDefinitions.set(family, (fam = { name: family, lastRevision: 0, revisions: new Map() }));
    const revision = ++fam.lastRevision;
    const arn = taskDefinitionArn(ctx, family, revision);
    const ordered: Json = {
      taskDefinitionArn: arn,
      containerDefinitions: containers,
      family,
      ...body,
      revision,
      requiresAttributes: requiresAttributes(body, containers),
      compatibilities: compatibilities(body),
      registeredBy: `arn:aws:iam::${ctx.accountId}:root`,
    };
    const record: TaskDefinitionRecord = {
      arn,
      family,
      revision,
      body: ordered,
      status: 'ACTIVE',
      registeredAt: ctx.now(),
      tags,
    };
    fam.revisions.set(revision, record);
    return compact({ taskDefinition: renderTaskDefinition(record), tags: tags.length ? clone(tags) : undefined });
  },

  DescribeTaskDefinition(ctx, input) {
    const td = findTaskDefinition(ctx, reqString(input, 'taskDefinition'));
    if (!td) throw taskDefinitionUndescribable();
    const include = optStringList(input, 'include') ?? [];
    return compact({
      taskDefinition: renderTaskDefinition(td),
      tags: include.includes('TAGS') ? clone(td.tags) : undefined,
    });
  },

  ListTaskDefinitions(ctx, input) {
    // Despite its name, familyPrefix is the full family name (model documentation).
    const family = optString(input, 'familyPrefix');
    const status = optEnum(input, 'status', ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'] as const) ?? 'ACTIVE';
    const sort = optEnum(input, 'sort', ['ASC', 'DESC'] as const) ?? 'ASC';
    let list = sortedAll(ctx).filter((td) => td.status === status && (family === undefined || td.family === family));
    if (sort === 'DESC') list = list.reverse();
    const page = paginate(list.map((td) => td.arn), {
      nextToken: optString(input, 'nextToken'),
      maxResults: input.maxResults as number | undefined,
      defaultMax: 100,
      limit: 100,
    });
    return compact({ taskDefinitionArns: page.items, nextToken: page.nextToken });
  },

  ListTaskDefinitionFamilies(ctx, input) {
    const prefix = optString(input, 'familyPrefix') ?? '';
    const status = optEnum(input, 'status', ['ACTIVE', 'INACTIVE', 'ALL'] as const) ?? 'ACTIVE';
    const families = [...ctx.store.taskDefinitions.values()]
      .filter((f) => f.name.startsWith(prefix))
      .filter((f) => {
        const hasActive = [...f.revisions.values()].some((td) => td.status === 'ACTIVE');
        return status === 'ALL' || (status === 'ACTIVE' ? hasActive : !hasActive);
      })
      .map((f) => f.name)
      .sort();
    const page = paginate(families, {
      nextToken: optString(input, 'nextToken'),
      maxResults: input.maxResults as number | undefined,
      defaultMax: 100,
      limit: 100,
    });
    return compact({ families: page.items, nextToken: page.nextToken });
  },

  DeregisterTaskDefinition(ctx, input) {
    const ref = reqString(input, 'taskDefinition');
    if (parseRef(ref).revision === undefined) throw clientError('Revision must be specified for DeregisterTaskDefinition.');
    const td = findTaskDefinition(ctx, ref);
    if (!td) throw taskDefinitionUndescribable();
    if (td.status === 'ACTIVE') {
      td.status = 'INACTIVE';
      td.deregisteredAt = ctx.now();
    }
    return { taskDefinition: renderTaskDefinition(td) };
  },

  DeleteTaskDefinitions(ctx, input) {
    const refs = optStringList(input, 'taskDefinitions');
    if (!refs || refs.length === 0) throw invalidParameter('taskDefinitions can not be blank.');
    if (refs.length > 10) throw invalidParameter('You can specify a maximum of 10 task definitions.');
    const taskDefinitions: Json[] = [];
    const failures: Json[] = [];
    for (const ref of refs) {
      const { revision } = parseRef(ref);
      if (revision === undefined) throw invalidParameter('The specified task definition must include a revision.');
      const td = findTaskDefinition(ctx, ref);
      // Failure texts are UNCONFIRMED (reference §7, §8.7).
      if (!td) {
        failures.push({ arn: ref, reason: 'The specified task definition does not exist. Specify a valid account, family, revision and try again.' });
      } else if (td.status === 'ACTIVE') {
        failures.push({
          arn: td.arn,
          reason: 'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
        });
      } else {
        if (td.status === 'INACTIVE') {
          td.status = 'DELETE_IN_PROGRESS';
          td.deleteRequestedAt = ctx.now();
        }
        taskDefinitions.push(renderTaskDefinition(td));
      }
    }
    return { taskDefinitions, failures };
  },
};
