/**
 * A structured list of differences between two normalised JSON values, for `--output json` and
 * for library callers that want more than "changed or not".
 */
import { canonicalString, isObject, type JsonObject, type JsonValue } from './json.js';

/** One difference. `path` is `""` for the whole value. */
export interface Change {
  /**
   * Where, e.g. `containerDefinitions[name=app].environment[name=TZ].value`, `subnets`,
   * `dockerLabels["com.example"]`. Items of lists whose members all carry a distinct `name`
   * (or `key`, for tags) are addressed by it; other list items by index.
   */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** The remote value (absent for `added`). */
  before?: JsonValue;
  /** The local value (absent for `removed`). */
  after?: JsonValue;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function keyPath(base: string, key: string): string {
  if (IDENT.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** The identity field of a list's items (`name` or `key`), when every item has a distinct one. */
function identityField(a: JsonValue[], b: JsonValue[]): string | undefined {
  for (const field of ['name', 'key']) {
    const ok = (list: JsonValue[]) => {
      const seen = new Set<string>();
      for (const x of list) {
        if (!isObject(x) || typeof x[field] !== 'string' || seen.has(x[field] as string)) return false;
        seen.add(x[field] as string);
      }
      return true;
    };
    if (ok(a) && ok(b)) return field;
  }
  return undefined;
}

function idSegment(field: string, id: string): string {
  return /^[\w.:/@+-]*$/.test(id) && id !== '' ? `[${field}=${id}]` : `[${field}=${JSON.stringify(id)}]`;
}

/**
 * The differences from `before` (remote) to `after` (local), depth first in key order. Lists of
 * named objects are matched by name; other lists of objects with the same length are compared
 * item by item; any other differing list is one `changed` entry (for sorted sets such as subnets
 * that reads better than index-by-index changes). `before` undefined (nothing deployed yet)
 * lists every top-level member of `after` as added.
 */
export function computeChanges(before: JsonValue | undefined, after: JsonValue | undefined): Change[] {
  const out: Change[] = [];
  if (before === undefined && isObject(after)) walk({}, after, '', out);
  else walk(before, after, '', out);
  return out;
}

function walk(a: JsonValue | undefined, b: JsonValue | undefined, path: string, out: Change[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ path, kind: 'added', after: b });
    return;
  }
  if (b === undefined) {
    out.push({ path, kind: 'removed', before: a });
    return;
  }
  if (isObject(a) && isObject(b)) {
    walkObject(a, b, path, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    walkArray(a, b, path, out);
    return;
  }
  if (canonicalString(a) !== canonicalString(b)) out.push({ path, kind: 'changed', before: a, after: b });
}

function walkObject(a: JsonObject, b: JsonObject, path: string, out: Change[]): void {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) walk(a[k], b[k], keyPath(path, k), out);
}

function walkArray(a: JsonValue[], b: JsonValue[], path: string, out: Change[]): void {
  if (canonicalString(a) === canonicalString(b)) return;
  const field = identityField(a, b);
  if (field !== undefined) {
    const byId = (list: JsonValue[]) => new Map(list.map((x) => [(x as JsonObject)[field] as string, x]));
    const ma = byId(a);
    const mb = byId(b);
    const ids = [...ma.keys(), ...[...mb.keys()].filter((id) => !ma.has(id))];
    for (const id of ids) walk(ma.get(id), mb.get(id), `${path}${idSegment(field, id)}`, out);
    return;
  }
  if (a.length === b.length && a.every(isObject) && b.every(isObject)) {
    a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`, out));
    return;
  }
  out.push({ path, kind: 'changed', before: a, after: b });
}
