import type { Bind, CompSpec, Loc, Node } from './ast.js';
import { JsonnetError } from './errors.js';

/** Lexical scope used by the static checker: a set of names and whether `self` is bound. */
interface Scope {
  vars: ReadonlySet<string>;
  parent: Scope | null;
  inObject: boolean;
}

function has(s: Scope | null, name: string): boolean {
  for (; s; s = s.parent) if (s.vars.has(name)) return true;
  return false;
}

function child(parent: Scope, names: Iterable<string>, inObject = parent.inObject): Scope {
  return { vars: new Set(names), parent, inObject };
}

/**
 * Checks an AST before evaluation, as go-jsonnet does: every variable must be bound (even in
 * branches never taken) and `self`, `super` and `$` may only appear inside objects.
 * `globals` are the names bound around the file (normally just `std`).
 */
export function staticCheck(node: Node, globals: Iterable<string>): void {
  check(node, { vars: new Set(globals), parent: null, inObject: false });
}

function fail(msg: string, loc: Loc): never {
  throw new JsonnetError(msg, loc, 'static');
}

function check(n: Node, s: Scope): void {
  switch (n.k) {
    case 'lit': case 'import': return;
    case 'self': if (!s.inObject) fail("Can't use self outside of an object.", n.loc); return;
    case 'dollar': if (!s.inObject) fail("Can't use $ outside of an object.", n.loc); return;
    case 'var': if (!has(s, n.name)) fail(`Unknown variable: ${n.name}`, n.loc); return;
    case 'superIndex':
      if (!s.inObject) fail("Can't use super outside of an object.", n.loc);
      check(n.index, s);
      return;
    case 'inSuper':
      if (!s.inObject) fail("Can't use super outside of an object.", n.loc);
      check(n.field, s);
      return;
    case 'array': for (const e of n.elems) check(e, s); return;
    case 'arrayComp': check(n.body, specs(n.specs, s)); return;
    case 'object': {
      for (const f of n.fields) if (f.nameExpr) check(f.nameExpr, s);
      const inner = child(s, n.locals.map((b) => b.name), true);
      binds(n.locals, inner);
      for (const a of n.asserts) { check(a.cond, inner); if (a.msg) check(a.msg, inner); }
      for (const f of n.fields) check(f.body, inner);
      return;
    }
    case 'objectComp': {
      const forScope = specs(n.specs, s);
      if (n.field.nameExpr) check(n.field.nameExpr, forScope);
      const inner = child(forScope, n.locals.map((b) => b.name), true);
      binds(n.locals, inner);
      check(n.field.body, inner);
      return;
    }
    case 'local': {
      const inner = child(s, n.binds.map((b) => b.name));
      binds(n.binds, inner);
      check(n.body, inner);
      return;
    }
    case 'function': {
      const inner = child(s, n.params.map((p) => p.name));
      for (const p of n.params) if (p.def) check(p.def, inner);
      check(n.body, inner);
      return;
    }
    case 'call':
      check(n.fn, s);
      for (const a of n.args) check(a, s);
      for (const a of n.named) check(a.expr, s);
      return;
    case 'index': check(n.target, s); check(n.index, s); return;
    case 'slice':
      check(n.target, s);
      if (n.start) check(n.start, s);
      if (n.end) check(n.end, s);
      if (n.step) check(n.step, s);
      return;
    case 'binary': check(n.left, s); check(n.right, s); return;
    case 'unary': check(n.expr, s); return;
    case 'if': check(n.cond, s); check(n.then, s); if (n.else) check(n.else, s); return;
    case 'error': check(n.expr, s); return;
    case 'assert': check(n.cond, s); if (n.msg) check(n.msg, s); check(n.rest, s); return;
  }
}

function binds(bs: Bind[], s: Scope): void {
  for (const b of bs) check(b.body, s);
}

/** Checks comprehension clauses left to right; returns the scope with every `for` variable bound. */
function specs(list: CompSpec[], s: Scope): Scope {
  let cur = s;
  for (const sp of list) {
    if (sp.kind === 'for') {
      check(sp.expr, cur);
      cur = child(cur, [sp.id]);
    } else {
      check(sp.cond, cur);
    }
  }
  return cur;
}
