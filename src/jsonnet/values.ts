import type { Node } from './ast.js';
import type { JObject } from './objects.js';

/** A Jsonnet runtime value. Primitives are plain JS values; arrays hold lazy elements. */
export type Value = null | boolean | number | string | JArray | JObject | JFunction;

/** A possibly not yet evaluated value. */
export interface Lazy {
  get(): Value;
}

/** An already evaluated value. */
export class Ready implements Lazy {
  constructor(readonly value: Value) {}
  get(): Value {
    return this.value;
  }
}

const READY_NULL = new Ready(null);
const READY_TRUE = new Ready(true);
const READY_FALSE = new Ready(false);

/** Wraps a value as a Lazy, sharing instances for the common constants. */
export function ready(v: Value): Lazy {
  if (v === null) return READY_NULL;
  if (v === true) return READY_TRUE;
  if (v === false) return READY_FALSE;
  return new Ready(v);
}

/** Thrown when a value depends on itself (`local x = x; x`). */
export class CycleError extends Error {}

/**
 * A lazily computed, cached value (call-by-need). Evaluating a thunk that is already being
 * evaluated means the value depends on itself, which can never terminate.
 */
export class Thunk implements Lazy {
  private state = 0; // 0 = not started, 1 = running, 2 = done
  private value: Value = null;
  constructor(private compute: (() => Value) | null) {}
  get(): Value {
    if (this.state === 2) return this.value;
    if (this.state === 1) throw new CycleError('Infinite recursion: a value depends on itself');
    this.state = 1;
    try {
      this.value = this.compute!();
      this.state = 2;
      this.compute = null;
      return this.value;
    } finally {
      if (this.state === 1) this.state = 0;
    }
  }
}

/** A Jsonnet array: a list of lazy elements. */
export class JArray {
  constructor(readonly elems: Lazy[]) {}
  get length(): number {
    return this.elems.length;
  }
  at(i: number): Value {
    return this.elems[i].get();
  }
  static of(values: Value[]): JArray {
    return new JArray(values.map(ready));
  }
}

/** Env key of the current `self` object. */
export const SELF: unique symbol = Symbol('self');
/** Env key of the layer index whose left part is `super`. */
export const SUPER: unique symbol = Symbol('super');
/** Env key of the outermost object (`$`). */
export const DOLLAR: unique symbol = Symbol('$');

/**
 * A variable environment: variables are own or inherited properties (prototype chain), so a
 * child scope is `Object.create(parent)`. `self`, the super depth and `$` use symbol keys.
 */
export interface Env {
  [name: string]: Lazy;
  [SELF]?: JObject;
  [SUPER]?: number;
  [DOLLAR]?: JObject;
}

/** Creates a scope whose parent is `parent` (or an empty root). */
export function childEnv(parent: Env | null): Env {
  return Object.create(parent) as Env;
}

/** Context given to builtins: how to call functions and where the call is. */
export interface CallContext {
  call(fn: Value, args: Value[]): Value;
  /** std.extVar: the external variable's value (fails when undefined). */
  extVar(name: string): Value;
  /** std.native: the native function, or null when there is none of that name. */
  native(name: string): Value;
  /** std.trace: reports a trace message. */
  trace(message: string): void;
  /** Source file and line of the call (for std.trace). */
  readonly file: string;
  readonly line: number;
}

/** A builtin (std) function implemented in TypeScript. Params ending in `?` are optional. */
export interface Builtin {
  name: string;
  params: string[];
  /** When true, `fn` receives Lazy args (for arguments that must not be forced). */
  lazy?: boolean;
  fn: (args: any[], ctx: CallContext) => Value;
}

/** A function value: a closure over a Jsonnet body, or a builtin. */
export class JFunction {
  constructor(
    readonly name: string,
    readonly params: readonly { name: string; def: Node | null }[],
    readonly body: Node | null,
    readonly env: Env | null,
    readonly builtin: Builtin | null = null,
  ) {}

  static fromBuiltin(b: Builtin, displayName = b.name): JFunction {
    return new JFunction(
      displayName,
      b.params.map((p) => ({ name: p.replace(/\?$/, ''), def: null })),
      null,
      null,
      b,
    );
  }

  /** Number of parameters that must be given. */
  get required(): number {
    if (this.builtin) return this.builtin.params.filter((p) => !p.endsWith('?')).length;
    return this.params.filter((p) => p.def === null).length;
  }
}

/** The Jsonnet type name of a value, as returned by std.type. */
export function typeName(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean': return 'boolean';
    case 'number': return 'number';
    case 'string': return 'string';
    default: break;
  }
  if (v instanceof JArray) return 'array';
  if (v instanceof JFunction) return 'function';
  return 'object';
}
