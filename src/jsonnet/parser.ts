import type { Bind, Loc, Node, Param } from './ast.js';
import { JsonnetError } from './errors.js';
import { describeToken, lex, type Token } from './lexer.js';
import { parseArray, parseObject } from './parser-collections.js';

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

/** Parses a Jsonnet file into an AST. Throws a static JsonnetError on syntax errors. */
export function parse(file: string, src: string): Node {
  const p = new Parser(lex(file, src));
  const e = p.expr();
  const t = p.peek();
  if (t.kind !== 'eof') p.fail(`Did not expect: ${describeToken(t)}`, t.loc);
  return e;
}

/** Recursive-descent parser over a token list; collection literals live in parser-collections.ts. */
export class Parser {
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

  binary(minPrec: number): Node {
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

  unary(): Node {
    const t = this.peek();
    if (t.kind === 'op' && UNARY.has(t.value)) {
      this.next();
      return { k: 'unary', op: t.value, expr: this.unary(), loc: t.loc };
    }
    return this.postfix(this.primary());
  }

  postfix(e: Node): Node {
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
        e = { k: 'binary', op: '+', left: e, right: parseObject(this, t.loc), loc: e.loc };
      } else {
        return e;
      }
    }
  }

  indexOrSlice(target: Node): Node {
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

  call(fn: Node): Node {
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

  params(): Param[] {
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

  bind(): Bind {
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

  primary(): Node {
    const t = this.next();
    const loc = t.loc;
    switch (t.kind) {
      case 'num': return { k: 'lit', v: t.num, loc };
      case 'str': return { k: 'lit', v: t.value, loc };
      case 'id': return { k: 'var', name: t.value, loc };
      case 'punct':
        if (t.value === '(') { const e = this.expr(); this.expect('punct', ')'); return e; }
        if (t.value === '{') return parseObject(this, loc);
        if (t.value === '[') return parseArray(this, loc);
        break;
      case 'op':
        if (t.value === '$') return { k: 'dollar', loc };
        break;
      case 'kw': return this.keyword(t);
      default: break;
    }
    return this.fail(`Unexpected: ${describeToken(t)} while parsing terminal`, loc);
  }

  keyword(t: Token): Node {
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
}
