import type { Loc } from './ast.js';
import { JsonnetError } from './errors.js';

/** Token kinds: identifiers, keywords, literals, operators and punctuation. */
export type TokenKind = 'id' | 'kw' | 'num' | 'str' | 'op' | 'punct' | 'eof';

/** A lexed token. `value` is the identifier, keyword, operator, punctuation or decoded string. */
export interface Token {
  kind: TokenKind;
  value: string;
  num: number;
  loc: Loc;
  /** For strings: true for `|||` text blocks (not allowed as import paths in go-jsonnet). */
  block?: boolean;
}

const KEYWORDS = new Set([
  'assert', 'else', 'error', 'false', 'for', 'function', 'if', 'import', 'importstr', 'importbin',
  'in', 'local', 'null', 'tailstrict', 'then', 'self', 'super', 'true',
]);
const OP_CHARS = '!$:~+-&|^=<>*/%';
const PUNCT = '{}[],.();';

/** Human-readable token description for parse errors, in go-jsonnet's style. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof': return 'end of file';
    case 'id': return `(IDENTIFIER, "${t.value}")`;
    case 'num': return `(NUMBER, "${t.value}")`;
    case 'str': return `(STRING, ${JSON.stringify(t.value)})`;
    default: return `"${t.value}"`;
  }
}

/** Splits Jsonnet source into tokens. Throws a static JsonnetError on bad input. */
export function lex(file: string, src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = src.length;
  const loc = (at: number): Loc => ({ file, line, col: at - lineStart + 1 });
  const err = (msg: string, l: Loc): never => { throw new JsonnetError(msg, l, 'static'); };
  const newline = (at: number) => { line++; lineStart = at + 1; };

  while (i < n) {
    const c = src[i];
    if (c === '\n') { newline(i); i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#' || (c === '/' && src[i + 1] === '/')) {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const start = loc(i);
      i += 2;
      while (i < n && !(src[i] === '*' && src[i + 1] === '/')) { if (src[i] === '\n') newline(i); i++; }
      if (i >= n) err('Multi-line comment has no terminating */', start);
      i += 2;
      continue;
    }
    const start = loc(i);
    if (PUNCT.includes(c)) { out.push({ kind: 'punct', value: c, num: 0, loc: start }); i++; continue; }
    if (c >= '0' && c <= '9') {
      const m = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 400));
      const text = m![0];
      const next = src[i + text.length];
      if (next === '.' && /[0-9]/.test(src[i + text.length + 1] ?? '') ) err(`Couldn't lex number, junk after decimal point: '${next}'`, start);
      out.push({ kind: 'num', value: text, num: Number(text), loc: start });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(src[j])) j++;
      const word = src.slice(i, j);
      out.push({ kind: KEYWORDS.has(word) ? 'kw' : 'id', value: word, num: 0, loc: start });
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= n) err('Unterminated string', start);
        const d = src[j];
        if (d === c) break;
        if (d === '\n') newline(j);
        if (d === '\\') {
          const e = src[j + 1];
          const esc: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (e === undefined) err('Unterminated string', start);
          if (e in esc) { s += esc[e]; j += 2; continue; }
          if (e === 'u') {
            const hex = src.slice(j + 2, j + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) err('Truncated unicode escape sequence in string literal.', { file, line, col: j - lineStart + 1 });
            s += String.fromCharCode(parseInt(hex, 16));
            j += 6;
            continue;
          }
          if (e === '\n') newline(j + 1);
          err(`Unknown escape sequence in string literal: '\\${e}'`, { file, line, col: j - lineStart + 1 });
        }
        s += d;
        j++;
      }
      out.push({ kind: 'str', value: s, num: 0, loc: start });
      i = j + 1;
      continue;
    }
    if (c === '@' && (src[i + 1] === '"' || src[i + 1] === "'")) {
      const q = src[i + 1];
      let j = i + 2;
      let s = '';
      for (;;) {
        if (j >= n) err('Unterminated string', start);
        if (src[j] === q) {
          if (src[j + 1] === q) { s += q; j += 2; continue; }
          break;
        }
        if (src[j] === '\n') newline(j);
        s += src[j++];
      }
      out.push({ kind: 'str', value: s, num: 0, loc: start });
      i = j + 1;
      continue;
    }
    if (src.startsWith('|||', i)) {
      const r = lexTextBlock(src, i, start, err);
      for (let k = i; k < r.end; k++) if (src[k] === '\n') newline(k);
      out.push({ kind: 'str', value: r.value, num: 0, loc: start, block: true });
      i = r.end;
      continue;
    }
    if (OP_CHARS.includes(c)) {
      let j = i;
      while (j < n && OP_CHARS.includes(src[j])) {
        if (j > i && (src.startsWith('|||', j) || src.startsWith('//', j) || src.startsWith('/*', j))) break;
        j++;
      }
      // A multi-character operator may not end in a unary operator character (`a:-1`, `x==-1`).
      while (j - i > 1 && '+-~!$'.includes(src[j - 1])) j--;
      out.push({ kind: 'op', value: src.slice(i, j), num: 0, loc: start });
      i = j;
      continue;
    }
    err(`Could not lex the character '${c}'`, start);
  }
  out.push({ kind: 'eof', value: '', num: 0, loc: loc(i) });
  return out;
}

/** Lexes a `|||` text block starting at `i`; returns its value and the index after the closing `|||`. */
function lexTextBlock(src: string, i: number, start: Loc, err: (m: string, l: Loc) => never): { value: string; end: number } {
  let j = i + 3;
  let chomp = false;
  if (src[j] === '-') { chomp = true; j++; }
  while (src[j] === ' ' || src[j] === '\t' || src[j] === '\r') j++;
  if (src[j] !== '\n') err('Text block syntax requires new line after |||.', start);
  j++;
  // Blank lines before the first content line are kept as empty lines.
  let lines = '';
  while (src[j] === '\n') { lines += '\n'; j++; }
  let k = j;
  while (src[k] === ' ' || src[k] === '\t') k++;
  const indent = src.slice(j, k);
  if (indent.length === 0) err("Text block's first line must start with whitespace.", start);
  for (;;) {
    if (!src.startsWith(indent, j)) break;
    j += indent.length;
    const eol = src.indexOf('\n', j);
    if (eol < 0) err('Unexpected EOF', start);
    lines += src.slice(j, eol + 1);
    j = eol + 1;
    while (src[j] === '\n') { lines += '\n'; j++; }
  }
  while (src[j] === ' ' || src[j] === '\t') j++;
  if (!src.startsWith('|||', j)) err('Text block not terminated with |||', start);
  if (chomp) lines = lines.replace(/\n$/, '');
  return { value: lines, end: j + 3 };
}
