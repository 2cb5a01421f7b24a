/**
 * The lexer: Go text/template's scanner rules, in one linear pass over the input.
 *
 * It produces the whole token list up front (Go streams them through a channel). A scan error
 * becomes an `error` token that ends the list, so the parser reports it only when it reaches
 * that point, as Go does, and any earlier syntax error still wins.
 */

export type TokenType =
  | 'text' | 'ldelim' | 'rdelim' | 'space' | 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign'
  | 'char' | 'string' | 'raw' | 'charconst' | 'number' | 'complex' | 'bool' | 'ident' | 'field'
  | 'variable' | 'dot' | 'nil' | 'keyword' | 'eof' | 'error';

/** One token; `pos` is its offset in the original text, `val` its source text (or message). */
export interface Token {
  type: TokenType;
  pos: number;
  val: string;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;

/** Go's isSpace inside actions and for trim markers: space, tab, CR, LF. */
function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === LF;
}

function isAlnumAscii(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

const UNICODE_ALNUM = /[\p{L}\p{Nd}_]/u;

/** Go's isAlphaNumeric: underscore, Unicode letter or digit. */
function isAlnumAt(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  if (c < 0x80) return isAlnumAscii(c);
  if (Number.isNaN(c)) return false;
  return UNICODE_ALNUM.test(String.fromCodePoint(s.codePointAt(p)!));
}

/** Width in UTF-16 units of the code point at `p`. */
function cpWidth(s: string, p: number): number {
  return s.codePointAt(p)! > 0xffff ? 2 : 1;
}

/** Go's `%#U` of a rune: `U+0041 'A'`. */
export function describeRune(s: string, p: number): string {
  const cp = s.codePointAt(p) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(String.fromCodePoint(cp)) ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`;
}

/** Scans `input` into tokens; the list always ends with an `eof` or an `error` token. */
export function lex(input: string): Token[] {
  const toks: Token[] = [];
  const n = input.length;
  let pos = 0;
  const push = (type: TokenType, start: number, end: number): void => {
    toks.push({ type, pos: start, val: input.slice(start, end) });
  };
  const fail = (at: number, message: string): Token[] => {
    toks.push({ type: 'error', pos: at, val: message });
    return toks;
  };
  // " -}}" (any Go space before the dash) or "}}" at p: returns the delimiter length, or 0.
  const rightDelimAt = (p: number): number => {
    if (isSpace(input.charCodeAt(p)) && input.charCodeAt(p + 1) === DASH && input.startsWith('}}', p + 2)) return 4;
    return input.startsWith('}}', p) ? 2 : 0;
  };
  const skipSpaces = (p: number): number => {
    while (p < n && isSpace(input.charCodeAt(p))) p++;
    return p;
  };
  const atTerminator = (p: number): boolean => {
    if (p >= n) return true;
    const c = input.charCodeAt(p);
    if (isSpace(c)) return true;
    // . , | : ( ) or the start of the right delimiter
    return c === 0x2e || c === 0x2c || c === 0x7c || c === 0x3a || c === 0x28 || c === 0x29 || input.startsWith('}}', p);
  };
  const alnumRun = (p: number): number => {
    while (p < n && isAlnumAt(input, p)) p += cpWidth(input, p);
    return p;
  };

  for (;;) {
    const x = input.indexOf('{{', pos);
    if (x < 0) {
      if (pos < n) push('text', pos, n);
      toks.push({ type: 'eof', pos: n, val: '' });
      return toks;
    }
    // "{{- " trims the preceding text; the dash must be followed by a space (so {{-3}} is -3).
    const trimLeft = input.charCodeAt(x + 2) === DASH && isSpace(input.charCodeAt(x + 3));
    let textEnd = x;
    if (trimLeft) while (textEnd > pos && isSpace(input.charCodeAt(textEnd - 1))) textEnd--;
    if (textEnd > pos) push('text', pos, textEnd);
    let p = x + 2 + (trimLeft ? 2 : 0);

    if (input.startsWith('/*', p)) {
      // A comment must start right after the delimiter and end right before the closing one.
      const close = input.indexOf('*/', p + 2);
      if (close < 0) return fail(x, 'unclosed comment');
      p = close + 2;
      const d = rightDelimAt(p);
      if (d === 0) return fail(p, 'comment ends before closing delimiter');
      pos = d === 4 ? skipSpaces(p + 4) : p + 2;
      continue;
    }

    toks.push({ type: 'ldelim', pos: x, val: '{{' });
    const parens: number[] = [];
    for (;;) {
      const d = rightDelimAt(p);
      if (d > 0) {
        if (parens.length > 0) return fail(parens[parens.length - 1], 'unclosed left paren');
        toks.push({ type: 'rdelim', pos: d === 4 ? p + 2 : p, val: '}}' });
        pos = d === 4 ? skipSpaces(p + 4) : p + 2;
        break;
      }
      if (p >= n) return fail(x, 'unclosed action');
      const c = input.charCodeAt(p);
      const start = p;
      if (isSpace(c)) {
        while (p < n && isSpace(input.charCodeAt(p))) p++;
        // The last space may belong to a " -}}" trim marker; leave it for the delimiter.
        if (input.charCodeAt(p) === DASH && input.startsWith('}}', p + 1)) p--;
        if (p > start) push('space', start, p);
        continue;
      }
      switch (c) {
        case 0x3d: // =
          push('assign', start, ++p);
          continue;
        case 0x3a: // :
          if (input.charCodeAt(p + 1) !== 0x3d) return fail(start, 'expected :=');
          p += 2;
          push('declare', start, p);
          continue;
        case 0x7c: // |
          push('pipe', start, ++p);
          continue;
        case 0x28: // (
          parens.push(p);
          push('lparen', start, ++p);
          continue;
        case 0x29: // )
          if (parens.length === 0) return fail(start, "unexpected right paren U+0029 ')'");
          parens.pop();
          push('rparen', start, ++p);
          continue;
        case 0x22: // "
          for (p++; ; p++) {
            const q = input.charCodeAt(p);
            if (p >= n || q === LF) return fail(start, 'unterminated quoted string');
            if (q === 0x5c) {
              p++;
              if (p >= n || input.charCodeAt(p) === LF) return fail(start, 'unterminated quoted string');
            } else if (q === 0x22) break;
          }
          push('string', start, ++p);
          continue;
        case 0x60: // `
          p = input.indexOf('`', p + 1);
          if (p < 0) return fail(start, 'unterminated raw quoted string');
          push('raw', start, ++p);
          continue;
        case 0x27: // '
          for (p++; ; p++) {
            const q = input.charCodeAt(p);
            if (p >= n || q === LF) return fail(start, 'unterminated character constant');
            if (q === 0x5c) {
              p++;
              if (p >= n || input.charCodeAt(p) === LF) return fail(start, 'unterminated character constant');
            } else if (q === 0x27) break;
          }
          push('charconst', start, ++p);
          continue;
        case 0x24: // $
        case 0x2e: {
          // . or $: a field / variable name, or "." / "$" alone; ".5" is a number.
          const next = input.charCodeAt(p + 1);
          if (c === 0x2e && next >= 0x30 && next <= 0x39) break;
          p++;
          if (atTerminator(p)) {
            push(c === 0x24 ? 'variable' : 'dot', start, p);
            continue;
          }
          p = alnumRun(p);
          if (!atTerminator(p)) return fail(p, `bad character ${describeRune(input, p)}`);
          push(c === 0x24 ? 'variable' : 'field', start, p);
          continue;
        }
      }
      if (c === 0x2b || c === DASH || c === 0x2e || (c >= 0x30 && c <= 0x39)) {
        p = scanNumber(input, p);
        if (p < 0) return fail(start, `bad number syntax: ${JSON.stringify(input.slice(start, -p))}`);
        const sign = input.charCodeAt(p);
        if (sign === 0x2b || sign === DASH) {
          // A complex constant such as 1+2i: no spaces, must end in i.
          const e = scanNumber(input, p);
          if (e < 0 || input.charCodeAt(e - 1) !== 0x69) {
            return fail(start, `bad number syntax: ${JSON.stringify(input.slice(start, Math.abs(e)))}`);
          }
          push('complex', start, (p = e));
        } else push('number', start, p);
        continue;
      }
      if (isAlnumAt(input, p)) {
        p = alnumRun(p);
        if (!atTerminator(p)) return fail(p, `bad character ${describeRune(input, p)}`);
        const word = input.slice(start, p);
        if (KEYWORDS.has(word)) push('keyword', start, p);
        else if (word === 'nil') push('nil', start, p);
        else if (word === 'true' || word === 'false') push('bool', start, p);
        else push('ident', start, p);
        continue;
      }
      if (c < 0x7f && c > 0x20) {
        push('char', start, ++p);
        continue;
      }
      return fail(start, `unrecognized character in action: ${describeRune(input, p)}`);
    }
  }
}

/**
 * Go's scanNumber: sign, base prefix, digits with underscores, fraction, exponent, imaginary
 * suffix. Deliberately loose (the parser validates the text). Returns the end offset, or
 * `-end` when an alphanumeric character follows the number.
 */
function scanNumber(s: string, p: number): number {
  const accept = (chars: string): boolean => {
    if (p < s.length && chars.includes(s[p])) {
      p++;
      return true;
    }
    return false;
  };
  const run = (chars: string): void => {
    while (p < s.length && chars.includes(s[p])) p++;
  };
  accept('+-');
  let digits = '0123456789_';
  if (accept('0')) {
    if (accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (accept('oO')) digits = '01234567_';
    else if (accept('bB')) digits = '01_';
  }
  run(digits);
  if (accept('.')) run(digits);
  if (digits.length === 11 && accept('eE')) {
    accept('+-');
    run('0123456789_');
  }
  if (digits.length === 23 && accept('pP')) {
    accept('+-');
    run('0123456789_');
  }
  accept('i');
  if (p < s.length && isAlnumAt(s, p)) return -(p + cpWidth(s, p));
  return p;
}
