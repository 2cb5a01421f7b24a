/** Building RunTask's input from the service's placement and network settings. Pure. */
import type { PropagateTags, RunTaskCommandInput, Service, Tag, TaskOverride } from '@aws-sdk/client-ecs';
import { UsageError } from '../../errors.js';
import type { ServiceDefinition } from '../../definitions/types.js';

/** RunTask's `count` limit. */
export const MAX_COUNT = 10;

/**
 * `--tags K=V,K2=V2` (ecspresso's parseTags): empty values allowed (`Foo=`), a trailing comma
 * ignored; a pair without `=` or with an empty key is an error.
 */
export function parseTags(s: string | undefined): Tag[] {
  if (!s) return [];
  const out: Tag[] = [];
  for (const part of s.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`--tags: expected KEY=VALUE, got ${JSON.stringify(part)}`);
    out.push({ key: part.slice(0, eq), value: part.slice(eq + 1) });
  }
  return out;
}

/** Options of {@link runTaskInput}. */
export interface RunTaskInputOptions {
  cluster: string;
  taskDefinition: string;
  count: number;
  /** The running service (DescribeServices) or, when it does not exist, the local definition. */
  service?: Service | ServiceDefinition;
  overrides?: TaskOverride;
  propagateTags?: string;
  tags?: Tag[];
}

/**
 * RunTask's input: the task runs where the service's tasks run (launch type or capacity
 * providers, platform version, awsvpc network, placement), as ecspresso does.
 */
export function runTaskInput(o: RunTaskInputOptions): RunTaskCommandInput {
  if (!Number.isInteger(o.count) || o.count < 1 || o.count > MAX_COUNT) throw new UsageError(`--count must be between 1 and ${MAX_COUNT}, got ${o.count}`);
  const sv = o.service;
  const input: RunTaskCommandInput = { cluster: o.cluster, taskDefinition: o.taskDefinition, count: o.count };
  if (sv?.capacityProviderStrategy?.length) input.capacityProviderStrategy = sv.capacityProviderStrategy;
  else if (sv?.launchType) input.launchType = sv.launchType;
  if (sv?.platformVersion) input.platformVersion = sv.platformVersion;
  if (sv?.networkConfiguration) input.networkConfiguration = sv.networkConfiguration;
  if (sv?.placementConstraints?.length) input.placementConstraints = sv.placementConstraints;
  if (sv?.placementStrategy?.length) input.placementStrategy = sv.placementStrategy;
  if (sv?.enableECSManagedTags) input.enableECSManagedTags = true;
  if (sv?.enableExecuteCommand) input.enableExecuteCommand = true;
  if (o.overrides && Object.keys(o.overrides).length) input.overrides = o.overrides;
  if (o.propagateTags) {
    if (!['SERVICE', 'TASK_DEFINITION', 'NONE'].includes(o.propagateTags)) throw new UsageError(`--propagate-tags must be SERVICE or TASK_DEFINITION, got ${o.propagateTags}`);
    input.propagateTags = o.propagateTags as PropagateTags;
  }
  if (o.tags?.length) input.tags = o.tags;
  return structuredClone(input);
}
