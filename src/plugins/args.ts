/** Argument checks shared by plugin functions; failures are `PluginLookupError`s naming the function. */
import { PluginLookupError } from './errors.js';
import type { TemplateFunc } from './types.js';

/** Declares a template function's argument count (read by the template engine) and returns it. */
export function withArity<F extends TemplateFunc>(fn: F, min: number, max = min): F {
  fn.arity = { min, max };
  return fn;
}

/** Throws unless `min <= args.length <= max`. */
export function checkArity(fn: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw new PluginLookupError(`${fn}: wrong number of arguments: want ${want}, got ${args.length}`);
  }
}

/** The argument as a string, or an error naming the parameter. */
export function stringArg(fn: string, param: string, v: unknown): string {
  if (typeof v !== 'string') throw new PluginLookupError(`${fn}: ${param} must be a string, got ${v === null ? 'null' : typeof v}`);
  return v;
}

/** The argument as a non-negative integer (numeric strings accepted, as Jsonnet and YAML users write them). */
export function indexArg(fn: string, param: string, v: unknown): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new PluginLookupError(`${fn}: ${param} must be a non-negative integer, got ${JSON.stringify(v) ?? String(v)}`);
  }
  return n;
}
