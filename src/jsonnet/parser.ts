import { Hide, type AssertNode, type Bind, type CompSpec, type FieldNode, type Loc, type Node, type Param } from './ast.js';
import { JsonnetError } from './errors.js';
import { describeToken, lex, type Token } from './lexer.js';

/** Binary operator precedences; higher binds tighter. */
const PREC: Record<string, number> = {
  '*': 10, '/': 10, '%': 10,
  '+': 9, '-': 9,
  '<<': 8, '>>': 8,
  '<': 7, '<=': 7, '>': 7, '>=': 7, in: 7,
  '==': 6, '!=': 6,
  '&': 5, '^': 4, '|': 3, '&&': 2, '||': 1,
};
const UNARY = new Set(['-', '+', '!', '~']);
const FIELD_OPS: Record<string, [Hide, boolean]> = {
  ':': [Hide.Inherit, false], '::': [Hide.Hidden, false], ':::': [Hide.Visible, false],
  '+:': [Hide.Inherit, true], '+::': [Hide.Hidden, true], '+:::': [Hide.Visible, true],
};

/** Parses a Jsonnet file into an AST. Throws a static JsonnetError on syntax errors. */
export function parse(file: string, src: string): Node {
  const p = new Parser(lex(file, src));
  const e = p.expr();
  const t = p.peek();
  if (t.kind !== 'eof') p.fail(`Did not expect: ${describeToken(t)}`, t.loc);
  return e;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  peek(ahead = 0): Token { return this.toks[Math.min(this.i + ahead, this.toks.length - 1)]; }
  next(): Token { const t = this.toks[this.i]; if (this.i < this.toks.length - 1) this.i++; return t; }
  fail(msg: string, loc: Loc): never { throw new JsonnetError(msg, loc, 'static'); }
  is(kind: Token['kind'], value: string): boolean { const t = this.peek(); return t.kind === kind && t.value === value; }
  isP(v: string): boolean { return this.is('punct', v); }

  expect(kind: Token['kind'], value?: string): Token {
    const t = this.peek();
    if (t.kind !== kind || (value !== undefined && t.value !== value)) {
      const want = value !== undefined ? `"${value}"` : kind === 'id' ? 'IDENTIFIER' : kind === 'str' ? 'STRING' : kind;
      this.fail(`Expected token ${want} but got ${describeToken(t)}`, t.loc);
    }
    return this.next();
  }

  /** A full expression. */
  expr(): Node { return this.binary(0); }

  private binary(minPrec: number): Node {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const op = t.kind === 'op' || (t.kind === 'kw' && t.value === 'in') ? t.value : '';
      const p = PREC[op];
      if (p === undefined || p < minPrec) return left;
      this.next();
      if (op === 'in' && this.is('kw', 'super')) {
        this.next();
        left = { k: 'inSuper', field: left, loc: left.loc };
        continue;
      }
      const right = this.binary(p + 1);
      left = { k: 'binary', op, left, right, loc: left.loc };
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t.kind === 'op' && UNARY.has(t.value)) {
      this.next();
      return { k: 'unary', op: t.value, expr: this.unary(), loc: t.loc };
    }
    return this.postfix(this.primary());
  }

  private postfix(e: Node): Node {
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct') return e;
      if (t.value === '.') {
        this.next();
        const id = this.expect('id');
        e = { k: 'index', target: e, index: { k: 'lit', v: id.value, loc: id.loc }, loc: e.loc };
      } else if (t.value === '[') {
        this.next();
        e = this.indexOrSlice(e);
      } else if (t.value === '(') {
        this.next();
        e = this.call(e);
      } else if (t.value === '{') {
        this.next();
        e = { k: 'binary', op: '+', left: e, right: this.object(t.loc), loc: e.loc };
      } else {
        return e;
      }
    }
  }

  private indexOrSlice(target: Node): Node {
    const parts: (Node | null)[] = [null, null, null];
    let slot = 0;
    let slice = false;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && t.value === ']') { this.next(); break; }
      if (t.kind === 'op' && (t.value === ':' || t.value === '::')) {
        this.next();
        slice = true;
        slot += t.value.length;
        if (slot > 2) this.fail('Invalid slice: too many colons', t.loc);
        continue;
      }
      if (parts[slot] !== null) this.fail(`Expected token "]" but got ${describeToken(t)}`, t.loc);
      parts[slot] = this.expr();
    }
    if (!slice) {
      if (!parts[0]) this.fail('Expected an expression in [ ]', target.loc);
      return { k: 'index', target, index: parts[0], loc: target.loc };
    }
    return { k: 'slice', target, start: parts[0], end: parts[1], step: parts[2], loc: target.loc };
  }

  private call(fn: Node): Node {
    const args: Node[] = [];
    const named: { name: string; expr: Node }[] = [];
    while (!this.isP(')')) {
      const t = this.peek();
      if (t.kind === 'id' && this.peek(1).kind === 'op' && this.peek(1).value === '=') {
        this.next();
        this.next();
        if (named.some((a) => a.name === t.value)) this.fail(`Argument ${t.value} already provided`, t.loc);
        named.push({ name: t.value, expr: this.expr() });
      } else {
        if (named.length > 0) this.fail('Positional argument after a named argument is not allowed', t.loc);
        args.push(this.expr());
      }
      if (this.isP(',')) { this.next(); continue; }
      if (!this.isP(')')) this.fail(`Expected a comma before next function argument, got ${describeToken(this.peek())}`, this.peek().loc);
    }
    this.next();
    let tailstrict = false;
    if (this.is('kw', 'tailstrict')) { this.next(); tailstrict = true; }
    return { k: 'call', fn, args, named, tailstrict, loc: fn.loc };
  }

  private params(): Param[] {
    this.expect('punct', '(');
    const out: Param[] = [];
    while (!this.isP(')')) {
      const id = this.expect('id');
      if (out.some((p) => p.name === id.value)) this.fail(`Duplicate function parameter: ${id.value}`, id.loc);
      let def: Node | null = null;
      if (this.is('op', '=')) { this.next(); def = this.expr(); }
      out.push({ name: id.value, def });
      if (this.isP(',')) { this.next(); continue; }
      if (!this.isP(')')) this.fail(`Expected a comma before next function parameter, got ${describeToken(this.peek())}`, this.peek().loc);
    }
    this.next();
    return out;
  }

  private bind(): Bind {
    const id = this.expect('id');
    if (this.isP('(')) {
      const fnLoc = this.peek().loc;
      const params = this.params();
      this.expect('op', '=');
      const body = this.expr();
      return { name: id.value, body: { k: 'function', params, body, name: id.value, loc: fnLoc }, loc: id.loc };
    }
    this.expect('op', '=');
    const body = this.expr();
    if (body.k === 'function' && body.name === '') body.name = id.value;
    return { name: id.value, body, loc: id.loc };
  }

  private primary(): Node {
    const t = this.next();
    const loc = t.loc;
    switch (t.kind) {
      case 'num': return { k: 'lit', v: t.num, loc };
      case 'str': return { k: 'lit', v: t.value, loc };
      case 'id': return { k: 'var', name: t.value, loc };
      case 'punct':
        if (t.value === '(') { const e = this.expr(); this.expect('punct', ')'); return e; }
        if (t.value === '{') return this.object(loc);
        if (t.value === '[') return this.array(loc);
        break;
      case 'op':
        if (t.value === '$') return { k: 'dollar', loc };
        break;
      case 'kw': return this.keyword(t);
      default: break;
    }
    return this.fail(`Unexpected: ${describeToken(t)} while parsing terminal`, loc);
  }

  private keyword(t: Token): Node {
    const loc = t.loc;
    switch (t.value) {
      case 'null': return { k: 'lit', v: null, loc };
      case 'true': return { k: 'lit', v: true, loc };
      case 'false': return { k: 'lit', v: false, loc };
      case 'self': return { k: 'self', loc };
      case 'super': {
        const n = this.peek();
        if (n.kind === 'punct' && n.value === '.') {
          this.next();
          const id = this.expect('id');
          return { k: 'superIndex', index: { k: 'lit', v: id.value, loc: id.loc }, loc };
        }
        if (n.kind === 'punct' && n.value === '[') {
          this.next();
          const index = this.expr();
          this.expect('punct', ']');
          return { k: 'superIndex', index, loc };
        }
        return this.fail(`Expected . or [ after super, got ${describeToken(n)}`, n.loc);
      }
      case 'local': {
        const binds: Bind[] = [];
        for (;;) {
          const b = this.bind();
          if (binds.some((x) => x.name === b.name)) this.fail(`Duplicate local var: ${b.name}`, b.loc);
          binds.push(b);
          const s = this.peek();
          if (s.kind === 'punct' && s.value === ',') { this.next(); continue; }
          if (s.kind === 'punct' && s.value === ';') { this.next(); break; }
          this.fail(`Expected , or ; but got ${describeToken(s)}`, s.loc);
        }
        return { k: 'local', binds, body: this.expr(), loc };
      }
      case 'if': {
        const cond = this.expr();
        this.expect('kw', 'then');
        const then = this.expr();
        let els: Node | null = null;
        if (this.is('kw', 'else')) { this.next(); els = this.expr(); }
        return { k: 'if', cond, then, else: els, loc };
      }
      case 'function': {
        const params = this.params();
        return { k: 'function', params, body: this.expr(), name: '', loc };
      }
      case 'error': return { k: 'error', expr: this.expr(), loc };
      case 'assert': {
        const cond = this.expr();
        let msg: Node | null = null;
        if (this.is('op', ':')) { this.next(); msg = this.expr(); }
        this.expect('punct', ';');
        return { k: 'assert', cond, msg, rest: this.expr(), loc };
      }
      case 'import': case 'importstr': case 'importbin': {
        const pathTok = this.peek();
        const e = this.expr();
        if (e.k !== 'lit' || typeof e.v !== 'string') this.fail('Computed imports are not allowed', e.loc);
        if (pathTok.block) this.fail('Cannot use text blocks in import statements', e.loc);
        return { k: 'import', kind: t.value, path: e.v as string, loc };
      }
      default: break;
    }
    return this.fail(`Unexpected: ${describeToken(t)} while parsing terminal`, loc);
  }

  private array(loc: Loc): Node {
    const elems: Node[] = [];
    while (!this.isP(']')) {
      const e = this.expr();
      if (this.is('kw', 'for') && elems.length === 0) return this.arrayComp(e, loc);
      elems.push(e);
      if (this.isP(',')) {
        this.next();
        if (this.is('kw', 'for') && elems.length === 1) return this.arrayComp(elems[0], loc);
        continue;
      }
      if (!this.isP(']')) this.fail(`Expected a comma before next array element, got ${describeToken(this.peek())}`, this.peek().loc);
    }
    this.next();
    return { k: 'array', elems, loc };
  }

  private arrayComp(body: Node, loc: Loc): Node {
    const specs = this.compSpecs();
    this.expect('punct', ']');
    return { k: 'arrayComp', body, specs, loc };
  }

  private compSpecs(): CompSpec[] {
    const specs: CompSpec[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'kw' && t.value === 'for') {
        this.next();
        const id = this.expect('id');
        this.expect('kw', 'in');
        specs.push({ kind: 'for', id: id.value, expr: this.expr(), loc: t.loc });
      } else if (t.kind === 'kw' && t.value === 'if' && specs.length > 0) {
        this.next();
        specs.push({ kind: 'if', cond: this.expr(), loc: t.loc });
      } else {
        return specs;
      }
    }
  }

  /** Parses an object body after `{` (which was at `loc`). */
  object(loc: Loc): Node {
    const locals: Bind[] = [];
    const asserts: AssertNode[] = [];
    const fields: FieldNode[] = [];
    const seen = new Set<string>();
    for (;;) {
      if (this.isP('}')) { this.next(); return { k: 'object', locals, asserts, fields, loc }; }
      const t = this.peek();
      if (t.kind === 'kw' && t.value === 'for') break;
      if (t.kind === 'kw' && t.value === 'local') {
        this.next();
        const b = this.bind();
        if (locals.some((x) => x.name === b.name)) this.fail(`Duplicate local var: ${b.name}`, b.loc);
        locals.push(b);
      } else if (t.kind === 'kw' && t.value === 'assert') {
        this.next();
        const cond = this.expr();
        let msg: Node | null = null;
        if (this.is('op', ':')) { this.next(); msg = this.expr(); }
        asserts.push({ cond, msg, loc: t.loc });
      } else {
        const f = this.field();
        if (f.name !== null) {
          if (seen.has(f.name)) this.fail(`Duplicate field: ${f.name}`, f.loc);
          seen.add(f.name);
        }
        fields.push(f);
      }
      if (this.isP(',')) { this.next(); continue; }
      if (this.isP('}') || this.is('kw', 'for')) continue;
      this.fail(`Expected a comma before next field, got ${describeToken(this.peek())}`, this.peek().loc);
    }
    // Object comprehension: exactly one computed field, optional locals, no asserts.
    const forTok = this.peek();
    if (fields.length !== 1 || asserts.length > 0) {
      this.fail(fields.length === 0 ? 'Object comprehension has no fields' : asserts.length > 0
        ? 'Object comprehension cannot have asserts' : 'Object comprehension can only have one field', forTok.loc);
    }
    if (fields[0].nameExpr === null) this.fail('Object comprehensions can only have [e] fields', fields[0].loc);
    const specs = this.compSpecs();
    this.expect('punct', '}');
    return { k: 'objectComp', locals, field: fields[0], specs, loc };
  }

  private field(): FieldNode {
    const t = this.next();
    let name: string | null = null;
    let nameExpr: Node | null = null;
    if (t.kind === 'id') name = t.value;
    else if (t.kind === 'str') name = t.value;
    else if (t.kind === 'punct' && t.value === '[') { nameExpr = this.expr(); this.expect('punct', ']'); }
    else this.fail(`Unexpected: ${describeToken(t)} while parsing field definition`, t.loc);
    let fnParams: Param[] | null = null;
    let fnLoc = t.loc;
    if (this.isP('(')) { fnLoc = this.peek().loc; fnParams = this.params(); }
    const op = this.peek();
    const kind = op.kind === 'op' ? FIELD_OPS[op.value] : undefined;
    if (!kind) this.fail(`Expected one of :, ::, :::, +:, +::, +:::, got: ${describeToken(op)}`, op.loc);
    if (kind[1] && fnParams) this.fail('Cannot use +: syntax sugar in a method', op.loc);
    this.next();
    let body = this.expr();
    if (fnParams) body = { k: 'function', params: fnParams, body, name: name ?? '', loc: fnLoc };
    else if (body.k === 'function' && body.name === '' && name !== null) body.name = name;
    return { name, nameExpr, hide: kind[0], plus: kind[1], body, loc: t.loc };
  }
}
