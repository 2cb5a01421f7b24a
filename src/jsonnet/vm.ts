import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { PendingFetch } from '../pending.js';
import type { Loc } from './ast.js';
import { BuiltinFailure, JsonnetError, fail } from './errors.js';
import { Evaluator, MAX_STACK, type EvalHost } from './evaluator.js';
import { fromJson, toJson, type JsonValue } from './manifest.js';
import { parse } from './parser.js';
import { staticCheck } from './static-check.js';
import { stdForFile } from './stdlib/index.js';
import { JArray, JFunction, Thunk, childEnv, type Lazy, type Value } from './values.js';

/** A function callable from Jsonnet as `std.native(name)`. Arguments and result are plain JSON. */
export interface NativeFunction {
  params: string[];
  fn: (...args: JsonValue[]) => JsonValue;
}

/** Options of an evaluation. */
export interface JsonnetOptions {
  /** `std.extVar` string values (`--ext-str`). */
  extStr?: Record<string, string>;
  /** `std.extVar` values given as Jsonnet code (`--ext-code`). */
  extCode?: Record<string, string>;
  /** Functions returned by `std.native(name)`. */
  nativeFunctions?: Record<string, NativeFunction>;
  /** Library directories (`-J`), searched after the importing file's directory; later entries win. */
  importPaths?: string[];
  /** Reads a file, or returns undefined when it does not exist. Defaults to the file system. */
  readFile?: (path: string) => string | undefined;
  /** Receives `std.trace` messages (`TRACE: file:line message`). Defaults to writing to stderr. */
  trace?: (message: string) => void;
}

function defaultRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** One evaluation: parses files, caches imports and ext vars, evaluates and manifests. */
export class Vm implements EvalHost {
  private readonly ev = new Evaluator(this);
  private readonly files = new Map<string, Lazy>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly extCache = new Map<string, Lazy>();
  private readonly read: (path: string) => string | undefined;

  constructor(private readonly opts: JsonnetOptions = {}) {
    this.read = opts.readFile ?? defaultRead;
  }

  /** Evaluates source text as file `file` and returns the (unmanifested) value. */
  evalSource(file: string, src: string): Value {
    const ast = parse(file, src);
    staticCheck(ast, ['std']);
    const env = childEnv(null);
    env.std = new Thunk(() => stdForFile(file));
    return this.ev.evalNode(ast, env);
  }

  /** Evaluates and manifests to JSON; a top-level function is called with its defaults. */
  run(file: string, src: string, fromDisk = false): JsonValue {
    // The main file counts as read, so importing it again does not read it twice.
    if (fromDisk) this.texts.set(resolve(file), src);
    try {
      let v = this.evalSource(file, src);
      if (v instanceof JFunction) v = this.ev.apply(v, [], [], { file, line: 1, col: 1 });
      return toJson(v);
    } catch (err) {
      throw normalize(err, file);
    }
  }

  private readText(path: string): string | undefined {
    const key = resolve(path);
    if (this.texts.has(key)) return this.texts.get(key);
    const t = this.read(path);
    this.texts.set(key, t);
    return t;
  }

  private locate(path: string, from: Loc): { found: string; text: string } {
    const candidates = isAbsolute(path)
      ? [path]
      : [join(dirname(from.file), path), ...[...(this.opts.importPaths ?? [])].reverse().map((d) => join(d, path))];
    for (const c of candidates) {
      const text = this.readText(c);
      if (text !== undefined) return { found: c, text };
    }
    throw new JsonnetError(`Couldn't open import ${JSON.stringify(path)}: no match locally or in the Jsonnet library paths`, from);
  }

  importValue(kind: 'import' | 'importstr' | 'importbin', path: string, from: Loc): Value {
    const { found, text } = this.locate(path, from);
    if (kind === 'importstr') return text;
    if (kind === 'importbin') {
      const bytes = this.opts.readFile ? Buffer.from(text, 'utf8') : readFileSync(found);
      return JArray.of([...bytes]);
    }
    const key = resolve(found);
    let lazy = this.files.get(key);
    if (!lazy) {
      lazy = new Thunk(() => this.evalSource(found, text));
      this.files.set(key, lazy);
    }
    try {
      return lazy.get();
    } catch (e) {
      if (e instanceof JsonnetError) e.addFrame(from, `import ${JSON.stringify(path)}`);
      throw e;
    }
  }

  extVar(name: string): Value {
    const s = this.opts.extStr;
    if (s && Object.prototype.hasOwnProperty.call(s, name)) return s[name];
    const c = this.opts.extCode;
    if (c && Object.prototype.hasOwnProperty.call(c, name)) {
      let lazy = this.extCache.get(name);
      if (!lazy) {
        lazy = new Thunk(() => this.evalSource(`<extvar:${name}>`, c[name]));
        this.extCache.set(name, lazy);
      }
      return lazy.get();
    }
    return fail(`Undefined external variable: ${name}`);
  }

  trace(message: string): void {
    if (this.opts.trace) this.opts.trace(message);
    else process.stderr.write(message + '\n');
  }

  native(name: string): Value {
    const nf = this.opts.nativeFunctions?.[name];
    if (!nf || !Object.prototype.hasOwnProperty.call(this.opts.nativeFunctions, name)) return null;
    return JFunction.fromBuiltin({
      name,
      params: nf.params,
      fn: (args: Value[]) => {
        const json = args.map((a) => toJson(a));
        let result: JsonValue;
        try {
          result = nf.fn(...json);
        } catch (err) {
          if (err instanceof PendingFetch) throw err;
          const msg = err instanceof Error ? err.message : String(err);
          throw new BuiltinFailure(msg, { cause: err });
        }
        return fromJson(result);
      },
    });
  }
}

/** Maps JS-level failures (stack overflow, stray builtin failures) to JsonnetErrors. */
function normalize(err: unknown, file: string): unknown {
  const top = { file, line: 1, col: 1 };
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return new JsonnetError(`Max stack frames exceeded (more than ${MAX_STACK} nested calls or too deep recursion).`, top, 'runtime', err);
  }
  if (err instanceof BuiltinFailure) return new JsonnetError(err.message, top, 'runtime', err.cause);
  return err;
}

