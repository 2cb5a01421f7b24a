/** Building RunTask's input from the service's placement and network settings. Pure. */
import type { PropagateTags, RunTaskCommandInput, Service, Tag, ServiceVolumeConfiguration, TaskManagedEBSVolumeConfiguration, TaskOverride, TaskVolumeConfiguration } from '@aws-sdk/client-ecs';
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
  /** RunTask's idempotency token (`--client-token`). */
  clientToken?: string;
  /** Whether the service's managed EBS volumes are deleted when the task stops (default true, as ecspresso). */
  ebsDeleteOnTermination?: boolean;
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
  if (o.clientToken) input.clientToken = o.clientToken;
  // A definition has them at the top; a described service on its PRIMARY deployment.
  const declared = sv && 'volumeConfigurations' in sv ? sv.volumeConfigurations : (sv as Service | undefined)?.deployments?.find((d) => d.status === 'PRIMARY')?.volumeConfigurations;
  const volumes = taskVolumes(declared, o.ebsDeleteOnTermination ?? true);
  if (volumes.length) input.volumeConfigurations = volumes;
  return structuredClone(input);
}

/**
 * The service's managed EBS volumes as RunTask wants them (TaskVolumeConfiguration): the same
 * settings, a termination policy, and no tag specifications that propagate from the service
 * (a one-off task has no service to take them from), as ecspresso does.
 */
function taskVolumes(configs: ServiceVolumeConfiguration[] | undefined, deleteOnTermination: boolean): TaskVolumeConfiguration[] {
  return (configs ?? [])
    .filter((v) => v.name && v.managedEBSVolume)
    .map((v) => {
      const { tagSpecifications, ...ebs } = v.managedEBSVolume!;
      const tags = (tagSpecifications ?? []).filter((t) => t.propagateTags !== 'SERVICE');
      return { name: v.name, managedEBSVolume: { ...ebs, ...(tags.length ? { tagSpecifications: tags } : {}), terminationPolicy: { deleteOnTermination } } as TaskManagedEBSVolumeConfiguration };
    });
}
