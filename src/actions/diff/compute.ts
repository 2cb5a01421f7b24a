/**
 * One definition diff: normalise the local and the remote side with `src/diff/` and compare them.
 * Pure; the caller fetches the remote side.
 */
import type { Service, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import { diffJson, normalizeServicePair, normalizeTaskDefinition, type Change } from '../../diff/index.js';
import type { ServiceDefinition, TaskDefinitionInput } from '../../definitions/types.js';

/** The diff of one definition (service or task definition). */
export interface DefinitionDiff {
  kind: 'service' | 'taskDefinition';
  /** The remote's ARN ('' when it does not exist yet), the `---` header. */
  remoteName: string;
  /** The local file, the `+++` header. */
  localName: string;
  /** False when the remote does not exist (the service will be created). */
  remoteExists: boolean;
  changed: boolean;
  /** Unified diff text ('' when unchanged); coloured when asked. */
  unified: string;
  changes: Change[];
  /** Canonical normalised JSON of each side ('' for a missing remote), e.g. for `--external`. */
  remoteText: string;
  localText: string;
}

/** Options shared by both diffs. */
export interface DefinitionDiffOptions {
  localName: string;
  ignoreTags?: readonly string[];
  color?: boolean;
}

function pack(kind: DefinitionDiff['kind'], remoteName: string, remoteExists: boolean, r: ReturnType<typeof diffJson>, localName: string): DefinitionDiff {
  return { kind, remoteName, localName, remoteExists, changed: r.changed, unified: r.unified, changes: r.changes, remoteText: r.remoteText, localText: r.localText };
}

/** Service diff; `remote` undefined (or INACTIVE) means the service will be created. */
export function diffService(local: ServiceDefinition, remote: Service | undefined, o: DefinitionDiffOptions): DefinitionDiff {
  const live = remote && remote.status !== 'INACTIVE' ? remote : undefined;
  const n = normalizeServicePair(local, live, { ignoreTags: o.ignoreTags });
  const name = live?.serviceArn ?? '';
  return pack('service', name, live !== undefined, diffJson(n.remote, n.local, { remoteName: name, localName: o.localName, color: o.color }), o.localName);
}

/** Task definition diff; `remote` undefined means nothing is registered in the family yet. */
export function diffTaskDefinition(
  local: TaskDefinitionInput,
  remote: { taskDefinition: TaskDefinition; tags: Tag[] } | undefined,
  o: DefinitionDiffOptions,
): DefinitionDiff {
  const l = normalizeTaskDefinition(local, { ignoreTags: o.ignoreTags });
  const r = remote ? normalizeTaskDefinition(remote.taskDefinition, { ignoreTags: o.ignoreTags, tags: remote.tags }) : undefined;
  const name = remote?.taskDefinition.taskDefinitionArn ?? '';
  return pack('taskDefinition', name, remote !== undefined, diffJson(r, l, { remoteName: name, localName: o.localName, color: o.color }), o.localName);
}
