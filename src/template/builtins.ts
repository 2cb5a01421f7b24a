/**
 * text/template's predefined functions, with Go's semantics and error messages. `and` and
 * `or` here are the plain versions; the executor short-circuits them itself, as Go does.
 */
import { UserInputError } from '../errors.js';
import { sprint, sprintln } from './fmt.js';
import { sprintf } from './printf.js';
import { expectString, isInt, isMap, isTrue, mapGet, mapSize, typeName, utf8Length } from './values.js';

/** Accepted argument counts of a template function (`max` may be `Infinity`). */
export interface FuncArity {
  min: number;
  max: number;
}

/**
 * A template function. Declare its argument count with an `arity` property to have calls
 * checked (`wrong number of args for NAME: want 1 got 2`); without one, any count is accepted.
 */
export type TemplateFunc = ((...args: any[]) => unknown) & { arity?: FuncArity };

/** Functions by the name templates call them. */
export type FuncMap = Record<string, TemplateFunc>;

/** Sets `fn.arity` and returns `fn`. */
export function withArity<F extends TemplateFunc>(fn: F, min: number, max = min): F {
  fn.arity = { min, max };
  return fn;
}

/** A failed builtin call; the executor reports it as `error calling NAME: message`. */
function fail(message: string): never {
  throw new UserInputError('TEMPLATE_CALL', message);
}

type Kind = 'nil' | 'bool' | 'number' | 'string' | 'other';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'nil';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
  }
  return 'other';
}

function eq(a: unknown, ...others: unknown[]): boolean {
  if (others.length === 0) fail('missing argument for comparison');
  const ka = kindOf(a);
  for (const b of others) {
    const kb = kindOf(b);
    if (ka !== kb) {
      // nil is unequal to anything else; other mixes are errors.
      if (ka !== 'nil' && kb !== 'nil') fail('incompatible types for comparison');
      continue;
    }
    if (ka === 'nil') return true;
    if (ka === 'other') {
      const x = typeof b === 'function' ? a : b;
      fail(`non-comparable type ${sprint([x])}: ${typeName(x)}`);
    }
    // eslint-disable-next-line eqeqeq
    if (a == b) return true; // == so that 1n equals 1
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'nil' || ka === 'other' || kb === 'nil' || kb === 'other') fail('invalid type for comparison');
  if (ka !== kb) fail('incompatible types for comparison');
  if (ka === 'bool') fail('invalid type for comparison');
  return (a as number | string) < (b as number | string);
}

function length(v: unknown): number {
  if (v === null || v === undefined) fail('len of nil pointer');
  if (typeof v === 'string') return utf8Length(v);
  if (Array.isArray(v)) return v.length;
  if (isMap(v)) return mapSize(v);
  return fail(`len of type ${typeName(v)}`);
}

/** Go's indexArg: an int in [0, cap) — or [0, cap] for slice bounds. */
function indexArg(v: unknown, cap: number, inclusive: boolean): number {
  if (v === null || v === undefined) fail('cannot index slice/array with nil');
  if (!isInt(v)) fail(`cannot index slice/array with type ${typeName(v)}`);
  const x = Number(v);
  if (x < 0 || x > cap || (!inclusive && x === cap)) fail(`index out of range: ${x}`);
  return x;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === null || item === undefined) fail('index of untyped nil');
  for (const i of indexes) {
    if (item === null || item === undefined) fail('index of nil pointer');
    if (typeof item === 'string') {
      // Go strings are bytes: indexing yields a byte value.
      const bytes = Buffer.from(item, 'utf8');
      item = bytes[indexArg(i, bytes.length, false)];
    } else if (Array.isArray(item)) {
      item = item[indexArg(i, item.length, false)];
    } else if (isMap(item)) {
      if (!(item instanceof Map) && typeof i !== 'string') {
        fail(i === null || i === undefined ? 'value is nil; should be of type string' : `value has type ${typeName(i)}; should be string`);
      }
      item = mapGet(item, i);
    } else {
      fail(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === null || item === undefined) fail('slice of untyped nil');
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let bytes: Buffer | undefined;
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) fail('cannot 3-index slice a string');
    bytes = Buffer.from(item, 'utf8');
    len = bytes.length;
  } else if (Array.isArray(item)) {
    len = item.length;
  } else {
    return fail(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((v, i) => (idx[i] = indexArg(v, len, true)));
  if (idx[0] > idx[1]) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  return bytes ? bytes.subarray(idx[0], idx[1]).toString('utf8') : (item as unknown[]).slice(idx[0], idx[1]);
}

/** Go's evalArgs for html/js/urlquery: one string as is, else Sprint (nil prints <no value>). */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

const HTML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\ufffd' };

function html(...args: unknown[]): string {
  return evalArgs(args).replace(/[<>&'"\0]/g, (c) => HTML_ESCAPES[c]);
}

const JS_ESCAPES: Record<string, string> = {
  '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D',
};

function js(...args: unknown[]): string {
  // eslint-disable-next-line no-control-regex
  return evalArgs(args).replace(/[\\'"<>&=\x00-\x1f]|[^\x00-\x7f]/gu, (c) => {
    const esc = JS_ESCAPES[c];
    if (esc) return esc;
    const cp = c.codePointAt(0)!;
    if (cp < 0x20) return '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(c) ? c : '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  });
}

function urlquery(...args: unknown[]): string {
  let out = '';
  for (const b of Buffer.from(evalArgs(args), 'utf8')) {
    const unreserved = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e;
    out += unreserved ? String.fromCharCode(b) : b === 0x20 ? '+' : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function call(fn: unknown, ...args: unknown[]): unknown {
  if (fn === null || fn === undefined) fail('call of nil');
  if (typeof fn !== 'function') fail(`non-function of type ${typeName(fn)}`);
  const f = fn as TemplateFunc;
  checkArity('function', f, args.length);
  return f(...args);
}

/** Throws Go's message when `n` arguments do not fit `fn.arity`. */
export function checkArity(name: string, fn: TemplateFunc, n: number): void {
  const a = fn.arity;
  if (!a || (n >= a.min && n <= a.max)) return;
  let want: string;
  if (a.min === a.max) want = `${a.min}`;
  else if (a.max === Infinity) want = `at least ${a.min}`;
  else if (a.min === 0) want = `at most ${a.max}`;
  else want = `${a.min} to ${a.max}`;
  throw new UserInputError('TEMPLATE_ARITY', `wrong number of args for ${name}: want ${want} got ${n}`);
}

/** The first argument whose truth is `want`, else the last argument. */
function firstWithTruth(args: unknown[], want: boolean): unknown {
  for (const a of args) if (isTrue(a) === want) return a;
  return args[args.length - 1];
}

/** The plain (not short-circuiting) `and`: the first false argument, or the last. */
export const and = withArity((...args: unknown[]) => firstWithTruth(args, false), 1, Infinity);
/** The plain `or`: the first true argument, or the last. */
export const or = withArity((...args: unknown[]) => firstWithTruth(args, true), 1, Infinity);

/** The builtin function map; template-supplied functions override these, as in Go. */
export const BUILTINS: Readonly<FuncMap> = Object.freeze({
  and,
  or,
  not: withArity((a: unknown) => !isTrue(a), 1),
  len: withArity(length, 1),
  index: withArity(index, 1, Infinity),
  slice: withArity(slice, 1, Infinity),
  eq: withArity(eq, 1, Infinity),
  ne: withArity((a: unknown, b: unknown) => !eq(a, b), 2),
  lt: withArity(lt, 2),
  le: withArity((a: unknown, b: unknown) => lt(a, b) || eq(a, b), 2),
  gt: withArity((a: unknown, b: unknown) => !(lt(a, b) || eq(a, b)), 2),
  ge: withArity((a: unknown, b: unknown) => !lt(a, b), 2),
  print: (...args: unknown[]) => sprint(args),
  println: (...args: unknown[]) => sprintln(args),
  printf: withArity((format: unknown, ...args: unknown[]) => sprintf(expectString(format), args), 1, Infinity),
  html,
  js,
  urlquery,
  call: withArity(call, 1, Infinity),
});
