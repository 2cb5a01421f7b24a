/**
 * A Go `text/template` engine: the template language of ecspresso configs and definition
 * files. Synchronous, like Go's; functions needing I/O throw `PendingFetch` (see
 * `src/pending.ts`), which propagates unchanged so the caller can fetch and render again.
 * Syntax, functions and the differences from Go are documented in docs/templates.md.
 */
import { TemplateError } from '../errors.js';
import { and, BUILTINS, or, type FuncMap, type TemplateFunc } from './builtins.js';
import { execute } from './exec.js';
import type { Node } from './nodes.js';
import { parse } from './parser.js';

export { baseFuncs, jsonEscape } from './funcs.js';
export { sprint } from './fmt.js';
export { sprintf } from './printf.js';
export { withArity, type FuncArity, type FuncMap, type TemplateFunc } from './builtins.js';
export { TemplateArgumentError } from './values.js';

/** Options of {@link renderTemplate}. */
export interface RenderOptions {
  /** Name used in error positions (usually the file path). */
  file: string;
  /** Functions beyond the builtins; they override builtins of the same name. */
  funcs?: FuncMap;
  /** The initial dot (and `$`). */
  data?: unknown;
  /** Supplies a function the template calls but `funcs` lacks (else: "function not defined"). */
  missingFunc?: (name: string) => TemplateFunc | undefined;
}

/** Options of {@link parseTemplate}. */
export interface ParseOptions {
  file: string;
  funcs?: FuncMap;
  /** Supplies a function the template calls but `funcs` lacks (else: "function not defined"). */
  missingFunc?: (name: string) => TemplateFunc | undefined;
}

const SHORT_CIRCUIT = new Set([and, or]);

/** A last resort for nesting that exhausts the JavaScript stack despite the depth limits. */
function guardStack<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RangeError) throw new TemplateError('template nested too deeply', { file }, e);
    throw e;
  }
}

/** A parsed template, ready to execute any number of times. */
export class Template {
  /** @internal Use {@link parseTemplate}. */
  constructor(
    readonly file: string,
    private readonly text: string,
    private readonly funcs: FuncMap,
    private readonly root: Node[],
    private readonly defs: Map<string, Node[]>,
  ) {}

  /** Names of the templates this text `define`s (or declares with `block`). */
  definedTemplates(): string[] {
    return [...this.defs.keys()].sort();
  }

  /**
   * Renders with `data` as dot. Throws `TemplateError` (with the position in the original
   * text) on failure, or a function's `PendingFetch` unchanged.
   */
  execute(data?: unknown): string {
    const ctx = { text: this.text, file: this.file, funcs: this.funcs, defs: this.defs, shortCircuit: SHORT_CIRCUIT };
    return guardStack(this.file, () => execute(ctx, this.root, data));
  }
}

/**
 * Parses `text` once for repeated execution. Calls of unknown functions are parse errors, as
 * in Go, so `funcs` must already hold every function the template uses.
 */
export function parseTemplate(text: string, opts: ParseOptions): Template {
  const funcs: FuncMap = { ...BUILTINS, ...opts.funcs };
  const has = (name: string): boolean => {
    if (Object.prototype.hasOwnProperty.call(funcs, name) && typeof funcs[name] === 'function') return true;
    const supplied = opts.missingFunc?.(name);
    if (supplied) funcs[name] = supplied;
    return supplied !== undefined;
  };
  const { root, defs } = guardStack(opts.file, () => parse(text, opts.file, has));
  return new Template(opts.file, text, funcs, root, defs);
}

/** Parses and executes `text` in one step. */
export function renderTemplate(text: string, opts: RenderOptions): string {
  return parseTemplate(text, opts).execute(opts.data);
}
