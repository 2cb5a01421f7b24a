/**
 * Address lookup in a Terraform v4 state, following fujiwara/tfstate-lookup (pure, no I/O).
 *
 * Index keys:
 *   `output.NAME` (the output's value, unwrapped),
 *   `[module.M[...].]…[data.]TYPE.NAME` for a single instance,
 *   `…TYPE.NAME[0]` / `…TYPE.NAME["key"]` for count / for_each instances,
 *   `[module…]data.terraform_remote_state.NAME` with every attribute unwrapped (so `.outputs.x` works).
 * Parent addresses of count / for_each resources (`TYPE.NAME`) give the array / map of instances
 * on an exact match. Otherwise the longest indexed prefix ending at a `.` or `[` boundary wins
 * and the rest of the address is a path (see path.ts). A null or absent value is a miss.
 */
import { PluginLookupError } from '../errors.js';
import { evaluatePath, parsePath, PathSyntaxError } from './path.js';
import type { TfInstance, TfResource, TfState } from './state.js';

/** Everything addressable in one state. Build with `indexState`. */
export interface TfstateIndex {
  /** Outputs and resource instances by address. */
  readonly entries: ReadonlyMap<string, unknown>;
  /** Parent addresses of count (array) and for_each (map) resources. */
  readonly groups: ReadonlyMap<string, unknown>;
  /** Addresses whose whole value is sensitive (outputs marked `sensitive`). */
  readonly sensitive: ReadonlySet<string>;
}

/** A lookup result: the value and the indexed address it came from. */
export type LookupResult = { found: true; value: unknown; matched: string; sensitive: boolean } | { found: false };

/** An output is stored as `{value, type}`; tfstate-lookup unwraps it when both are present. */
function outputValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (o.value !== undefined && o.value !== null && o.type !== undefined && o.type !== null) return o.value;
  }
  return v;
}

function instanceData(i: TfInstance): unknown {
  return i.attributes ?? i.attributes_flat ?? null;
}

/** Builds the address index of a state. */
export function indexState(state: TfState): TfstateIndex {
  const entries = new Map<string, unknown>();
  const groups = new Map<string, unknown>();
  const sensitive = new Set<string>();
  for (const [name, out] of Object.entries(state.outputs ?? {})) {
    const key = `output.${name}`;
    entries.set(key, outputValue(out));
    if (out && typeof out === 'object' && out.sensitive === true) sensitive.add(key);
  }
  for (const r of state.resources ?? []) {
    if (r.mode !== 'managed' && r.mode !== 'data') continue;
    const base = `${r.module ? `${r.module}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
    if (r.mode === 'data' && r.type === 'terraform_remote_state') indexRemoteState(r, base, entries);
    else indexResource(r, base, entries, groups);
  }
  return { entries, groups, sensitive };
}

function indexRemoteState(r: TfResource, base: string, entries: Map<string, unknown>): void {
  const attrs = r.instances?.[0]?.attributes;
  if (!attrs || typeof attrs !== 'object') return;
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) data[k] = outputValue(v);
  entries.set(base, data);
}

function indexResource(r: TfResource, base: string, entries: Map<string, unknown>, groups: Map<string, unknown>): void {
  // Deposed objects are old copies awaiting destruction; the current object has the same key.
  const instances = (r.instances ?? []).filter((i) => !i.deposed);
  let list: unknown[] | undefined;
  let map: Record<string, unknown> | undefined;
  for (const inst of instances) {
    const data = instanceData(inst);
    const k = inst.index_key;
    if (k === undefined || k === null) {
      entries.set(base, data);
    } else if (typeof k === 'number') {
      entries.set(`${base}[${k}]`, data);
      list ??= [];
      while (list.length <= k) list.push(null);
      list[k] = data;
    } else {
      entries.set(`${base}[${JSON.stringify(String(k))}]`, data);
      map ??= {};
      map[String(k)] = data;
    }
  }
  if (list) groups.set(base, list);
  else if (map) groups.set(base, map);
}

/** Template addresses may use single quotes (`x['a']`); tfstate-lookup rewrites them to double quotes. */
export function normalizeAddress(address: string): string {
  return address.includes("'") ? address.replace(/'/g, '"') : address;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Looks up `address`. Throws `PluginLookupError` only for a malformed path after the matched prefix. */
export function lookupAddress(index: TfstateIndex, address: string): LookupResult {
  if (index.entries.has(address)) {
    const value = index.entries.get(address);
    return present(value) ? { found: true, value, matched: address, sensitive: index.sensitive.has(address) } : { found: false };
  }
  if (index.groups.has(address)) {
    return { found: true, value: index.groups.get(address), matched: address, sensitive: false };
  }
  // Longest prefix first: cut at every `.` / `[` from the right.
  for (let i = address.length - 1; i > 0; i--) {
    const c = address[i];
    if (c !== '.' && c !== '[') continue;
    const prefix = address.slice(0, i);
    if (!index.entries.has(prefix)) continue;
    let segs;
    try {
      segs = parsePath(address.slice(i));
    } catch (err) {
      if (err instanceof PathSyntaxError) throw new PluginLookupError(`invalid tfstate address ${address}: ${err.message}`, { cause: err });
      throw err;
    }
    const value = evaluatePath(index.entries.get(prefix), segs);
    return present(value) ? { found: true, value, matched: prefix, sensitive: index.sensitive.has(prefix) } : { found: false };
  }
  return { found: false };
}

/** Every indexed address (outputs, instances and parent addresses), sorted. */
export function listAddresses(index: TfstateIndex): string[] {
  return [...new Set([...index.entries.keys(), ...index.groups.keys()])].sort();
}
