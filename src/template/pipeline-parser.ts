/**
 * Pipelines, commands and operands: `$x := .a.b | printf "%s" (f 1) `. Checks at parse time,
 * as Go does, that functions exist, variables are declared and that only the first stage of
 * a pipeline is a constant.
 */
import { parseNumber, unquoteChar, unquoteString } from './literals.js';
import type { Token, TokenType } from './lexer.js';
import type { ArgNode, CommandNode, PipeNode } from './nodes.js';
import { goQuote } from './quote.js';
import { TokenStream } from './token-stream.js';

/** Deepest nesting of parenthesised pipelines (Go allows 10000; our stack is smaller). */
const MAX_PAREN_DEPTH = 1000;

const OPERAND_START = new Set<TokenType>([
  'bool', 'charconst', 'complex', 'dot', 'field', 'ident', 'number', 'nil', 'raw', 'string', 'variable', 'lparen',
]);

/** The expression half of the parser; statements build on it. */
export class PipelineParser extends TokenStream {
  /** Variables in scope, innermost last (`$` is always there). */
  protected vars: string[] = ['$'];
  private parenDepth = 0;

  constructor(
    text: string,
    file: string,
    private readonly hasFunc: (name: string) => boolean,
  ) {
    super(text, file);
  }

  protected pipeline(context: string, end: 'rdelim' | 'rparen'): PipeNode {
    const pipe: PipeNode = { kind: 'pipe', pos: this.peekNonSpace().pos, end: 0, decl: [], isAssign: false, cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const save = this.i;
      this.next();
      const after = this.peekNonSpace();
      if (after.type === 'assign' || after.type === 'declare') {
        this.nextNonSpace();
        pipe.isAssign = after.type === 'assign';
        pipe.decl.push({ name: v.val, pos: v.pos });
        this.vars.push(v.val);
        break;
      }
      if (after.type === 'char' && after.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ name: v.val, pos: v.pos });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const pk = this.peekNonSpace();
          if (pk.type === 'variable' || pk.type === 'rdelim' || pk.type === 'rparen') continue;
          throw this.err(pk.pos, 'range can only initialize variables');
        }
        throw this.err(after.pos, `too many declarations in ${context}`);
      }
      this.i = save;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        pipe.end = t.pos;
        this.checkPipeline(pipe, context, t);
        return pipe;
      }
      if (!OPERAND_START.has(t.type)) throw this.unexpected(t, context);
      this.i--;
      pipe.cmds.push(this.command());
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, endTok: Token): void {
    if (pipe.cmds.length === 0) throw this.err(endTok.pos, `missing value for ${context}`);
    // Only the first stage may be a constant: "x" | "y" has nothing to call.
    pipe.cmds.forEach((c, i) => {
      const k = c.args[0].kind;
      if (i > 0 && (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string')) {
        throw this.err(c.pos, `non executable command in pipeline stage ${i + 1}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const op = this.operand();
      if (op) cmd.args.push(op);
      const t = this.next();
      if (t.type === 'space') continue;
      if (t.type === 'rdelim' || t.type === 'rparen') this.i--;
      else if (t.type !== 'pipe') throw this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) throw this.err(cmd.pos, 'empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const fieldPos = this.peek().pos;
    const idents: string[] = [];
    let end = node.end;
    while (this.peek().type === 'field') {
      const f = this.next();
      idents.push(f.val.slice(1));
      end = f.pos + f.val.length;
    }
    switch (node.kind) {
      case 'field':
        return { ...node, end, idents: [...node.idents, ...idents] };
      case 'variable':
        return { ...node, end, idents: [...node.idents, ...idents] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        throw this.err(fieldPos, `unexpected . after term ${goQuote(this.text.slice(node.pos, node.end))}`);
      default:
        return { kind: 'chain', pos: node.pos, end, node, idents };
    }
  }

  private term(): ArgNode | null {
    const t = this.nextNonSpace();
    const pos = t.pos;
    const end = t.pos + t.val.length;
    switch (t.type) {
      case 'ident':
        if (!this.hasFunc(t.val)) throw this.err(pos, `function ${goQuote(t.val)} not defined`);
        return { kind: 'ident', pos, end, name: t.val };
      case 'dot':
        return { kind: 'dot', pos, end };
      case 'nil':
        return { kind: 'nil', pos, end };
      case 'variable':
        if (!this.vars.includes(t.val)) throw this.err(pos, `undefined variable ${goQuote(t.val)}`);
        return { kind: 'variable', pos, end, name: t.val, idents: [t.val] };
      case 'field':
        return { kind: 'field', pos, end, idents: [t.val.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos, end, value: t.val === 'true' };
      case 'charconst':
      case 'number':
      case 'complex': {
        const r = t.type === 'charconst' ? unquoteChar(t.val) : parseNumber(t.val);
        if (!r.ok) throw this.err(pos, r.error);
        return { kind: 'number', pos, end, value: r.value };
      }
      case 'string':
      case 'raw': {
        const r = unquoteString(t.val);
        if (!r.ok) throw this.err(pos, r.error);
        return { kind: 'string', pos, end, value: r.value };
      }
      case 'lparen': {
        if (this.parenDepth >= MAX_PAREN_DEPTH) throw this.err(pos, 'max expression depth exceeded');
        this.parenDepth++;
        const pipe = this.pipeline('parenthesized pipeline', 'rparen');
        this.parenDepth--;
        return { ...pipe, pos, end: pipe.end + 1 };
      }
    }
    this.i--;
    return null;
  }
}
