/**
 * The classic (service + task definition) diff as deploy and diff need it: given the local
 * definitions and the described service, fetch the remote task definition and diff both.
 */
import type { ECSClient, Service } from '@aws-sdk/client-ecs';
import { relative, isAbsolute } from 'node:path';
import type { ServiceDefinition, TaskDefinitionInput } from '../../definitions/types.js';
import type { LoadedDefinition } from '../../config/load-definitions.js';
import { describeTaskDefinition } from '../deploy/task-definition.js';
import { diffService, diffTaskDefinition, type DefinitionDiff } from './compute.js';

/** What `diff` (and `deploy --dry-run`) found. */
export interface DiffResult {
  /** True when any definition differs (a service to be created counts). */
  changed: boolean;
  /** Absent with `--without-service` or when the config has no service / service_definition. */
  service?: DefinitionDiff;
  /** Absent when the config has no task_definition. */
  taskDefinition?: DefinitionDiff;
}

/** Inputs of {@link diffClassic}. */
export interface ClassicDiffInputs {
  localService?: LoadedDefinition<ServiceDefinition>;
  /** DescribeServices (with TAGS); undefined when missing. */
  remoteService?: Service;
  localTask?: LoadedDefinition<TaskDefinitionInput>;
  ignoreTags?: readonly string[];
  color?: boolean;
}

/** A path relative to the working directory when it is inside it (for the `+++` header). */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * Diffs the service (when given) and the task definition: the local one against the revision the
 * service runs (ecspresso #218), or the family's latest when there is no service.
 */
export async function diffClassic(ecs: ECSClient, i: ClassicDiffInputs): Promise<DiffResult> {
  const out: DiffResult = { changed: false };
  const live = i.remoteService && i.remoteService.status !== 'INACTIVE' ? i.remoteService : undefined;
  if (i.localService) {
    out.service = diffService(i.localService.value, live, { localName: displayPath(i.localService.file), ignoreTags: i.ignoreTags, color: i.color });
  }
  if (i.localTask) {
    // Express services have no service-level taskDefinition; their PRIMARY deployment's is the one running.
    const ref = live?.taskDefinition ?? live?.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? i.localTask.value.family;
    const remote = ref ? await describeTaskDefinition(ecs, ref) : undefined;
    out.taskDefinition = diffTaskDefinition(i.localTask.value, remote, { localName: displayPath(i.localTask.file), ignoreTags: i.ignoreTags, color: i.color });
  }
  out.changed = Boolean(out.service?.changed || out.taskDefinition?.changed);
  return out;
}

/** The unified text of a diff: service first, then task definition (ecspresso's order). */
export function unifiedText(r: DiffResult): string {
  return [r.service, r.taskDefinition]
    .filter((d): d is DefinitionDiff => d !== undefined && d.changed)
    .map((d) => d.unified.replace(/\n?$/, '\n'))
    .join('');
}

/** The JSON form of a diff (for `--output json`): everything but the texts. */
export function diffData(r: DiffResult): unknown {
  const part = (d: DefinitionDiff | undefined) =>
    d && { remote: d.remoteName || null, local: d.localName, remoteExists: d.remoteExists, changed: d.changed, changes: d.changes };
  return { changed: r.changed, ...(r.service ? { service: part(r.service) } : {}), ...(r.taskDefinition ? { taskDefinition: part(r.taskDefinition) } : {}) };
}
