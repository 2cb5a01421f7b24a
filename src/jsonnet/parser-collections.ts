import { Hide, type AssertNode, type Bind, type CompSpec, type FieldNode, type Loc, type Node, type Param } from './ast.js';
import { describeToken } from './lexer.js';
import type { Parser } from './parser.js';

const FIELD_OPS: Record<string, [Hide, boolean]> = {
  ':': [Hide.Inherit, false], '::': [Hide.Hidden, false], ':::': [Hide.Visible, false],
  '+:': [Hide.Inherit, true], '+::': [Hide.Hidden, true], '+:::': [Hide.Visible, true],
};

/** Parses an array literal or array comprehension after `[` (which was at `loc`). */
export function parseArray(p: Parser, loc: Loc): Node {
  const elems: Node[] = [];
  while (!p.isP(']')) {
    const e = p.expr();
    if (p.is('kw', 'for') && elems.length === 0) return arrayComp(p, e, loc);
    elems.push(e);
    if (p.isP(',')) {
      p.next();
      if (p.is('kw', 'for') && elems.length === 1) return arrayComp(p, elems[0], loc);
      continue;
    }
    if (!p.isP(']')) p.fail(`Expected a comma before next array element, got ${describeToken(p.peek())}`, p.peek().loc);
  }
  p.next();
  return { k: 'array', elems, loc };
}

function arrayComp(p: Parser, body: Node, loc: Loc): Node {
  const specs = compSpecs(p);
  p.expect('punct', ']');
  return { k: 'arrayComp', body, specs, loc };
}

function compSpecs(p: Parser): CompSpec[] {
  const specs: CompSpec[] = [];
  for (;;) {
    const t = p.peek();
    if (t.kind === 'kw' && t.value === 'for') {
      p.next();
      const id = p.expect('id');
      p.expect('kw', 'in');
      specs.push({ kind: 'for', id: id.value, expr: p.expr(), loc: t.loc });
    } else if (t.kind === 'kw' && t.value === 'if' && specs.length > 0) {
      p.next();
      specs.push({ kind: 'if', cond: p.expr(), loc: t.loc });
    } else {
      return specs;
    }
  }
}

/** Parses an object body after `{` (which was at `loc`), including object comprehensions. */
export function parseObject(p: Parser, loc: Loc): Node {
  const locals: Bind[] = [];
  const asserts: AssertNode[] = [];
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  for (;;) {
    if (p.isP('}')) { p.next(); return { k: 'object', locals, asserts, fields, loc }; }
    const t = p.peek();
    if (t.kind === 'kw' && t.value === 'for') break;
    if (t.kind === 'kw' && t.value === 'local') {
      p.next();
      const b = p.bind();
      if (locals.some((x) => x.name === b.name)) p.fail(`Duplicate local var: ${b.name}`, b.loc);
      locals.push(b);
    } else if (t.kind === 'kw' && t.value === 'assert') {
      p.next();
      const cond = p.expr();
      let msg: Node | null = null;
      if (p.is('op', ':')) { p.next(); msg = p.expr(); }
      asserts.push({ cond, msg, loc: t.loc });
    } else {
      const f = field(p);
      if (f.name !== null) {
        if (seen.has(f.name)) p.fail(`Duplicate field: ${f.name}`, f.loc);
        seen.add(f.name);
      }
      fields.push(f);
    }
    if (p.isP(',')) { p.next(); continue; }
    if (p.isP('}') || p.is('kw', 'for')) continue;
    p.fail(`Expected a comma before next field, got ${describeToken(p.peek())}`, p.peek().loc);
  }
  // Object comprehension: exactly one computed field, optional locals, no asserts.
  const forTok = p.peek();
  if (fields.length !== 1 || asserts.length > 0) {
    p.fail(fields.length === 0 ? 'Object comprehension has no fields' : asserts.length > 0
      ? 'Object comprehension cannot have asserts' : 'Object comprehension can only have one field', forTok.loc);
  }
  if (fields[0].nameExpr === null) p.fail('Object comprehensions can only have [e] fields', fields[0].loc);
  const specs = compSpecs(p);
  p.expect('punct', '}');
  return { k: 'objectComp', locals, field: fields[0], specs, loc };
}

function field(p: Parser): FieldNode {
  const t = p.next();
  let name: string | null = null;
  let nameExpr: Node | null = null;
  if (t.kind === 'id') name = t.value;
  else if (t.kind === 'str') name = t.value;
  else if (t.kind === 'punct' && t.value === '[') { nameExpr = p.expr(); p.expect('punct', ']'); }
  else p.fail(`Unexpected: ${describeToken(t)} while parsing field definition`, t.loc);
  let fnParams: Param[] | null = null;
  let fnLoc = t.loc;
  if (p.isP('(')) { fnLoc = p.peek().loc; fnParams = p.params(); }
  const op = p.peek();
  const kind = op.kind === 'op' ? FIELD_OPS[op.value] : undefined;
  if (!kind) p.fail(`Expected one of :, ::, :::, +:, +::, +:::, got: ${describeToken(op)}`, op.loc);
  if (kind[1] && fnParams) p.fail('Cannot use +: syntax sugar in a method', op.loc);
  p.next();
  let body = p.expr();
  if (fnParams) body = { k: 'function', params: fnParams, body, name: name ?? '', loc: fnLoc };
  else if (body.k === 'function' && body.name === '' && name !== null) body.name = name;
  return { name, nameExpr, hide: kind[0], plus: kind[1], body, loc: t.loc };
}
