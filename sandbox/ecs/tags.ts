/** Tags on clusters, services, tasks and task definitions: TagResource, UntagResource, ListTagsForResource. */
import type { EngineContext, OperationTable } from './context.js';
import { invalidParameter } from './errors.js';
import { clone, optList, optStringList, reqString, type Json } from './input.js';
import { parseArn, taskIdFrom } from './arns.js';
import type { Tag } from './store.js';

/** Validates a tags input list (`[{key, value}]`, at most 50, no `aws:` prefix). */
export function readTags(input: Json, key = 'tags'): Tag[] {
  const list = optList<Json>(input, key) ?? [];
  if (list.length > 50) throw invalidParameter('The maximum number of tags per resource is 50.');
  return list.map((t) => {
    if (typeof t?.key !== 'string' || t.key === '') throw invalidParameter('Tag keys must not be empty.');
    if (t.key.toLowerCase().startsWith('aws:')) {
      throw invalidParameter('Tag keys with the prefix aws: are reserved for use by AWS.');
    }
    return { key: t.key, value: typeof t.value === 'string' ? t.value : '' };
  });
}

/** Merges `add` into `tags`, replacing values of existing keys. */
export function mergeTags(tags: Tag[], add: Tag[]): Tag[] {
  const out = tags.filter((t) => !add.some((a) => a.key === t.key));
  return [...out, ...add];
}

/** Finds the tag list of the resource an ARN names, or throws as ECS does for unknown resources. */
function tagHolder(ctx: EngineContext, resourceArn: string): { tags: Tag[] } {
  const arn = parseArn(resourceArn);
  const missing = () => invalidParameter('The specified resource could not be found.');
  if (!arn || arn.service !== 'ecs') throw invalidParameter('Invalid resource ARN.');
  const s = ctx.store;
  switch (arn.resourceType) {
    case 'cluster': {
      const c = s.clusters.get(arn.path.join('/'));
      if (!c || c.status !== 'ACTIVE') throw missing();
      return c;
    }
    case 'service': {
      const svc = s.services.get(resourceArn);
      if (!svc) throw missing();
      return svc;
    }
    case 'task': {
      const id = taskIdFrom(resourceArn);
      const task = [...s.tasks.values()].find((t) => t.id === id);
      if (!task) throw missing();
      return task;
    }
    case 'task-definition': {
      const [family, rev] = arn.path.join('/').split(':');
      const td = s.taskDefinitions.get(family ?? '')?.revisions.get(Number(rev));
      if (!td) throw missing();
      return td;
    }
    default:
      throw invalidParameter(`Tagging is not supported for resource type ${arn.resourceType}.`);
  }
}

export const tagOperations: OperationTable = {
  TagResource(ctx, input) {
    const holder = tagHolder(ctx, reqString(input, 'resourceArn'));
    const add = readTags(input);
    if (holder.tags.length + add.filter((a) => !holder.tags.some((t) => t.key === a.key)).length > 50) {
      throw invalidParameter('The maximum number of tags per resource is 50.');
    }
    holder.tags = mergeTags(holder.tags, add);
    return {};
  },
  UntagResource(ctx, input) {
    const holder = tagHolder(ctx, reqString(input, 'resourceArn'));
    const keys = optStringList(input, 'tagKeys');
    if (!keys) throw invalidParameter('tagKeys can not be blank.');
    holder.tags = holder.tags.filter((t) => !keys.includes(t.key));
    return {};
  },
  ListTagsForResource(ctx, input) {
    return { tags: clone(tagHolder(ctx, reqString(input, 'resourceArn')).tags) };
  },
};
