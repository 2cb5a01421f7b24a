/**
 * A pure TypeScript Jsonnet interpreter, compatible with go-jsonnet for ecspresso configs and
 * definitions. Synchronous; native functions may throw `PendingFetch` to ask the caller to
 * fetch a value and evaluate again.
 */
import { Vm, type JsonnetOptions, type NativeFunction } from './vm.js';
import type { JsonValue } from './manifest.js';
import { JsonnetError } from './errors.js';
import { readFileSync } from 'node:fs';

export type { JsonValue } from './manifest.js';
export type { JsonnetOptions, NativeFunction } from './vm.js';
export { JsonnetError, type JsonnetFrame, type JsonnetPos, type JsonnetErrorKind } from './errors.js';
export { toJsonnetText } from './jsonnet-text.js';

/** Evaluates a Jsonnet file (read with `opts.readFile` or the file system) to JSON. */
export function evaluateFile(path: string, opts: JsonnetOptions = {}): JsonValue {
  let src: string | undefined;
  if (opts.readFile) src = opts.readFile(path);
  else {
    try { src = readFileSync(path, 'utf8'); } catch { src = undefined; }
  }
  if (src === undefined) {
    throw new JsonnetError(`Opening input file: ${path}: no such file or directory`, { file: path, line: 1, col: 1 }, 'static');
  }
  return new Vm(opts).run(path, src, true);
}

/** Evaluates Jsonnet source; `filename` names it in errors and anchors relative imports. */
export function evaluateSnippet(filename: string, source: string, opts: JsonnetOptions = {}): JsonValue {
  return new Vm(opts).run(filename, source);
}

/** Re-exported for callers that want the option and function types together. */
export type { NativeFunction as JsonnetNativeFunction };
