/**
 * The diff itself: canonical JSON text of both sides, a unified diff with ecspresso's headers
 * (`--- <remote>` / `+++ <local>`), optional colour, and a structured change list.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import picocolors from 'picocolors';
import { computeChanges, type Change } from './changes.js';
import { canonicalJson, toJson, type JsonValue } from './json.js';

/** Options for {@link diffJson}. */
export interface DiffJsonOptions {
  /** The `---` header: the remote's ARN or name (ecspresso prints the ARN, '' when none). */
  remoteName: string;
  /** The `+++` header: the local definition's path. */
  localName: string;
  /** ANSI colours: red `-` lines, green `+` lines, cyan `@@` hunk headers. Default false. */
  color?: boolean;
  /** Lines of context around each change. Default 3 (ecspresso's gotextdiff uses 3). */
  context?: number;
}

/** The result of {@link diffJson}. */
export interface DiffJsonResult {
  /** True when the canonical texts differ (including "remote does not exist yet"). */
  changed: boolean;
  /** The unified diff, '' when unchanged. Coloured only with `color: true`. */
  unified: string;
  /** The differences, path by path (remote → local). */
  changes: Change[];
  /** The canonical text of each side ('' for a missing remote), e.g. for `diff --external`. */
  remoteText: string;
  localText: string;
}

/**
 * Diffs two already-normalised values. Both are serialised canonically (object keys sorted
 * recursively, arrays in their normalised order, 2-space indent, trailing newline). `remote`
 * undefined or null (not created yet) diffs against empty text, so every line is added and the
 * only `-` line is the `---` header, as in ecspresso.
 */
export function diffJson(remote: unknown, local: unknown, opts: DiffJsonOptions): DiffJsonResult {
  const r = remote === undefined || remote === null ? undefined : toJson(remote);
  const l = toJson(local);
  const remoteText = canonicalJson(r);
  const localText = canonicalJson(l);
  if (remoteText === localText) return { changed: false, unified: '', changes: [], remoteText, localText };

  const patch = createTwoFilesPatch(opts.remoteName, opts.localName, remoteText, localText, undefined, undefined, {
    context: opts.context ?? 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
  return {
    changed: true,
    unified: opts.color ? colorize(patch) : patch,
    changes: computeChanges(r, l as JsonValue | undefined),
    remoteText,
    localText,
  };
}

/** Colours a unified diff line by line (ecspresso's coloredDiff, plus cyan hunk headers). */
export function colorize(patch: string): string {
  const pc = picocolors.createColors(true);
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('@@')) return pc.cyan(line);
      if (line.startsWith('-')) return pc.red(line);
      if (line.startsWith('+')) return pc.green(line);
      return line;
    })
    .join('\n');
}
