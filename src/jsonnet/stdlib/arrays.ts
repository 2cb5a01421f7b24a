import { fail } from '../errors.js';
import { valueToString } from '../manifest.js';
import { compare, equals } from '../operators.js';
import { chars } from '../strings.js';
import { JArray, Thunk, ready, typeName, type Builtin, type CallContext, type Lazy, type Value } from '../values.js';
import { arr, bool, builtin, func, int, keyOf, num, str, values } from './builtin.js';

/** Arrays and strings both iterate element-wise for map/filter/flatMap. */
function elements(v: Value): Lazy[] {
  if (typeof v === 'string') return chars(v).map(ready);
  return arr(v).elems;
}

/** Stable sort by key (std.sort); keys must be mutually comparable. */
function sortBy(ctx: CallContext, a: JArray, keyF: Value | undefined): Value[] {
  const key = keyOf(ctx, keyF);
  const items = values(a).map((v) => ({ v, k: key(v) }));
  items.sort((x, y) => compare(x.k, y.k));
  return items.map((i) => i.v);
}

function uniq(ctx: CallContext, vals: Value[], keyF: Value | undefined): Value[] {
  const key = keyOf(ctx, keyF);
  const out: Value[] = [];
  let lastKey: Value = null;
  for (const v of vals) {
    const k = key(v);
    if (out.length === 0 || !equals(lastKey, k)) out.push(v);
    lastKey = k;
  }
  return out;
}

/** Merge-walks two sorted sets; `pick` says which elements to keep. */
function setOp(ctx: CallContext, a: Value, b: Value, keyF: Value | undefined, keepA: boolean, keepB: boolean, keepBoth: boolean): JArray {
  const key = keyOf(ctx, keyF);
  const xs = values(arr(a)), ys = values(arr(b));
  const out: Value[] = [];
  let i = 0, j = 0;
  while (i < xs.length && j < ys.length) {
    const c = compare(key(xs[i]), key(ys[j]));
    if (c === 0) { if (keepBoth) out.push(xs[i]); i++; j++; }
    else if (c < 0) { if (keepA) out.push(xs[i]); i++; }
    else { if (keepB) out.push(ys[j]); j++; }
  }
  if (keepA) while (i < xs.length) out.push(xs[i++]);
  if (keepB) while (j < ys.length) out.push(ys[j++]);
  return JArray.of(out);
}

function flattenDeep(v: Value, out: Value[]): void {
  if (v instanceof JArray) for (const e of v.elems) flattenDeep(e.get(), out);
  else out.push(v);
}

function join(sep: Value, a: JArray): Value {
  const vals = values(a);
  if (typeof sep === 'string') {
    const parts: string[] = [];
    vals.forEach((v, i) => {
      if (v === null) return;
      if (typeof v !== 'string') fail(`expected string but arr[${i}] was ${typeName(v)}`);
      parts.push(v);
    });
    return parts.join(sep);
  }
  if (sep instanceof JArray) {
    const out: Lazy[] = [];
    let first = true;
    for (const [i, v] of vals.entries()) {
      if (v === null) continue;
      if (!(v instanceof JArray)) fail(`expected array but arr[${i}] was ${typeName(v)}`);
      if (!first) out.push(...sep.elems);
      out.push(...v.elems);
      first = false;
    }
    return new JArray(out);
  }
  return fail(`join first parameter should be a string or array, got ${typeName(sep)}`);
}

function deepJoin(v: Value): string {
  if (typeof v === 'string') return v;
  if (v instanceof JArray) return v.elems.map((e) => deepJoin(e.get())).join('');
  return fail(`Expected string or array, got ${typeName(v)}`);
}

function minMax(ctx: CallContext, a: Value, keyF: Value | undefined, onEmpty: Lazy | undefined, sign: number): Value {
  const vals = values(arr(a));
  if (vals.length === 0) {
    if (onEmpty !== undefined) return onEmpty.get();
    return fail('Expected at least one element in array. Got none');
  }
  const key = keyOf(ctx, keyF);
  let best = vals[0], bestKey = key(best);
  for (let i = 1; i < vals.length; i++) {
    const k = key(vals[i]);
    if (compare(k, bestKey) * sign > 0) { best = vals[i]; bestKey = k; }
  }
  return best;
}

/** Array builtins: higher-order functions, sets, sorting, aggregation. */
export const arrayBuiltins: Builtin[] = [
  builtin('map', ['func', 'arr'], ([f, a], ctx) => {
    const fn = func(f);
    return new JArray(elements(a).map((e) => new Thunk(() => ctx.call(fn, [e.get()]))));
  }),
  builtin('mapWithIndex', ['func', 'arr'], ([f, a], ctx) => {
    const fn = func(f);
    return new JArray(elements(a).map((e, i) => new Thunk(() => ctx.call(fn, [i, e.get()]))));
  }),
  builtin('filter', ['func', 'arr'], ([f, a], ctx) => {
    const fn = func(f);
    return new JArray(arr(a).elems.filter((e) => bool(ctx.call(fn, [e.get()]))));
  }),
  builtin('filterMap', ['filter_func', 'map_func', 'arr'], ([ff, mf, a], ctx) => {
    const f1 = func(ff), f2 = func(mf);
    return new JArray(arr(a).elems.filter((e) => bool(ctx.call(f1, [e.get()]))).map((e) => new Thunk(() => ctx.call(f2, [e.get()]))));
  }),
  builtin('flatMap', ['func', 'arr'], ([f, a], ctx) => {
    const fn = func(f);
    if (typeof a === 'string') return chars(a).map((c) => str(ctx.call(fn, [c]))).join('');
    const out: Lazy[] = [];
    for (const e of arr(a).elems) {
      const r = ctx.call(fn, [e.get()]);
      if (r === null) continue;
      out.push(...arr(r).elems);
    }
    return new JArray(out);
  }),
  builtin('foldl', ['func', 'arr', 'init'], ([f, a, init], ctx) => {
    const fn = func(f);
    let acc: Value = init;
    for (const e of elements(a)) acc = ctx.call(fn, [acc, e.get()]);
    return acc;
  }),
  builtin('foldr', ['func', 'arr', 'init'], ([f, a, init], ctx) => {
    const fn = func(f);
    const els = elements(a);
    let acc: Value = init;
    for (let i = els.length - 1; i >= 0; i--) acc = ctx.call(fn, [els[i].get(), acc]);
    return acc;
  }),
  builtin('range', ['from', 'to'], ([f, t]) => {
    const a = int(f, 'from'), b = int(t, 'to');
    const out: Value[] = [];
    for (let i = a; i <= b; i++) out.push(i);
    return JArray.of(out);
  }),
  builtin('makeArray', ['sz', 'func'], ([sz, f], ctx) => {
    const n = int(sz, 'size'), fn = func(f);
    if (n < 0) fail(`makeArray requires size >= 0, got ${n}`);
    const out: Lazy[] = [];
    for (let i = 0; i < n; i++) out.push(new Thunk(() => ctx.call(fn, [i])));
    return new JArray(out);
  }),
  builtin('repeat', ['what', 'count'], ([w, c]) => {
    const n = int(c, 'count');
    if (n < 0) fail(`repeat count must be >= 0, got ${n}`);
    if (typeof w === 'string') return w.repeat(n);
    const a = arr(w);
    const out: Lazy[] = [];
    for (let i = 0; i < n; i++) out.push(...a.elems);
    return new JArray(out);
  }),
  builtin('member', ['arr', 'x'], ([a, x]) => {
    if (typeof a === 'string') return a.includes(str(x));
    return values(arr(a)).some((v) => equals(v, x));
  }),
  builtin('contains', ['arr', 'elem'], ([a, x]) => values(arr(a)).some((v) => equals(v, x))),
  builtin('count', ['arr', 'x'], ([a, x]) => values(arr(a)).filter((v) => equals(v, x)).length),
  builtin('find', ['value', 'arr'], ([x, a]) => JArray.of(values(arr(a)).flatMap((v, i) => (equals(v, x) ? [i] : [])))),
  builtin('sort', ['arr', 'keyF?'], ([a, k], ctx) => JArray.of(sortBy(ctx, arr(a), k))),
  builtin('uniq', ['arr', 'keyF?'], ([a, k], ctx) => JArray.of(uniq(ctx, values(arr(a)), k))),
  builtin('set', ['arr', 'keyF?'], ([a, k], ctx) => JArray.of(uniq(ctx, sortBy(ctx, arr(a), k), k))),
  builtin('setInter', ['a', 'b', 'keyF?'], ([a, b, k], ctx) => setOp(ctx, a, b, k, false, false, true)),
  builtin('setUnion', ['a', 'b', 'keyF?'], ([a, b, k], ctx) => setOp(ctx, a, b, k, true, true, true)),
  builtin('setDiff', ['a', 'b', 'keyF?'], ([a, b, k], ctx) => setOp(ctx, a, b, k, true, false, false)),
  builtin('setMember', ['x', 'arr', 'keyF?'], ([x, a, k], ctx) => {
    const key = keyOf(ctx, k);
    const vals = arr(a).elems;
    const kx = key(x);
    let lo = 0, hi = vals.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compare(key(vals[mid].get()), kx);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }),
  builtin('reverse', ['arr'], ([a]) => new JArray(arr(a).elems.slice().reverse())),
  builtin('flattenArrays', ['arrs'], ([a]) => {
    const out: Lazy[] = [];
    for (const v of values(arr(a))) { if (v !== null) out.push(...arr(v).elems); }
    return new JArray(out);
  }),
  builtin('flattenDeepArray', ['value'], ([v]) => { const out: Value[] = []; flattenDeep(v, out); return JArray.of(out); }),
  builtin('all', ['arr'], ([a]) => { for (const e of arr(a).elems) if (!bool(e.get())) return false; return true; }),
  builtin('any', ['arr'], ([a]) => { for (const e of arr(a).elems) if (bool(e.get())) return true; return false; }),
  builtin('sum', ['arr'], ([a]) => values(arr(a)).reduce<number>((s, v) => s + num(v), 0)),
  builtin('avg', ['arr'], ([a]) => {
    const vals = values(arr(a));
    if (vals.length === 0) fail('Cannot calculate average of an empty array.');
    return vals.reduce<number>((s, v) => s + num(v), 0) / vals.length;
  }),
  builtin('minArray', ['arr', 'keyF?', 'onEmpty?'], ([a, k, e]: Lazy[], ctx) => minMax(ctx, a.get(), k?.get(), e, -1), true),
  builtin('maxArray', ['arr', 'keyF?', 'onEmpty?'], ([a, k, e]: Lazy[], ctx) => minMax(ctx, a.get(), k?.get(), e, 1), true),
  builtin('removeAt', ['arr', 'at'], ([a, at]) => {
    const i = int(at, 'index');
    return new JArray(arr(a).elems.filter((_, j) => j !== i));
  }),
  builtin('remove', ['arr', 'elem'], ([a, x]) => {
    const els = arr(a).elems;
    const i = els.findIndex((e) => equals(e.get(), x));
    return i < 0 ? a : new JArray(els.filter((_, j) => j !== i));
  }),
  builtin('join', ['sep', 'arr'], ([sep, a]) => join(sep, arr(a))),
  builtin('deepJoin', ['arr'], ([a]) => deepJoin(a)),
  builtin('lines', ['arr'], ([a]) => {
    const vals = values(arr(a)).filter((v) => v !== null);
    return vals.map((v) => (typeof v === 'string' ? v : fail(`lines expected string but got ${typeName(v)}`)) + '\n').join('');
  }),
];
