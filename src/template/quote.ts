/**
 * Go's `strconv.Quote` family, used by `%q` and by error messages that quote names.
 */

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  if (cp >= 0xd800 && cp < 0xe000) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

const ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function appendRune(cp: number, quote: number, asciiOnly: boolean): string {
  if (cp === quote || cp === 0x5c) return '\\' + String.fromCodePoint(cp);
  if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return String.fromCodePoint(cp);
  const esc = ESCAPES[cp];
  if (esc) return esc;
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  // A lone surrogate is JavaScript's version of invalid UTF-8; Go would print U+FFFD's escape.
  if (cp >= 0xd800 && cp < 0xe000) return '\\ufffd';
  return cp < 0x10000 ? '\\u' + hex(cp, 4) : '\\U' + hex(cp, 8);
}

/** `strconv.Quote` (or `QuoteToASCII` when `asciiOnly`). */
export function goQuote(s: string, asciiOnly = false): string {
  // Fast path: printable ASCII without quotes or backslashes.
  if (/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) out += appendRune(ch.codePointAt(0)!, 0x22, asciiOnly);
  return out + '"';
}

/** `strconv.QuoteRune`: `'a'`, `'\n'`, `'☺'`. */
export function quoteRune(cp: number, asciiOnly = false): string {
  if (cp > 0x10ffff || cp < 0 || (cp >= 0xd800 && cp < 0xe000)) cp = 0xfffd;
  return `'${appendRune(cp, 0x27, asciiOnly)}'`;
}

/** `strconv.CanBackquote`: no control characters (but tab), no backquote, no U+FEFF. */
export function canBackquote(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\x00-\x08\x0a-\x1f\x7f`\ufeff]/.test(s);
}
