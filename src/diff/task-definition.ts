/**
 * Task-definition normalisation before diff: ecspresso's tdToTaskDefinitionInput (remote reduced
 * to registerable fields) and sortTaskDefinition, applied to both sides.
 */
import type { Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import type { TaskDefinitionInput } from '../definitions/types.js';
import { toNumberCPU, toNumberMemory } from '../definitions/units.js';
import { normalizeContainer } from './container.js';
import {
  child,
  children,
  dropIfEqual,
  isObject,
  pick,
  prune,
  sortByField,
  sortByJson,
  sortStrings,
  toJson,
  type JsonObject,
} from './json.js';
import { normalizeTags } from './tags.js';

/** Options for {@link normalizeTaskDefinition}. */
export interface NormalizeTaskDefinitionOptions {
  /** Tag keys left out of the comparison (config `ignore.tags`). */
  ignoreTags?: readonly string[];
  /**
   * Tags of a remote task definition: DescribeTaskDefinition returns them next to the
   * definition (`include: ["TAGS"]`), not inside it. When given they replace `td.tags`.
   */
  tags?: readonly Tag[];
}

/** A task definition in canonical form: plain JSON, RegisterTaskDefinition fields only. */
export type NormalizedTaskDefinition = JsonObject;

/**
 * The fields RegisterTaskDefinition accepts. Everything else DescribeTaskDefinition returns
 * (taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt,
 * registeredBy, deregisteredAt, deleteRequestedAt) is server state and never compared.
 * ecspresso's list plus `inferenceAccelerators` and `enableFaultInjection`, which are
 * registerable too (ecspresso would silently ignore a change to them).
 */
const REGISTERABLE = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'tags',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const;

/**
 * Normalises a local task definition (RegisterTaskDefinition input) or a remote one
 * (DescribeTaskDefinition's `taskDefinition`, with `tags` passed in the options) into the form
 * both sides are compared in. Pure: the argument is not modified.
 *
 * Rules (docs/diff.md lists each with its reason): registerable fields only; task `cpu`
 * "0.25 vCPU" → "256" and `memory` "0.5 GB" → "512"; containers sorted by name; per container
 * environment/secrets sorted by name, mountPoints/portMappings/volumesFrom by JSON, awsvpc/host
 * hostPort = containerPort, server defaults dropped; placementConstraints, volumes,
 * requiresCompatibilities, tags and proxyConfiguration.properties sorted; nulls and empty
 * arrays/objects removed.
 */
export function normalizeTaskDefinition(
  td: TaskDefinitionInput | TaskDefinition,
  opts: NormalizeTaskDefinitionOptions = {},
): NormalizedTaskDefinition {
  const json = toJson(td);
  const source = isObject(json) ? json : {};
  if (opts.tags !== undefined) source.tags = toJson(opts.tags) ?? [];
  const out = (prune(pick(source, REGISTERABLE)) as JsonObject | undefined) ?? {};

  // ecspresso toNumberCPU / toNumberMemory: RegisterTaskDefinition accepts "0.25 vCPU" and
  // "0.5 GB" but stores CPU units and MiB. An unreadable unit expression is kept as written.
  if (out.cpu !== undefined) out.cpu = toNumberCPU(out.cpu as string | number) ?? out.cpu;
  if (out.memory !== undefined) out.memory = toNumberMemory(out.memory as string | number) ?? out.memory;

  const networkMode = typeof out.networkMode === 'string' ? out.networkMode : undefined;
  // Without networkMode, Linux tasks use bridge: the two spellings are the same definition.
  dropIfEqual(out, 'networkMode', 'bridge');
  // Newer DescribeTaskDefinition responses include `enableFaultInjection: false` (the default).
  dropIfEqual(out, 'enableFaultInjection', false);

  for (const c of children(out, 'containerDefinitions')) normalizeContainer(c, networkMode);
  // ecspresso: containers sorted by name (their order has no meaning to ECS).
  sortByField(out, 'containerDefinitions', 'name');

  sortByJson(out, 'placementConstraints');
  sortStrings(out, 'requiresCompatibilities');
  // Volumes are matched by name from mountPoints; ecspresso sorts them by JSON, whose first
  // difference is the name for well-formed definitions. Sorting by name is the same order.
  sortByJson(out, 'volumes');
  sortByField(out, 'volumes', 'name');
  normalizeTags(out, opts.ignoreTags);
  const proxy = child(out, 'proxyConfiguration');
  if (proxy) sortByField(proxy, 'properties', 'name');

  return (prune(out) as JsonObject | undefined) ?? {};
}
