/**
 * Plain-JSON helpers shared by the normalisers: a JSON value type, deep copy, pruning of empty
 * values, stable sorting and canonical serialisation (keys sorted recursively, 2-space indent).
 */

/** A JSON value as the normalisers produce it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a non-null, non-array object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/**
 * A deep copy as plain JSON: Dates become ISO strings, `undefined` members disappear. The
 * normalisers copy first, so callers' objects (often SDK responses) are never mutated.
 */
export function toJson(v: unknown): JsonValue | undefined {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map((x) => toJson(x) ?? null);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const j = toJson(x);
    if (j !== undefined) out[k] = j;
  }
  return out;
}

/**
 * Keys whose value is meaningful even when it is `{}`: a `dockerVolumeConfiguration` of `{}` is
 * a Docker volume with default settings, whereas no such key at all means a bind mount.
 */
const KEEP_EMPTY_OBJECT = new Set(['dockerVolumeConfiguration']);

/**
 * Removes nulls, empty arrays and empty objects, recursively (ecspresso's MarshalJSONForAPI drops
 * nulls and empty arrays; AWS returns `[]` for lists the user never wrote, e.g. `mountPoints`,
 * `volumesFrom`, and `{}` for some structures, e.g. `volumes[].host`). Returns undefined when the
 * value itself is empty. Empty strings, `0` and `false` are values and stay.
 */
export function prune(v: JsonValue, key?: string): JsonValue | undefined {
  if (v === null) return undefined;
  if (Array.isArray(v)) {
    const items = v.map((x) => prune(x)).filter((x): x is JsonValue => x !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x, k);
      if (p !== undefined) out[k] = p;
    }
    if (Object.keys(out).length === 0 && !(key !== undefined && KEEP_EMPTY_OBJECT.has(key))) return undefined;
    return out;
  }
  return v;
}

/** Code-unit string order (Go's sort order for ASCII, which is what AWS identifiers are). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `JSON.stringify` with object keys sorted recursively: the identity used to sort and compare. */
export function canonicalString(v: JsonValue | undefined): string {
  if (v === undefined) return '';
  return JSON.stringify(sortKeys(v));
}

/** The value with object keys sorted recursively (arrays keep their order). */
export function sortKeys(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort(compareStrings)) out[k] = sortKeys(v[k]!);
  return out;
}

/**
 * Canonical text: keys sorted recursively, 2-space indent, trailing newline; '' for a missing
 * value (ecspresso's toDiffString turns `null` into ''). Go marshals `map[string]any` with sorted
 * keys too, so the text matches ecspresso's key order.
 */
export function canonicalJson(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '';
  return `${JSON.stringify(sortKeys(v), null, 2)}\n`;
}

/** A stable sort of `list[key]` in place, by a string key (missing keys sort as ''). */
export function sortByField(obj: JsonObject, key: string, field: string): void {
  const list = obj[key];
  if (!Array.isArray(list)) return;
  const name = (x: JsonValue) => (isObject(x) && typeof x[field] === 'string' ? (x[field] as string) : '');
  list.sort((a, b) => compareStrings(name(a), name(b)));
}

/** A stable sort of `list[key]` in place, by canonical JSON (ecspresso sorts by `json.Marshal`). */
export function sortByJson(obj: JsonObject, key: string): void {
  const list = obj[key];
  if (!Array.isArray(list)) return;
  const keyed = list.map((x) => [canonicalString(x), x] as const);
  keyed.sort((a, b) => compareStrings(a[0], b[0]));
  list.splice(0, list.length, ...keyed.map(([, x]) => x));
}

/** A sort of a string list in place (sets such as subnets and security groups). */
export function sortStrings(obj: JsonObject, key: string): void {
  const list = obj[key];
  if (!Array.isArray(list)) return;
  list.sort((a, b) => compareStrings(String(a), String(b)));
}

/** The object at `obj[key]`, or undefined. */
export function child(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = obj?.[key];
  return isObject(v) ? v : undefined;
}

/** The objects in the list at `obj[key]` (non-objects skipped). */
export function children(obj: JsonObject | undefined, key: string): JsonObject[] {
  const v = obj?.[key];
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** Deletes `obj[key]` when it equals `value` (a server default the user need not write). */
export function dropIfEqual(obj: JsonObject, key: string, value: JsonValue): void {
  if (obj[key] === value) delete obj[key];
}

/** Sets `obj[key]` to `value` when it is missing (a default ecspresso fills on both sides). */
export function fill(obj: JsonObject, key: string, value: JsonValue): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/** Only the listed keys of `obj`, in that order. */
export function pick(obj: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k]!;
  return out;
}
