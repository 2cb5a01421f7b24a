import { fail } from '../errors.js';
import { JObject } from '../objects.js';
import { JArray, JFunction, typeName, type Builtin, type CallContext, type Value } from '../values.js';

/** A builtin's implementation: receives forced arguments (or Lazy ones for lazy builtins). */
export type Impl = (args: any[], ctx: CallContext) => Value;

/** Declares a builtin. Params ending in `?` are optional (passed as `undefined`). */
export function builtin(name: string, params: string[], fn: Impl, lazy = false): Builtin {
  return { name, params, fn, lazy };
}

/** Fails with go-jsonnet's type error wording. */
export function typeFail(v: Value, want: string): never {
  return fail(`Unexpected type ${typeName(v)}, expected ${want}`);
}

/** Argument checkers: return the value with its JS type, or fail with a type error. */
export function str(v: Value): string {
  return typeof v === 'string' ? v : typeFail(v, 'string');
}
export function num(v: Value): number {
  return typeof v === 'number' ? v : typeFail(v, 'number');
}
export function bool(v: Value): boolean {
  return typeof v === 'boolean' ? v : typeFail(v, 'boolean');
}
export function arr(v: Value): JArray {
  return v instanceof JArray ? v : typeFail(v, 'array');
}
export function obj(v: Value): JObject {
  return v instanceof JObject ? v : typeFail(v, 'object');
}
export function func(v: Value): JFunction {
  return v instanceof JFunction ? v : typeFail(v, 'function');
}
/** An integral number (fails on fractions). */
export function int(v: Value, what = 'value'): number {
  const n = num(v);
  if (!Number.isInteger(n)) fail(`Expected an integer ${what}, got ${n}`);
  return n;
}

/** All elements of an array, forced. */
export function values(a: JArray): Value[] {
  const out: Value[] = new Array(a.length);
  for (let i = 0; i < out.length; i++) out[i] = a.elems[i].get();
  return out;
}

/** Calls an optional key function (identity when absent). */
export function keyOf(ctx: CallContext, keyF: Value | undefined): (v: Value) => Value {
  if (keyF === undefined || keyF === null) return (v) => v;
  const f = func(keyF);
  return (v) => ctx.call(f, [v]);
}
