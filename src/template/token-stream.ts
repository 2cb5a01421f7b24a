/**
 * The parser's view of the token list: Go's next/peek/backup over lexer tokens, and errors
 * positioned in the original text.
 */
import type { TemplateError } from '../errors.js';
import { lex, type Token, type TokenType } from './lexer.js';
import { goQuote } from './quote.js';
import { errorAt } from './values.js';

/** A cursor over the tokens of one template text. */
export class TokenStream {
  protected readonly toks: Token[];
  protected i = 0;

  constructor(
    protected readonly text: string,
    protected readonly file: string,
  ) {
    this.toks = lex(text);
  }

  protected err(pos: number, message: string): TemplateError {
    return errorAt(this.file, this.text, pos, message);
  }

  protected next(): Token {
    const t = this.toks[Math.min(this.i, this.toks.length - 1)];
    this.i++;
    // The lexer stops at its first error; reaching that token is the error.
    if (t.type === 'error') throw this.err(t.pos, t.val);
    return t;
  }

  protected peek(): Token {
    const t = this.next();
    this.i--;
    return t;
  }

  protected nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }

  protected peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.i--;
    return t;
  }

  protected unexpected(t: Token, context: string): TemplateError {
    return this.err(t.pos, `unexpected ${describeToken(t)} in ${context}`);
  }

  protected expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) throw this.unexpected(t, context);
    return t;
  }
}

/** Go's item.String(): keywords as <kw>, long values truncated to 10 runes. */
function describeToken(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'keyword' || t.type === 'dot' || t.type === 'nil') return `<${t.val}>`;
  const runes = [...t.val];
  return runes.length > 10 ? `${goQuote(runes.slice(0, 10).join(''))}...` : goQuote(t.val);
}
