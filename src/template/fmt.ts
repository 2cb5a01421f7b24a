/**
 * Go's fmt package as templates use it: `Sprint`, `Sprintln`, the verbs of `Sprintf` and the
 * `%v` printing behind `{{ . }}` (`map[a:1 b:2]`, `[1 2 3]`, `<nil>`). Integral numbers are Go
 * `int`s and other numbers `float64`s; the float verbs also accept integral numbers (Go
 * would print `%!f(int=3)`), because JavaScript cannot tell `3` from `3.0`.
 */
import { formatFloat } from './ftoa.js';
import { canBackquote, goQuote, isPrint, quoteRune } from './quote.js';
import { isInt, isMap, mapGet, sortedKeys, typeName } from './values.js';

/** Go's fmt state for one verb: flags, width and precision. */
export interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid?: number;
  prec?: number;
}

export const NO_FLAGS: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false };

/** Beyond this nesting, values print as `...` (guards against cyclic objects). */
const MAX_DEPTH = 100;

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** Pads to the width: left with spaces (or zeros), right with spaces when `-` is set. */
function pad(s: string, f: Flags): string {
  if (f.wid === undefined) return s;
  const n = f.wid - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero ? '0' : ' ').repeat(n) + s;
}

function badVerb(v: unknown, verb: string, f: Flags): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${printArg(v, 'v', f, 0)})`;
}

function fmtInteger(n: bigint, base: number, verb: string, f: Flags): string {
  const neg = n < 0n;
  const u = neg ? -n : n;
  let prec = 0;
  if (f.prec !== undefined) {
    prec = f.prec;
    // Precision 0 and value 0 print nothing but the padding.
    if (prec === 0 && u === 0n) return pad('', { ...f, zero: false });
  } else if (f.zero && f.wid !== undefined) {
    prec = f.wid - (neg || f.plus || f.space ? 1 : 0);
  }
  let s = u.toString(base);
  if (verb === 'X') s = s.toUpperCase();
  s = s.padStart(prec, '0');
  if (f.sharp) {
    if (base === 2) s = '0b' + s;
    else if (base === 8 && s[0] !== '0') s = '0' + s;
    else if (base === 16) s = (verb === 'X' ? '0X' : '0x') + s;
  }
  if (verb === 'O') s = '0o' + s;
  if (neg) s = '-' + s;
  else if (f.plus) s = '+' + s;
  else if (f.space) s = ' ' + s;
  return pad(s, { ...f, zero: false });
}

function fmtFloat(x: number, verb: string, prec: number, f: Flags): string {
  if (f.prec !== undefined) prec = f.prec;
  let num = formatFloat(x, verb, prec);
  if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
  if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    // Infinities and NaN are not padded with zeros, and NaN loses an unasked-for sign.
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad(num, { ...f, zero: false });
  }
  if (f.plus || num[0] !== '+') {
    // Zero padding goes between the sign and the digits.
    if (f.zero && f.wid !== undefined && f.wid > num.length) return num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
    return pad(num, f);
  }
  return pad(num.slice(1), f);
}

function fmtNumber(v: number | bigint, verb: string, f: Flags): string {
  if (!isInt(v)) {
    const x = v as number;
    switch (verb) {
      case 'v':
        return fmtFloat(x, 'g', -1, f);
      case 'e': case 'E': case 'f': case 'F':
        return fmtFloat(x, verb === 'F' ? 'f' : verb, 6, f);
      case 'g': case 'G':
        return fmtFloat(x, verb, -1, f);
    }
    return badVerb(v, verb, f);
  }
  const n = typeof v === 'bigint' ? v : BigInt(v);
  switch (verb) {
    case 'v': case 'd':
      return fmtInteger(n, 10, verb, f);
    case 'b':
      return fmtInteger(n, 2, verb, f);
    case 'o': case 'O':
      return fmtInteger(n, 8, verb, f);
    case 'x': case 'X':
      return fmtInteger(n, 16, verb, f);
    case 'e': case 'E': case 'f': case 'F':
      return fmtFloat(Number(n), verb === 'F' ? 'f' : verb, 6, f);
    case 'g': case 'G':
      return fmtFloat(Number(n), verb, -1, f);
  }
  const cp = n < 0n || n > 0x10ffffn ? 0xfffd : Number(n);
  switch (verb) {
    case 'c':
      return pad(cp >= 0xd800 && cp < 0xe000 ? '\ufffd' : String.fromCodePoint(cp), f);
    case 'q':
      return pad(quoteRune(cp, f.plus), f);
    case 'U': {
      const u = 'U+' + Number(n < 0n ? -n : n).toString(16).toUpperCase().padStart(4, '0');
      return pad(f.sharp && isPrint(cp) ? `${u} '${String.fromCodePoint(cp)}'` : u, { ...f, zero: false });
    }
  }
  return badVerb(v, verb, f);
}

function fmtString(s: string, verb: string, f: Flags): string {
  switch (verb) {
    case 'v':
    case 's':
      if (verb === 'v' && f.sharpV) return pad(goQuote(s), f);
      if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
      return pad(s, f);
    case 'q':
      if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
      if (f.sharp && canBackquote(s)) return pad('`' + s + '`', f);
      return pad(goQuote(s, f.plus), f);
    case 'x':
    case 'X': {
      let bytes = [...Buffer.from(s, 'utf8')];
      if (f.prec !== undefined) bytes = bytes.slice(0, f.prec);
      const digits = bytes.map((b) => b.toString(16).padStart(2, '0')).map((h) => (verb === 'X' ? h.toUpperCase() : h));
      const prefix = f.sharp ? (verb === 'X' ? '0X' : '0x') : '';
      const out = f.space ? digits.map((h) => prefix + h).join(' ') : prefix + digits.join('');
      return pad(bytes.length === 0 ? '' : out, f);
    }
  }
  return badVerb(s, verb, f);
}

/** Formats one operand with a verb, recursing into slices and maps as Go's printValue does. */
export function printArg(v: unknown, verb: string, f: Flags, depth: number): string {
  if (v === null || v === undefined) {
    // Inside a slice or map a nil prints as <nil> whatever the verb.
    if (verb === 'v' || verb === 'T' || depth > 0) return pad('<nil>', f);
    return badVerb(v, verb, f);
  }
  if (verb === 'T') return pad(typeName(v), f);
  if (depth > MAX_DEPTH) return '...';
  switch (typeof v) {
    case 'string':
      return fmtString(v, verb, f);
    case 'boolean':
      return verb === 'v' || verb === 't' ? pad(String(v), f) : badVerb(v, verb, f);
    case 'number':
    case 'bigint':
      return fmtNumber(v, verb, f);
    case 'function':
      return verb === 'v' ? pad('<func>', f) : badVerb(v, verb, f);
  }
  if (Array.isArray(v)) {
    const items = v.map((e) => printArg(e, verb, f, depth + 1));
    return f.sharpV ? `[]interface {}{${items.join(', ')}}` : `[${items.join(' ')}]`;
  }
  if (isMap(v)) {
    const items = sortedKeys(v).map((k) => {
      const key = printArg(k, verb, f, depth + 1);
      return `${key}:${printArg(mapGet(v, k), verb, f, depth + 1)}`;
    });
    return f.sharpV ? `map[string]interface {}{${items.join(', ')}}` : `map[${items.join(' ')}]`;
  }
  return pad(String(v), f);
}

/** `fmt.Sprint(v)`: how `{{ . }}` prints a value (the caller handles missing values). */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  return printArg(v, 'v', NO_FLAGS, 0);
}

/** `fmt.Sprint`: operands concatenated, with spaces between operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  let prevString = false;
  args.forEach((a, i) => {
    const isString = typeof a === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += printArg(a, 'v', NO_FLAGS, 0);
    prevString = isString;
  });
  return out;
}

/** `fmt.Sprintln`: operands separated by spaces, newline appended. */
export function sprintln(args: readonly unknown[]): string {
  return args.map((a) => printArg(a, 'v', NO_FLAGS, 0)).join(' ') + '\n';
}
