import type { AssertNode, CompSpec, Loc, Node, NodeOf } from './ast.js';
import { BuiltinFailure, JsonnetError } from './errors.js';
import { valueToString } from './manifest.js';
import { JObject, type FieldDef, type ObjectHost } from './objects.js';
import { binary, plus, slice, unary } from './operators.js';
import { cpAt, cpLength } from './strings.js';
import {
  CycleError, DOLLAR, JArray, JFunction, SELF, SUPER, Thunk, childEnv, ready, typeName,
  type CallContext, type Env, type Lazy, type Value,
} from './values.js';

/** go-jsonnet's default limit on nested calls. */
export const MAX_STACK = 500;

/** Converts internal failures to a JsonnetError at `loc`; leaves every other error untouched. */
export function atLoc(err: unknown, loc: Loc): unknown {
  if (err instanceof BuiltinFailure || err instanceof CycleError) {
    return new JsonnetError(err.message, loc, 'runtime', err.cause);
  }
  return err;
}

/** The services the evaluator needs from its surroundings (imports, ext vars, natives). */
export interface EvalHost {
  importValue(kind: 'import' | 'importstr' | 'importbin', path: string, from: Loc): Value;
  extVar(name: string): Value;
  native(name: string): Value;
  trace(message: string): void;
}

/** The tree-walking evaluator. One instance per evaluation (its caches are not shared). */
export class Evaluator implements ObjectHost {
  private depth = 0;
  constructor(readonly host: EvalHost) {}

  lazy(node: Node, env: Env): Lazy {
    if (node.k === 'lit') return ready(node.v);
    return new Thunk(() => this.evalNode(node, env));
  }

  /** Like `lazy`, but shares the thunk of a plain variable (env must be complete). */
  private arg(node: Node, env: Env): Lazy {
    if (node.k === 'var') return env[node.name];
    return this.lazy(node, env);
  }

  private err(msg: string, loc: Loc, cause?: unknown): JsonnetError {
    return new JsonnetError(msg, loc, 'runtime', cause);
  }

  plus(a: Value, b: Value, loc: Loc): Value {
    try { return plus(a, b); } catch (e) { throw atLoc(e, loc); }
  }

  fieldFrame(err: unknown, loc: Loc, name: string): void {
    if (err instanceof JsonnetError) err.addFrame(loc, `field <${name}>`);
  }

  runAssert(a: AssertNode, env: Env): void {
    const c = this.evalNode(a.cond, env);
    if (c === true) return;
    if (c !== false) throw this.err(`Unexpected type ${typeName(c)}, expected boolean`, a.cond.loc);
    throw this.err(a.msg ? valueToString(this.evalNode(a.msg, env)) : 'Object assertion failed.', a.loc);
  }

  evalNode(n: Node, env: Env): Value {
    switch (n.k) {
      case 'lit': return n.v;
      case 'var':
        try { return env[n.name].get(); } catch (e) { throw atLoc(e, n.loc); }
      case 'index': return this.index(n, env);
      case 'call': return this.callNode(n, env);
      case 'self': return env[SELF]!;
      case 'dollar': return env[DOLLAR]!;
      case 'binary': return this.binaryNode(n, env);
      case 'unary': {
        const v = this.evalNode(n.expr, env);
        try { return unary(n.op, v); } catch (e) { throw atLoc(e, n.loc); }
      }
      case 'local': {
        const e2 = childEnv(env);
        for (const b of n.binds) e2[b.name] = this.lazy(b.body, e2);
        return this.evalNode(n.body, e2);
      }
      case 'if': {
        const c = this.evalNode(n.cond, env);
        if (c === true) return this.evalNode(n.then, env);
        if (c === false) return n.else ? this.evalNode(n.else, env) : null;
        throw this.err(`Unexpected type ${typeName(c)}, expected boolean`, n.cond.loc);
      }
      case 'function': return new JFunction(n.name, n.params, n.body, env);
      case 'object': return this.object(n, env);
      case 'objectComp': return this.objectComp(n, env);
      case 'array': return new JArray(n.elems.map((e) => this.arg(e, env)));
      case 'arrayComp': {
        const out: Lazy[] = [];
        this.comp(n.specs, 0, env, (e2) => out.push(this.lazy(n.body, e2)));
        return new JArray(out);
      }
      case 'superIndex': {
        const self = env[SELF]!, depth = env[SUPER]!;
        const name = this.evalNode(n.index, env);
        if (depth === 0) throw this.err('Attempt to use super when there is no super class.', n.loc);
        if (typeof name !== 'string') throw this.err(`Unexpected type ${typeName(name)}, expected string`, n.index.loc);
        if (self.find(name, depth) < 0) throw this.err(`Field does not exist: ${name}`, n.loc);
        return self.getSuper(name, depth);
      }
      case 'inSuper': {
        const name = this.evalNode(n.field, env);
        if (typeof name !== 'string') throw this.err(`Unexpected type ${typeName(name)}, expected string`, n.field.loc);
        return env[SELF]!.find(name, env[SUPER]!) >= 0;
      }
      case 'slice': {
        const t = this.evalNode(n.target, env);
        const opt = (x: Node | null) => (x ? this.evalNode(x, env) : null);
        const s = opt(n.start), e = opt(n.end), st = opt(n.step);
        try { return slice(t, s, e, st); } catch (err) { throw atLoc(err, n.loc); }
      }
      case 'error': {
        const v = this.evalNode(n.expr, env);
        throw this.err(valueToString(v), n.loc);
      }
      case 'assert': {
        const c = this.evalNode(n.cond, env);
        if (c === true) return this.evalNode(n.rest, env);
        if (c !== false) throw this.err(`Unexpected type ${typeName(c)}, expected boolean`, n.cond.loc);
        throw this.err(n.msg ? valueToString(this.evalNode(n.msg, env)) : 'Assertion failed', n.loc);
      }
      case 'import': return this.host.importValue(n.kind, n.path, n.loc);
    }
  }

  private index(n: NodeOf<'index'>, env: Env): Value {
    const t = this.evalNode(n.target, env);
    const i = this.evalNode(n.index, env);
    if (t instanceof JObject) {
      if (typeof i !== 'string') throw this.err(`Unexpected type ${typeName(i)}, expected string`, n.index.loc);
      if (t.find(i) < 0) throw this.err(`Field does not exist: ${i}`, n.loc);
      try { return t.get(i); } catch (e) { throw atLoc(e, n.loc); }
    }
    if (t instanceof JArray || typeof t === 'string') {
      if (typeof i !== 'number') throw this.err(`Unexpected type ${typeName(i)}, expected number`, n.index.loc);
      if (!Number.isInteger(i)) throw this.err(`Index must be an integer, got ${i}`, n.index.loc);
      const len = t instanceof JArray ? t.length : cpLength(t);
      if (i < 0 || i >= len) throw this.err(`Index ${i} out of bounds, not within [0, ${len})`, n.loc);
      return t instanceof JArray ? t.at(i) : cpAt(t, i)!;
    }
    throw this.err(`Unexpected type ${typeName(t)}, expected array, object or string`, n.loc);
  }

  private binaryNode(n: NodeOf<'binary'>, env: Env): Value {
    const op = n.op;
    const a = this.evalNode(n.left, env);
    if (op === '&&' || op === '||') {
      if (typeof a !== 'boolean') throw this.err(`Unexpected type ${typeName(a)}, expected boolean`, n.left.loc);
      if (op === '&&' ? !a : a) return a;
      const b = this.evalNode(n.right, env);
      if (typeof b !== 'boolean') throw this.err(`Unexpected type ${typeName(b)}, expected boolean`, n.right.loc);
      return b;
    }
    const b = this.evalNode(n.right, env);
    if (op === 'in') {
      if (typeof a !== 'string') throw this.err(`Unexpected type ${typeName(a)}, expected string`, n.left.loc);
      if (!(b instanceof JObject)) throw this.err(`Unexpected type ${typeName(b)}, expected object`, n.right.loc);
      return b.has(a, true);
    }
    try { return binary(op, a, b); } catch (e) { throw atLoc(e, n.loc); }
  }

  private callNode(n: NodeOf<'call'>, env: Env): Value {
    const f = this.evalNode(n.fn, env);
    if (!(f instanceof JFunction)) throw this.err(`Unexpected type ${typeName(f)}, expected function`, n.loc);
    const pos = n.args.map((a) => (n.tailstrict ? ready(this.evalNode(a, env)) : this.arg(a, env)));
    const named = n.named.map((a) => ({ name: a.name, value: n.tailstrict ? ready(this.evalNode(a.expr, env)) : this.arg(a.expr, env) }));
    return this.apply(f, pos, named, n.loc);
  }

  /** Calls a function value with lazy arguments; `loc` is the call site. */
  apply(f: JFunction, pos: Lazy[], named: { name: string; value: Lazy }[], loc: Loc): Value {
    const params = f.params;
    if (pos.length > params.length) {
      throw this.err(`Too many arguments: function expected ${params.length} argument(s), but got ${pos.length}`, loc);
    }
    const args: (Lazy | undefined)[] = pos.slice();
    for (const a of named) {
      const idx = params.findIndex((p) => p.name === a.name);
      if (idx < 0) throw this.err(`Function has no parameter ${a.name}`, loc);
      if (args[idx] !== undefined) throw this.err(`Argument ${a.name} already provided`, loc);
      args[idx] = a.value;
    }
    if (++this.depth > MAX_STACK) {
      this.depth--;
      throw this.err('Max stack frames exceeded.', loc);
    }
    try {
      if (f.builtin) return this.callBuiltin(f, args, loc);
      const env = childEnv(f.env);
      for (let i = 0; i < params.length; i++) {
        const p = params[i];
        const a = args[i];
        if (a !== undefined) env[p.name] = a;
        else if (p.def) env[p.name] = this.lazy(p.def, env);
        else {
          const given = pos.length + named.length;
          throw this.err(`Missing argument: ${p.name} (function expected ${f.required} argument(s), but got ${given})`, loc);
        }
      }
      return this.evalNode(f.body!, env);
    } catch (e) {
      if (e instanceof JsonnetError) e.addFrame(loc, `function <${f.name || 'anonymous'}>`);
      throw e;
    } finally {
      this.depth--;
    }
  }

  private callBuiltin(f: JFunction, args: (Lazy | undefined)[], loc: Loc): Value {
    const b = f.builtin!;
    const vals: unknown[] = new Array(b.params.length);
    for (let i = 0; i < b.params.length; i++) {
      const a = args[i];
      if (a === undefined) {
        if (!b.params[i].endsWith('?')) {
          throw this.err(`Missing argument: ${b.params[i]} (function expected ${f.required} argument(s), but got ${args.filter(Boolean).length})`, loc);
        }
        vals[i] = undefined;
      } else {
        vals[i] = b.lazy ? a : a.get();
      }
    }
    try {
      return b.fn(vals, new Ctx(this, loc));
    } catch (e) {
      throw atLoc(e, loc);
    }
  }

  private comp(specs: CompSpec[], i: number, env: Env, emit: (env: Env) => void): void {
    if (i === specs.length) { emit(env); return; }
    const sp = specs[i];
    if (sp.kind === 'if') {
      const c = this.evalNode(sp.cond, env);
      if (typeof c !== 'boolean') throw this.err(`Unexpected type ${typeName(c)}, expected boolean`, sp.cond.loc);
      if (c) this.comp(specs, i + 1, env, emit);
      return;
    }
    const arr = this.evalNode(sp.expr, env);
    if (!(arr instanceof JArray)) throw this.err(`Unexpected type ${typeName(arr)}, expected array`, sp.expr.loc);
    for (const el of arr.elems) {
      const e2 = childEnv(env);
      e2[sp.id] = el;
      this.comp(specs, i + 1, e2, emit);
    }
  }

  private fieldName(node: Node, env: Env, loc: Loc): string | null {
    const name = this.evalNode(node, env);
    if (name === null || typeof name === 'string') return name;
    throw this.err(`Field name must be string, got ${typeName(name)}`, loc);
  }

  private object(n: NodeOf<'object'>, env: Env): JObject {
    const fields = new Map<string, FieldDef>();
    for (const f of n.fields) {
      const name = f.name ?? this.fieldName(f.nameExpr!, env, f.loc);
      if (name === null) continue;
      if (fields.has(name)) throw this.err(`Duplicate field name: "${name}"`, f.loc);
      fields.set(name, { hide: f.hide, plus: f.plus, body: f.body, env, value: null, loc: f.loc });
    }
    return new JObject([{ fields, locals: n.locals, asserts: n.asserts, env, host: this }]);
  }

  private objectComp(n: NodeOf<'objectComp'>, env: Env): JObject {
    const fields = new Map<string, FieldDef>();
    const f = n.field;
    this.comp(n.specs, 0, env, (e2) => {
      const name = this.fieldName(f.nameExpr!, e2, f.loc);
      if (name === null) return;
      if (fields.has(name)) throw this.err(`Duplicate field name: "${name}"`, f.loc);
      fields.set(name, { hide: f.hide, plus: f.plus, body: f.body, env: e2, value: null, loc: f.loc });
    });
    return new JObject([{ fields, locals: n.locals, asserts: [], env, host: this }]);
  }
}

/** The CallContext handed to builtins: calls back into the evaluator at the builtin's call site. */
class Ctx implements CallContext {
  constructor(private readonly ev: Evaluator, private readonly loc: Loc) {}
  get file(): string { return this.loc.file; }
  get line(): number { return this.loc.line; }
  call(fn: Value, args: Value[]): Value {
    if (!(fn instanceof JFunction)) throw new JsonnetError(`Unexpected type ${typeName(fn)}, expected function`, this.loc);
    return this.ev.apply(fn, args.map(ready), [], this.loc);
  }
  extVar(name: string): Value { return this.ev.host.extVar(name); }
  native(name: string): Value { return this.ev.host.native(name); }
  trace(message: string): void { this.ev.host.trace(message); }
}
