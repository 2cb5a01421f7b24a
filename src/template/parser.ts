/**
 * The parser: Go text/template's grammar and its parse-time checks (unknown functions,
 * undefined variables, {{break}} outside {{range}}, non-executable pipeline stages), with
 * Go's messages. Errors point at the offending token; for an unterminated block
 * (`unexpected EOF`) that is the `{{` which opened it.
 */
import type { Token } from './lexer.js';
import { unquoteString } from './literals.js';
import { isEmptyList, type Node, type PipeNode } from './nodes.js';
import { PipelineParser } from './pipeline-parser.js';
import { goQuote } from './quote.js';

/** A parsed template: its body and the templates it `define`s. */
export interface ParseResult {
  root: Node[];
  defs: Map<string, Node[]>;
}

type Marker = { kind: 'end'; pos: number; delim: number } | { kind: 'else'; pos: number; delim: number };
type Item = Node | Marker;

/** Deepest nesting of if/range/with/define/block (Go has no limit; our stack has one). */
const MAX_BLOCK_DEPTH = 1000;

/** Parses `text`; `hasFunc` tells which function names exist (unknown ones are errors). */
export function parse(text: string, file: string, hasFunc: (name: string) => boolean): ParseResult {
  return new Parser(text, file, hasFunc).parse();
}

class Parser extends PipelineParser {
  private rangeDepth = 0;
  /** Offsets of the `{{` of each block being parsed, innermost last. */
  private readonly blocks: number[] = [];
  private readonly defs = new Map<string, Node[]>();

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
}
