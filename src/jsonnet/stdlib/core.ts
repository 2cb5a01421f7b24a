import { parseAllDocuments } from 'yaml';
import { fail } from '../errors.js';
import { fromJson, valueToString } from '../manifest.js';
import { JObject, valueField, type FieldDef } from '../objects.js';
import { equals } from '../operators.js';
import { cpLength } from '../strings.js';
import { JArray, JFunction, Thunk, ready, typeName, type Builtin, type CallContext, type Lazy, type Value } from '../values.js';
import { bool, builtin, func, obj, str } from './builtin.js';

const isType = (name: string, t: string): Builtin => builtin(name, ['v'], ([v]) => typeName(v) === t);

function length(v: Value): number {
  if (typeof v === 'string') return cpLength(v);
  if (v instanceof JArray) return v.length;
  if (v instanceof JObject) return v.fields(false).length;
  if (v instanceof JFunction) return v.params.length;
  return fail(`length operates on strings, objects, functions and arrays, got ${typeName(v)}`);
}

/** std.mergePatch (RFC 7396) on visible fields. */
function mergePatch(target: Value, patch: Value): Value {
  if (!(patch instanceof JObject)) return patch;
  const t = target instanceof JObject ? target : null;
  const m = new Map<string, FieldDef>();
  const keys = new Set([...(t ? t.fields(false) : []), ...patch.fields(false)]);
  for (const k of keys) {
    const inPatch = patch.has(k, false);
    const pv = inPatch ? patch.get(k) : undefined;
    if (inPatch && pv === null) continue;
    const tv = t && t.has(k, false) ? t.get(k) : undefined;
    const v = !inPatch ? tv! : mergePatch(tv === undefined ? null : tv, pv!);
    m.set(k, valueField(ready(v)));
  }
  return JObject.native(m);
}

function isContent(v: Value): boolean {
  if (v === null) return false;
  if (v instanceof JArray) return v.length > 0;
  if (v instanceof JObject) return v.fields(false).length > 0;
  return true;
}

/** std.prune: drops nulls, empty arrays and empty objects, recursively (visible fields only). */
function prune(v: Value): Value {
  if (v instanceof JArray) {
    const out: Value[] = [];
    for (const e of v.elems) {
      const p = prune(e.get());
      if (isContent(p)) out.push(p);
    }
    return JArray.of(out);
  }
  if (v instanceof JObject) {
    const m = new Map<string, FieldDef>();
    for (const k of v.fields(false)) {
      const p = prune(v.get(k));
      if (isContent(p)) m.set(k, valueField(ready(p)));
    }
    return JObject.native(m);
  }
  return v;
}

/**
 * std.parseYaml. go-jsonnet parses YAML 1.1 (yes/no/on/off are booleans, `<<` merges) but
 * leaves timestamps as strings, so the 1.1 schema is used without its timestamp tag.
 */
function parseYaml(text: string): Value {
  const docs = parseAllDocuments(text, {
    version: '1.1',
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const out: unknown[] = [];
  for (const d of docs) {
    if (d.errors.length > 0) fail(`failed to parse YAML: ${d.errors[0].message}`);
    out.push(d.toJS({ maxAliasCount: -1 }));
  }
  if (out.length === 1) return fromJson(out[0]);
  if (out.length === 0) return null;
  return fromJson(out);
}

function mapObject(o: JObject, ctx: CallContext, f: JFunction, includeHidden: boolean): JObject {
  const m = new Map<string, FieldDef>();
  for (const k of o.fields(includeHidden)) {
    m.set(k, valueField(new Thunk(() => ctx.call(f, [k, o.get(k)]))));
  }
  return JObject.native(m);
}

/** Type checks, objects, equality, ext vars and other core builtins. */
export const coreBuiltins: Builtin[] = [
  builtin('type', ['x'], ([v]) => typeName(v)),
  isType('isString', 'string'), isType('isNumber', 'number'), isType('isBoolean', 'boolean'),
  isType('isObject', 'object'), isType('isArray', 'array'), isType('isFunction', 'function'),
  builtin('isNull', ['v'], ([v]) => v === null),
  builtin('length', ['x'], ([v]) => length(v)),
  builtin('objectFields', ['o'], ([o]) => JArray.of(obj(o).fields(false))),
  builtin('objectFieldsAll', ['o'], ([o]) => JArray.of(obj(o).fields(true))),
  builtin('objectFieldsEx', ['o', 'inc_hidden'], ([o, h]) => JArray.of(obj(o).fields(bool(h)))),
  builtin('objectHas', ['o', 'f'], ([o, f]) => obj(o).has(str(f), false)),
  builtin('objectHasAll', ['o', 'f'], ([o, f]) => obj(o).has(str(f), true)),
  builtin('objectHasEx', ['o', 'f', 'inc_hidden'], ([o, f, h]) => obj(o).has(str(f), bool(h))),
  builtin('objectValues', ['o'], ([o]) => { const x = obj(o); return new JArray(x.fields(false).map((k) => new Thunk(() => x.get(k)))); }),
  builtin('objectValuesAll', ['o'], ([o]) => { const x = obj(o); return new JArray(x.fields(true).map((k) => new Thunk(() => x.get(k)))); }),
  builtin('objectKeysValues', ['o'], ([o]) => keysValues(obj(o), false)),
  builtin('objectKeysValuesAll', ['o'], ([o]) => keysValues(obj(o), true)),
  builtin('objectRemoveKey', ['obj', 'key'], ([o, key]) => {
    const x = obj(o), k = str(key);
    const m = new Map<string, FieldDef>();
    for (const f of x.fields(false)) if (f !== k) m.set(f, valueField(new Thunk(() => x.get(f))));
    return JObject.native(m);
  }),
  builtin('get', ['o', 'f', 'default?', 'inc_hidden?'], ([o, f, d, h]: Lazy[]) => {
    const x = obj(o.get()), name = str(f.get());
    const hidden = h === undefined ? true : bool(h.get());
    if (x.has(name, hidden)) return x.get(name);
    return d === undefined ? null : d.get();
  }, true),
  builtin('mapWithKey', ['func', 'obj'], ([f, o], ctx) => mapObject(obj(o), ctx, func(f), false)),
  builtin('prune', ['a'], ([a]) => prune(a)),
  builtin('mergePatch', ['target', 'patch'], ([t, p]) => mergePatch(t, p)),
  builtin('equals', ['a', 'b'], ([a, b]) => equals(a, b)),
  builtin('primitiveEquals', ['a', 'b'], ([a, b]) => {
    if (typeName(a) !== typeName(b)) return false;
    if (a instanceof JObject || a instanceof JArray || a instanceof JFunction) {
      return fail(`primitiveEquals operates on primitive types, got ${typeName(a)}`);
    }
    return a === b;
  }),
  builtin('xor', ['x', 'y'], ([x, y]) => bool(x) !== bool(y)),
  builtin('xnor', ['x', 'y'], ([x, y]) => bool(x) === bool(y)),
  builtin('id', ['x'], ([x]) => x),
  builtin('toString', ['a'], ([a]) => valueToString(a)),
  builtin('extVar', ['x'], ([x], ctx) => ctx.extVar(str(x))),
  builtin('native', ['name'], ([x], ctx) => ctx.native(str(x))),
  builtin('trace', ['str', 'rest'], ([s, rest]: Lazy[], ctx) => {
    ctx.trace(`TRACE: ${ctx.file}:${ctx.line} ${valueToString(s.get())}`);
    return rest.get();
  }, true),
  builtin('assertEqual', ['a', 'b'], ([a, b]) => {
    if (equals(a, b)) return true;
    return fail(`Assertion failed. ${valueToString(a)} != ${valueToString(b)}`);
  }),
  builtin('parseJson', ['str'], ([s]) => {
    let parsed: unknown;
    try { parsed = JSON.parse(str(s)); } catch (e) { return fail(`failed to parse JSON: ${(e as Error).message}`); }
    return fromJson(parsed);
  }),
  builtin('parseYaml', ['str'], ([s]) => parseYaml(str(s))),
  builtin('isEmpty', ['str'], ([s]) => str(s).length === 0),
];

function keysValues(o: JObject, hidden: boolean): JArray {
  return new JArray(o.fields(hidden).map((k) => ready(JObject.fromEntries([
    ['key', ready(k)],
    ['value', new Thunk(() => o.get(k))],
  ]))));
}

