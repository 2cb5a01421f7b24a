/**
 * The executor: walks a parse tree against data, with Go text/template's evaluation rules
 * (pipelines, variables scoped per block, field chains on maps, range/with/if, break and
 * continue, template invocation) and Go's error messages, positioned at the offending node.
 */
import { PendingFetch } from '../pending.js';
import type { TemplateError } from '../errors.js';
import { checkArity, or, type FuncMap, type TemplateFunc } from './builtins.js';
import { formatValue } from './fmt.js';
import type { ArgNode, Node, PipeNode } from './nodes.js';
import { Scope } from './scope.js';
import { errorAt, isInt, isMap, isTrue, mapGet, sortedKeys, TemplateArgumentError, typeName } from './values.js';

/** Go allows 100000 nested {{template}} calls; the JavaScript stack allows fewer. */
export const MAX_EXEC_DEPTH = 1000;

/** What walking a node asks of the enclosing range. */
const enum Flow {
  Next,
  Break,
  Continue,
}

/** Stands for "no value piped in" (Go's missingVal), distinct from undefined and null. */
const MISSING: unique symbol = Symbol('missing');
type Final = unknown;

/** Everything execution needs besides the data. */
export interface ExecContext {
  text: string;
  file: string;
  funcs: FuncMap;
  defs: Map<string, Node[]>;
  /** The builtin `and` and `or`, which short-circuit (overriding functions do not). */
  shortCircuit: ReadonlySet<TemplateFunc>;
}

/** Executes `root` with `data` as dot and `$`; returns the output. */
export function execute(ctx: ExecContext, root: Node[], data: unknown): string {
  const st = new State(ctx, data);
  st.walkList(data, root);
  return st.out;
}

class State {
  out = '';
  private scope: Scope;
  private depth = 0;

  constructor(
    private readonly ctx: ExecContext,
    data: unknown,
  ) {
    this.scope = new Scope(data);
  }

  private err(pos: number, message: string, cause?: unknown): TemplateError {
    return errorAt(this.ctx.file, this.ctx.text, pos, message, cause);
  }

  // --- variables ----------------------------------------------------------------------

  private setVar(name: string, value: unknown, pos: number): void {
    if (!this.scope.set(name, value)) throw this.err(pos, `undefined variable: ${name}`);
  }

  private varValue(name: string, pos: number): unknown {
    if (!this.scope.has(name)) throw this.err(pos, `undefined variable: ${name}`);
    return this.scope.get(name);
  }

  // --- statements ---------------------------------------------------------------------

  walkList(dot: unknown, list: Node[]): Flow {
    for (const n of list) {
      const flow = this.walk(dot, n);
      if (flow !== Flow.Next) return flow;
    }
    return Flow.Next;
  }

  private walk(dot: unknown, n: Node): Flow {
    switch (n.kind) {
      case 'text':
        this.out += n.text;
        return Flow.Next;
      case 'action': {
        const v = this.evalPipeline(dot, n.pipe);
        // A declaration prints nothing; a missing value prints as Go's "<no value>".
        if (n.pipe.decl.length === 0) this.out += v === undefined || v === null ? '<no value>' : formatValue(v);
        return Flow.Next;
      }
      case 'if':
      case 'with': {
        const mark = this.scope.mark();
        const v = this.evalPipeline(dot, n.pipe);
        let flow = Flow.Next;
        if (isTrue(v)) flow = this.walkList(n.kind === 'with' ? v : dot, n.list);
        else if (n.elseList) flow = this.walkList(dot, n.elseList);
        this.scope.pop(mark);
        return flow;
      }
      case 'range':
        return this.walkRange(dot, n.pipe, n.list, n.elseList);
      case 'template':
        return this.walkTemplate(dot, n.pos, n.name, n.pipe);
      case 'break':
        return Flow.Break;
      case 'continue':
        return Flow.Continue;
    }
  }

  private walkRange(dot: unknown, pipe: PipeNode, list: Node[], elseList: Node[] | undefined): Flow {
    const mark = this.scope.mark();
    const val = this.evalPipeline(dot, pipe);
    const inner = this.scope.mark();
    const { decl, isAssign } = pipe;
    // One iteration: with two variables the first gets the index (or key), the second the
    // element; with one, it gets the element. Body variables are popped after each pass.
    const one = (index: unknown, elem: unknown): Flow => {
      if (decl.length === 1) {
        if (isAssign) this.setVar(decl[0].name, elem, decl[0].pos);
        else this.scope.setTop(1, elem);
      } else if (decl.length === 2) {
        if (isAssign) {
          this.setVar(decl[0].name, index, decl[0].pos);
          this.setVar(decl[1].name, elem, decl[1].pos);
        } else {
          this.scope.setTop(1, elem);
          this.scope.setTop(2, index);
        }
      }
      const flow = this.walkList(elem, list);
      this.scope.pop(inner);
      return flow;
    };
    let ran = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (one(i, val[i]) === Flow.Break) break;
      }
    } else if (isMap(val)) {
      for (const k of sortedKeys(val)) {
        ran = true;
        if (one(k, mapGet(val, k)) === Flow.Break) break;
      }
    } else if (isInt(val)) {
      // Go 1.22: range over an int n yields 0..n-1.
      if (decl.length > 1) throw this.err(pipe.pos, `can't use ${formatValue(val)} to iterate over more than one variable`);
      for (let i = 0; i < Number(val); i++) {
        ran = true;
        if (one(i, i) === Flow.Break) break;
      }
    } else if (val !== undefined && val !== null) {
      throw this.err(pipe.pos, `range can't iterate over ${formatValue(val)}`);
    }
    if (!ran && elseList) this.walkList(dot, elseList);
    this.scope.pop(mark);
    return Flow.Next;
  }

  private walkTemplate(dot: unknown, pos: number, name: string, pipe: PipeNode | undefined): Flow {
    const body = this.ctx.defs.get(name);
    if (!body) throw this.err(pos, `template ${JSON.stringify(name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH) throw this.err(pos, `exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = pipe ? this.evalPipeline(dot, pipe) : undefined;
    // The invoked template sees only `$`, bound to its dot.
    const caller = this.scope;
    this.scope = new Scope(newDot);
    this.depth++;
    try {
      this.walkList(newDot, body);
    } catch (e) {
      // Deep recursion can exhaust the JavaScript stack before MAX_EXEC_DEPTH; report it here.
      if (e instanceof RangeError) throw this.err(pos, `exceeded maximum template depth (JavaScript stack at ${this.depth})`);
      throw e;
    }
    this.depth--;
    this.scope = caller;
    return Flow.Next;
  }

  // --- expressions --------------------------------------------------------------------

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd.args, value);
      // Go digs the value out of its interface: a nil becomes "no value".
      if (value === null) value = undefined;
    }
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.name, value, d.pos);
      else this.scope.push(d.name, value);
    }
    return value;
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      throw this.err(args[0].pos, `can't give argument to non-function ${this.ctx.text.slice(args[0].pos, args[0].end)}`);
    }
  }

  private evalCommand(dot: unknown, args: ArgNode[], final: Final): unknown {
    const first = args[0];
    switch (first.kind) {
      case 'field':
        return this.evalFieldChain(dot, first, first.idents, args, final);
      case 'chain':
        return this.evalFieldChain(this.evalArg(dot, first.node), first, first.idents, args, final);
      case 'variable':
        return this.evalVariable(first.name, first, args, final);
      case 'ident':
        return this.evalFunction(dot, first, args, final);
      case 'pipe':
        this.notAFunction(args, final);
        return this.evalPipeline(dot, first);
    }
    this.notAFunction(args, final);
    switch (first.kind) {
      case 'dot':
        return dot;
      case 'nil':
        throw this.err(first.pos, 'nil is not a command');
      default:
        return first.value;
    }
  }

  private evalArg(dot: unknown, arg: ArgNode): unknown {
    switch (arg.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'pipe':
        return this.evalPipeline(dot, arg);
      case 'field':
      case 'chain':
      case 'variable':
      case 'ident':
        // A function name as an argument is a call without arguments.
        return this.evalCommand(dot, [arg], MISSING);
      default:
        return arg.value;
    }
  }

  private evalVariable(name: string, node: ArgNode & { idents: string[] }, args: ArgNode[], final: Final): unknown {
    const value = this.varValue(name, node.pos);
    if (node.idents.length === 1 && node.kind === 'variable') {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(value, node, node.idents.slice(1), args, final);
  }

  /** `.a.b.c`: every field but the last is looked up plainly; the last gets the arguments. */
  private evalFieldChain(receiver: unknown, node: ArgNode, idents: string[], args: ArgNode[], final: Final): unknown {
    const last = idents.length - 1;
    for (let i = 0; i < last; i++) receiver = this.evalField(receiver, idents[i], node.pos, false);
    return this.evalField(receiver, idents[last], node.pos, args.length > 1 || final !== MISSING);
  }

  private evalField(receiver: unknown, name: string, pos: number, hasArgs: boolean): unknown {
    // A missing value has no fields, and no error either (Go's invalid receiver).
    if (receiver === undefined) return undefined;
    if (receiver === null) throw this.err(pos, `nil pointer evaluating interface {}.${name}`);
    if (isMap(receiver)) {
      if (hasArgs) throw this.err(pos, `${name} is not a method but has arguments`);
      return mapGet(receiver, name);
    }
    throw this.err(pos, `can't evaluate field ${name} in type ${typeName(receiver)}`);
  }

  private evalFunction(dot: unknown, node: ArgNode & { name: string }, args: ArgNode[], final: Final): unknown {
    const name = node.name;
    const fn = this.ctx.funcs[name];
    const count = args.length - 1 + (final === MISSING ? 0 : 1);
    try {
      checkArity(name, fn, count);
    } catch (e) {
      throw this.err(node.pos, (e as Error).message);
    }
    if (this.ctx.shortCircuit.has(fn)) {
      // Builtin and/or stop evaluating arguments once the result is known.
      const want = fn === or;
      let v: unknown;
      for (let i = 1; i < args.length; i++) {
        v = this.evalArg(dot, args[i]);
        if (isTrue(v) === want) return v;
      }
      return final === MISSING ? v : final;
    }
    const argv: unknown[] = [];
    for (let i = 1; i < args.length; i++) argv.push(this.evalArg(dot, args[i]) ?? null);
    if (final !== MISSING) argv.push(final ?? null);
    try {
      return fn(...argv);
    } catch (e) {
      // A value still being fetched: the caller awaits it and renders again.
      if (e instanceof PendingFetch) throw e;
      if (e instanceof TemplateArgumentError) throw this.err(node.pos, e.message, e);
      throw this.err(node.pos, `error calling ${name}: ${e instanceof Error ? e.message : String(e)}`, e);
    }
  }
}
