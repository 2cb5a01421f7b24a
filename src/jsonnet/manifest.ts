import { BuiltinFailure, JsonnetError, fail } from './errors.js';
import { JObject } from './objects.js';
import { JArray, JFunction, ready, type Value } from './values.js';

/** A plain JSON value, the result of manifesting a Jsonnet value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/**
 * Formats a number as go-jsonnet does: integers with `%.0f`, others with `%.17g`
 * (so `0.1 + 0.2` is `0.30000000000000004` and `0.1` is `0.10000000000000001`).
 */
export function numToString(v: number): string {
  if (Number.isInteger(v)) {
    if (Object.is(v, -0)) return '-0';
    return Math.abs(v) < 1e21 ? v.toFixed(0) : BigInt(v).toString();
  }
  const [m, e] = v.toExponential(16).split('e');
  const exp = Number(e);
  const mant = m.replace(/\.?0+$/, '');
  if (exp < -4 || exp >= 17) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp >= 0) {
    const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    out = frac ? `${int}.${frac}` : int;
  } else {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return neg ? `-${out}` : out;
}

/** JSON string literal with go-jsonnet's escaping (also escapes U+007F..U+009F). */
export function escapeJson(s: string): string {
  // Fast path: nothing to escape.
  if (!/["\\\u0000-\u001f\u007f-\u009f]/.test(s)) return `"${s}"`;
  let out = '"';
  for (const c of s) {
    switch (c) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      default: {
        const code = c.codePointAt(0)!;
        out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
      }
    }
  }
  return out + '"';
}

function pathString(path: (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return s.startsWith('.') ? s.slice(1) : s || '<root>';
}

/** Deeply evaluates a value to plain JSON: visible fields only, keys sorted, asserts checked. */
export function toJson(v: Value, path: (string | number)[] = []): JsonValue {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) fail('Not a number');
    return v;
  }
  if (v instanceof JArray) {
    const out: JsonValue[] = new Array(v.elems.length);
    for (let i = 0; i < out.length; i++) {
      path.push(i);
      out[i] = toJson(v.elems[i].get(), path);
      path.pop();
    }
    return out;
  }
  if (v instanceof JFunction) fail(`Couldn't manifest function as JSON (at ${pathString(path)})`);
  const o = v as JObject;
  o.checkAsserts();
  const out: { [k: string]: JsonValue } = {};
  for (const k of o.fields(false)) {
    path.push(k);
    let fv: JsonValue;
    try {
      fv = toJson(o.get(k), path);
    } catch (err) {
      const loc = err instanceof BuiltinFailure ? o.fieldLoc(k) : null;
      if (loc) throw new JsonnetError(err instanceof Error ? err.message : String(err), loc);
      throw err;
    }
    path.pop();
    if (k === '__proto__') Object.defineProperty(out, k, { value: fv, enumerable: true, writable: true, configurable: true });
    else out[k] = fv;
  }
  return out;
}

/** Converts plain JSON (from parseJson, parseYaml, native functions) into a Jsonnet value. */
export function fromJson(v: unknown): Value {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean': case 'string': return v;
    case 'number': return v;
    case 'bigint': return Number(v);
    case 'object': break;
    default: fail(`Cannot convert ${typeof v} to a Jsonnet value`);
  }
  if (Array.isArray(v)) return new JArray(v.map((e) => ready(fromJson(e))));
  if (v instanceof Date) return v.toISOString();
  return JObject.fromEntries(Object.entries(v as object).map(([k, e]) => [k, ready(fromJson(e))]));
}

/** Options of manifestJsonEx: indent, newline and key/value separator. */
export interface JsonStyle {
  indent: string;
  newline: string;
  kvSep: string;
  /** Single-line mode of std.toString: `[1, 2]`, `{"a": 1}`, empty as `[ ]` / `{ }`. */
  inline?: boolean;
}

/** std.manifestJsonEx and friends: Jsonnet value to JSON text. */
export function manifestJson(v: Value, style: JsonStyle, cindent = '', path: (string | number)[] = []): string {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return numToString(v);
  if (typeof v === 'string') return escapeJson(v);
  if (v instanceof JFunction) fail(`Tried to manifest function at ${pathString(path)}`);
  const inner = cindent + style.indent;
  if (v instanceof JArray) {
    if (v.length === 0) return style.inline ? '[ ]' : '[]';
    const parts: string[] = [];
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      parts.push(style.inline ? manifestJson(v.at(i), style, '', path) : inner + manifestJson(v.at(i), style, inner, path));
      path.pop();
    }
    if (style.inline) return `[${parts.join(', ')}]`;
    return `[${style.newline}${parts.join(',' + style.newline)}${style.newline}${cindent}]`;
  }
  const o = v as JObject;
  o.checkAsserts();
  const keys = o.fields(false);
  if (keys.length === 0) return style.inline ? '{ }' : '{}';
  const parts: string[] = [];
  for (const k of keys) {
    path.push(k);
    const val = manifestJson(o.get(k), style, inner, path);
    parts.push(style.inline ? `${escapeJson(k)}: ${val}` : `${inner}${escapeJson(k)}${style.kvSep}${val}`);
    path.pop();
  }
  if (style.inline) return `{${parts.join(', ')}}`;
  return `{${style.newline}${parts.join(',' + style.newline)}${style.newline}${cindent}}`;
}

const INLINE: JsonStyle = { indent: '', newline: '', kvSep: ': ', inline: true };

/** std.toString: strings unchanged, everything else as single-line JSON. */
export function valueToString(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numToString(v);
  return manifestJson(v, INLINE);
}
