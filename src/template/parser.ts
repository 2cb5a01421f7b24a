/**
 * The parser: Go text/template's grammar and its parse-time checks (unknown functions,
 * undefined variables, {{break}} outside {{range}}, non-executable pipeline stages), with
 * Go's messages. Errors point at the offending token; for an unterminated block
 * (`unexpected EOF`) that is the `{{` which opened it.
 */
import type { TemplateError } from '../errors.js';
import { goQuote } from './quote.js';
import { lex, type Token, type TokenType } from './lexer.js';
import { parseNumber, unquoteChar, unquoteString } from './literals.js';
import { isEmptyList, type ArgNode, type CommandNode, type Node, type PipeNode } from './nodes.js';
import { errorAt } from './values.js';

/** A parsed template: its body and the templates it `define`s. */
export interface ParseResult {
  root: Node[];
  defs: Map<string, Node[]>;
}

type Marker = { kind: 'end'; pos: number; delim: number } | { kind: 'else'; pos: number; delim: number };
type Item = Node | Marker;

/** Deepest nesting of parenthesised pipelines (Go allows 10000; our stack is smaller). */
const MAX_PAREN_DEPTH = 1000;
/** Deepest nesting of if/range/with/define/block (Go has no limit; our stack has one). */
const MAX_BLOCK_DEPTH = 1000;

const OPERAND_START = new Set<TokenType>([
  'bool', 'charconst', 'complex', 'dot', 'field', 'ident', 'number', 'nil', 'raw', 'string', 'variable', 'lparen',
]);

/** Parses `text`; `hasFunc` tells which function names exist (unknown ones are errors). */
export function parse(text: string, file: string, hasFunc: (name: string) => boolean): ParseResult {
  return new Parser(text, file, hasFunc).parse();
}

class Parser {
  private readonly toks: Token[];
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private parenDepth = 0;
  /** Offsets of the `{{` of each block being parsed, innermost last. */
  private readonly blocks: number[] = [];
  private readonly defs = new Map<string, Node[]>();

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly hasFunc: (name: string) => boolean,
  ) {
    this.toks = lex(text);
  }

  parse(): ParseResult {
    const root: Node[] = [];
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'ldelim') {
        const save = this.i;
        const delim = this.next();
        const kw = this.nextNonSpace();
        if (kw.type === 'keyword' && kw.val === 'define') {
          this.parseDefinition(delim.pos);
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') throw this.err(n.pos, `unexpected {{${n.kind}}}`);
      root.push(n);
    }
    return { root, defs: this.defs };
  }

  // --- token stream -------------------------------------------------------------------

  private err(pos: number, message: string): TemplateError {
    return errorAt(this.file, this.text, pos, message);
  }

  private next(): Token {
    const t = this.toks[Math.min(this.i, this.toks.length - 1)];
    this.i++;
    // The lexer stops at its first error; reaching that token is the error.
    if (t.type === 'error') throw this.err(t.pos, t.val);
    return t;
  }

  private peek(): Token {
    const t = this.next();
    this.i--;
    return t;
  }

  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }

  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.i--;
    return t;
  }

  private unexpected(t: Token, context: string): TemplateError {
    return this.err(t.pos, `unexpected ${describeToken(t)} in ${context}`);
  }

  private expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) throw this.unexpected(t, context);
    return t;
  }

  // --- lists and actions --------------------------------------------------------------

  /** Items up to an {{end}} or {{else}}, which is returned separately. */
  private itemList(): [Node[], Marker] {
    const list: Node[] = [];
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.push(n);
    }
    throw this.err(this.blocks[this.blocks.length - 1] ?? this.text.length, 'unexpected EOF');
  }

  private textOrAction(): Item {
    const t = this.nextNonSpace();
    if (t.type === 'text') return { kind: 'text', text: t.val };
    if (t.type === 'ldelim') return this.action(t.pos);
    throw this.unexpected(t, 'input');
  }

  private action(delim: number): Item {
    const t = this.nextNonSpace();
    if (t.type === 'keyword') {
      switch (t.val) {
        case 'block':
          return this.blockControl(delim);
        case 'break':
        case 'continue':
          return this.loopControl(t);
        case 'else': {
          const pk = this.peekNonSpace();
          // "{{else if ...}}" / "{{else with ...}}": leave the keyword for the enclosing control.
          if (!(pk.type === 'keyword' && (pk.val === 'if' || pk.val === 'with'))) this.expect('rdelim', 'else');
          return { kind: 'else', pos: t.pos, delim };
        }
        case 'end':
          this.expect('rdelim', 'end');
          return { kind: 'end', pos: t.pos, delim };
        case 'if':
        case 'range':
        case 'with':
          return this.control(t.val, delim);
        case 'template':
          return this.templateControl();
      }
    }
    this.i--;
    const pos = this.peek().pos;
    // Variables declared here stay visible until the enclosing {{end}}.
    return { kind: 'action', pos, pipe: this.pipeline('command', 'rdelim') };
  }

  private loopControl(t: Token): Node {
    const close = this.nextNonSpace();
    if (close.type !== 'rdelim') throw this.unexpected(close, `{{${t.val}}}`);
    if (this.rangeDepth === 0) throw this.err(t.pos, `{{${t.val}}} outside {{range}}`);
    return { kind: t.val as 'break' | 'continue', pos: t.pos };
  }

  private enterBlock(delim: number): void {
    if (this.blocks.length >= MAX_BLOCK_DEPTH) throw this.err(delim, 'max nesting depth exceeded');
    this.blocks.push(delim);
  }

  private control(kind: 'if' | 'range' | 'with', delim: number): Node {
    this.enterBlock(delim);
    const varsLen = this.vars.length;
    const pipe = this.pipeline(kind, 'rdelim');
    if (kind === 'range') this.rangeDepth++;
    const [list, next] = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let elseList: Node[] | undefined;
    if (next.kind === 'else') {
      const pk = this.peek();
      if (kind !== 'range' && pk.type === 'keyword' && pk.val === kind) {
        // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}.
        this.next();
        elseList = [this.control(kind, next.delim)];
      } else {
        let end: Marker;
        [elseList, end] = this.itemList();
        if (end.kind !== 'end') throw this.err(end.pos, 'expected end; found {{else}}');
      }
    }
    this.vars.length = varsLen;
    this.blocks.pop();
    return { kind, pos: pipe.pos, pipe, list, elseList };
  }

  private templateName(t: Token, context: string): string {
    if (t.type !== 'string' && t.type !== 'raw') throw this.unexpected(t, context);
    const r = unquoteString(t.val);
    if (!r.ok) throw this.err(t.pos, r.error);
    return r.value;
  }

  private templateControl(): Node {
    const nameTok = this.nextNonSpace();
    const name = this.templateName(nameTok, 'template clause');
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rdelim') {
      this.i--;
      pipe = this.pipeline('template clause', 'rdelim');
    }
    return { kind: 'template', pos: nameTok.pos, name, pipe };
  }

  private blockControl(delim: number): Node {
    const nameTok = this.nextNonSpace();
    const name = this.templateName(nameTok, 'block clause');
    const pipe = this.pipeline('block clause', 'rdelim');
    this.definitionBody(name, nameTok.pos, delim, 'block clause');
    return { kind: 'template', pos: nameTok.pos, name, pipe };
  }

  private parseDefinition(delim: number): void {
    const nameTok = this.nextNonSpace();
    const name = this.templateName(nameTok, 'define clause');
    this.expect('rdelim', 'define clause');
    this.definitionBody(name, nameTok.pos, delim, 'define clause');
  }

  /** A define/block body: its own variable scope (only `$`), outside any range. */
  private definitionBody(name: string, namePos: number, delim: number, context: string): void {
    const [vars, rangeDepth] = [this.vars, this.rangeDepth];
    this.vars = ['$'];
    this.rangeDepth = 0;
    this.enterBlock(delim);
    const [list, end] = this.itemList();
    if (end.kind !== 'end') throw this.err(end.pos, `unexpected {{else}} in ${context}`);
    this.blocks.pop();
    [this.vars, this.rangeDepth] = [vars, rangeDepth];
    const existing = this.defs.get(name);
    if (existing && !isEmptyList(existing) && !isEmptyList(list)) {
      throw this.err(namePos, `multiple definition of template ${goQuote(name)}`);
    }
    if (!existing || isEmptyList(existing)) this.defs.set(name, list);
  }

  // --- pipelines ----------------------------------------------------------------------

  private pipeline(context: string, end: 'rdelim' | 'rparen'): PipeNode {
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

/** Go's item.String(): keywords as <kw>, long values truncated to 10 runes. */
function describeToken(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'keyword' || t.type === 'dot' || t.type === 'nil') return `<${t.val}>`;
  const runes = [...t.val];
  return runes.length > 10 ? `${goQuote(runes.slice(0, 10).join(''))}...` : goQuote(t.val);
}
