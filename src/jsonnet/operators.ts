import { fail } from './errors.js';
import { formatValue } from './format.js';
import { valueToString } from './manifest.js';
import { JObject } from './objects.js';
import { chars, cmpStr, cpLength, hasAstral } from './strings.js';
import { JArray, JFunction, typeName, type Value } from './values.js';

/** Fails unless `x` is a finite double (go-jsonnet reports NaN and infinities as errors). */
export function checkNum(x: number): number {
  if (Number.isFinite(x)) return x;
  return fail(Number.isNaN(x) ? 'Not a number' : 'Overflow');
}

function expected(v: Value, want: string): never {
  return fail(`Unexpected type ${typeName(v)}, expected ${want}`);
}

/** Deep equality of std.equals / `==`. Functions cannot be compared. */
export function equals(a: Value, b: Value): boolean {
  if (a === b) return !(a instanceof JFunction) || fail('Cannot test equality of functions');
  const ta = typeName(a);
  if (ta !== typeName(b)) return false;
  switch (ta) {
    case 'array': {
      const x = a as JArray, y = b as JArray;
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!equals(x.at(i), y.at(i))) return false;
      return true;
    }
    case 'object': {
      const x = a as JObject, y = b as JObject;
      const fx = x.fields(false), fy = y.fields(false);
      if (fx.length !== fy.length) return false;
      for (let i = 0; i < fx.length; i++) if (fx[i] !== fy[i]) return false;
      for (const k of fx) if (!equals(x.get(k), y.get(k))) return false;
      return true;
    }
    case 'function': return fail('Cannot test equality of functions');
    default: return false;
  }
}

/** Ordering of `<` etc.: numbers, strings (by code point) and arrays (lexicographic). */
export function compare(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return cmpStr(a, b);
  if (a instanceof JArray && b instanceof JArray) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compare(a.at(i), b.at(i));
      if (c !== 0) return c;
    }
    return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1;
  }
  const ta = typeName(a), tb = typeName(b);
  if (ta !== tb) return fail(`Comparison requires matching types, got ${ta} and ${tb}`);
  return fail(`Values of type ${ta} are not comparable`);
}

/** The `+` operator: numbers, string concatenation (with conversion), arrays, object inheritance. */
export function plus(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return checkNum(a + b);
  if (typeof a === 'string' || typeof b === 'string') return valueToString(a) + valueToString(b);
  if (a instanceof JObject) return b instanceof JObject ? a.extend(b) : expected(b, 'object');
  if (a instanceof JArray) return b instanceof JArray ? new JArray(a.elems.concat(b.elems)) : expected(b, 'array');
  if (typeof a === 'number') return expected(b, 'number');
  return fail(`Binary operator + does not operate on ${typeName(a)}s`);
}

function num(v: Value): number {
  return typeof v === 'number' ? v : expected(v, 'number');
}

/** Converts to a 64-bit integer for bitwise operators. */
function int64(v: Value): bigint {
  const n = num(v);
  if (!Number.isInteger(n)) return BigInt(Math.trunc(n));
  return BigInt(n);
}

/** Binary operators other than `&&`, `||` (short-circuit, in the evaluator) and `in`. */
export function binary(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '+': return plus(a, b);
    case '-': return checkNum(num(a) - num(b));
    case '*': return checkNum(num(a) * num(b));
    case '/': {
      const d = num(b);
      const x = num(a);
      if (d === 0) fail('Division by zero.');
      return checkNum(x / d);
    }
    case '%': {
      if (typeof a === 'string') return formatValue(a, b);
      const x = num(a), d = num(b);
      if (d === 0) fail('Division by zero.');
      return checkNum(x % d);
    }
    case '==': return equals(a, b);
    case '!=': return !equals(a, b);
    case '<': return compare(a, b) < 0;
    case '<=': return compare(a, b) <= 0;
    case '>': return compare(a, b) > 0;
    case '>=': return compare(a, b) >= 0;
    case '&': return Number(BigInt.asIntN(64, int64(a) & int64(b)));
    case '|': return Number(BigInt.asIntN(64, int64(a) | int64(b)));
    case '^': return Number(BigInt.asIntN(64, int64(a) ^ int64(b)));
    case '<<': case '>>': {
      const x = int64(a), s = int64(b);
      if (s < 0n) fail('Shift by negative exponent.');
      const sh = s % 64n;
      return Number(BigInt.asIntN(64, op === '<<' ? x << sh : x >> sh));
    }
    default: return fail(`Unknown binary operator ${op}`);
  }
}

/** Unary `-`, `+`, `!`, `~`. */
export function unary(op: string, v: Value): Value {
  switch (op) {
    case '-': return -num(v);
    case '+': return num(v);
    case '!': return typeof v === 'boolean' ? !v : expected(v, 'boolean');
    case '~': return Number(BigInt.asIntN(64, ~int64(v)));
    default: return fail(`Unknown unary operator ${op}`);
  }
}

/** std.slice / `a[start:end:step]` on arrays and strings. Negative indexes count from the end. */
export function slice(target: Value, start: Value, end: Value, step: Value): Value {
  const isStr = typeof target === 'string';
  if (!isStr && !(target instanceof JArray)) fail(`Unexpected type ${typeName(target)}, expected array or string`);
  const len = isStr ? cpLength(target as string) : (target as JArray).length;
  const idx = (v: Value, dflt: number, what: string): number => {
    if (v === null) return dflt;
    if (typeof v !== 'number') fail(`Slice ${what} must be a number, got ${typeName(v)}`);
    if (!Number.isInteger(v)) fail(`Slice ${what} must be an integer, got ${v}`);
    const n = v < 0 ? Math.max(0, len + v) : v;
    return Math.min(n, len);
  };
  const from = idx(start, 0, 'index');
  const to = idx(end, len, 'end');
  let st = 1;
  if (step !== null) {
    if (typeof step !== 'number' || !Number.isInteger(step)) fail(`Slice step must be an integer, got ${typeName(step)}`);
    if (step <= 0) fail(`Slice step must be greater than 0, got ${step}`);
    st = step;
  }
  if (isStr) {
    const s = target as string;
    if (st === 1 && !hasAstral(s)) return s.slice(from, Math.max(from, to));
    const cs = chars(s);
    let out = '';
    for (let i = from; i < to; i += st) out += cs[i];
    return out;
  }
  const a = target as JArray;
  if (st === 1) return new JArray(a.elems.slice(from, Math.max(from, to)));
  const out = [];
  for (let i = from; i < to; i += st) out.push(a.elems[i]);
  return new JArray(out);
}
