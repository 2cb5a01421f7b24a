import { fail } from '../errors.js';
import { formatValue } from '../format.js';
import { escapeJson, valueToString } from '../manifest.js';
import { chars, cpLength, cpSlice } from '../strings.js';
import { JArray, type Builtin, type Value } from '../values.js';
import { builtin, int, num, str } from './builtin.js';

const WHITESPACE = ' \t\n\f\r\u0085\u00A0';

function strip(s: string, cs: string, left: boolean, right: boolean): string {
  const set = new Set(chars(cs));
  const a = chars(s);
  let i = 0, j = a.length;
  if (left) while (i < j && set.has(a[i])) i++;
  if (right) while (j > i && set.has(a[j - 1])) j--;
  return a.slice(i, j).join('');
}

function splitLimit(s: string, sep: string, max: number): string[] {
  if (sep === '') fail('Cannot split by empty string');
  const parts = s.split(sep);
  if (max < 0 || parts.length <= max + 1) return parts;
  return [...parts.slice(0, max), parts.slice(max).join(sep)];
}

function splitLimitR(s: string, sep: string, max: number): string[] {
  if (sep === '') fail('Cannot split by empty string');
  const parts = s.split(sep);
  if (max < 0 || parts.length <= max + 1) return parts;
  const keep = parts.length - max;
  return [parts.slice(0, keep).join(sep), ...parts.slice(keep)];
}

function parseRadix(s: string, radix: number, re: RegExp, what: string): number {
  if (!re.test(s)) fail(`${JSON.stringify(s)} is not ${what}`);
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  let n = 0;
  for (const c of digits) n = n * radix + parseInt(c, radix);
  return neg ? -n : n;
}

function asciiCase(s: string, upper: boolean): string {
  return s.replace(upper ? /[a-z]+/g : /[A-Z]+/g, (m) => (upper ? m.toUpperCase() : m.toLowerCase()));
}

/** Findings of `pat` in `s`, as code point indexes (overlapping, like go-jsonnet). */
function findSubstr(pat: string, s: string): number[] {
  if (pat.length === 0) return [];
  const out: number[] = [];
  const sc = chars(s), pc = chars(pat);
  outer: for (let i = 0; i + pc.length <= sc.length; i++) {
    for (let j = 0; j < pc.length; j++) if (sc[i + j] !== pc[j]) continue outer;
    out.push(i);
  }
  return out;
}

/** String builtins: splitting, trimming, case, escaping, parsing numbers, format. */
export const stringBuiltins: Builtin[] = [
  builtin('split', ['str', 'c'], ([s, c]) => JArray.of(splitLimit(str(s), str(c), -1))),
  builtin('splitLimit', ['str', 'c', 'maxsplits'], ([s, c, m]) => JArray.of(splitLimit(str(s), str(c), int(m, 'maxsplits')))),
  builtin('splitLimitR', ['str', 'c', 'maxsplits'], ([s, c, m]) => JArray.of(splitLimitR(str(s), str(c), int(m, 'maxsplits')))),
  builtin('strReplace', ['str', 'from', 'to'], ([s, f, t]) => {
    const from = str(f);
    if (from === '') fail("'from' string must not be zero length.");
    return str(s).split(from).join(str(t));
  }),
  builtin('substr', ['str', 'from', 'len'], ([s, f, l]) => {
    const from = int(f, 'from'), len = int(l, 'len');
    if (from < 0) fail(`substr second parameter should be greater than zero, got ${from}`);
    if (len < 0) fail(`substr third parameter should be greater than zero, got ${len}`);
    return cpSlice(str(s), from, from + len);
  }),
  builtin('startsWith', ['a', 'b'], ([a, b]) => str(a).startsWith(str(b))),
  builtin('endsWith', ['a', 'b'], ([a, b]) => str(a).endsWith(str(b))),
  builtin('stripChars', ['str', 'chars'], ([s, c]) => strip(str(s), str(c), true, true)),
  builtin('lstripChars', ['str', 'chars'], ([s, c]) => strip(str(s), str(c), true, false)),
  builtin('rstripChars', ['str', 'chars'], ([s, c]) => strip(str(s), str(c), false, true)),
  builtin('trim', ['str'], ([s]) => strip(str(s), WHITESPACE, true, true)),
  builtin('asciiUpper', ['str'], ([s]) => asciiCase(str(s), true)),
  builtin('asciiLower', ['str'], ([s]) => asciiCase(str(s), false)),
  builtin('equalsIgnoreCase', ['str1', 'str2'], ([a, b]) => asciiCase(str(a), false) === asciiCase(str(b), false)),
  builtin('char', ['n'], ([n]) => {
    const c = int(n, 'codepoint');
    if (c < 0 || c > 0x10ffff) fail(`Invalid unicode codepoint, got ${c}`);
    return String.fromCodePoint(c);
  }),
  builtin('codepoint', ['str'], ([s]) => {
    const x = str(s);
    if (cpLength(x) !== 1) fail(`codepoint takes a string of length 1, got length ${cpLength(x)}`);
    return x.codePointAt(0)!;
  }),
  builtin('stringChars', ['str'], ([s]) => JArray.of(chars(str(s)))),
  builtin('parseInt', ['str'], ([s]) => parseRadix(str(s), 10, /^-?[0-9]+$/, 'a base 10 integer')),
  builtin('parseOctal', ['str'], ([s]) => parseRadix(str(s), 8, /^[0-7]+$/, 'an octal integer')),
  builtin('parseHex', ['str'], ([s]) => parseRadix(str(s), 16, /^[0-9a-fA-F]+$/, 'a hexadecimal integer')),
  builtin('format', ['str', 'vals'], ([s, v]) => formatValue(str(s), v)),
  builtin('mod', ['a', 'b'], ([a, b]) => {
    if (typeof a === 'string') return formatValue(a, b);
    const x = num(a), y = num(b);
    if (y === 0) fail('Division by zero.');
    return x % y;
  }),
  builtin('escapeStringJson', ['str'], ([s]) => escapeJson(toStr(s))),
  builtin('escapeStringPython', ['str'], ([s]) => escapeJson(toStr(s))),
  builtin('escapeStringBash', ['str'], ([s]) => `'${toStr(s).split("'").join(`'"'"'`)}'`),
  builtin('escapeStringDollars', ['str'], ([s]) => toStr(s).split('$').join('$$')),
  builtin('escapeStringXml', ['str'], ([s]) => toStr(s).replace(/[&<>"']/g, (c) => XML[c])),
  builtin('findSubstr', ['pat', 'str'], ([p, s]) => JArray.of(findSubstr(str(p), str(s)))),
  builtin('resolvePath', ['f', 'r'], ([f, r]) => {
    const parts = str(f).split('/');
    parts[parts.length - 1] = str(r);
    return parts.join('/');
  }),
];

const XML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escape functions accept any value and escape its string form, as in std.jsonnet. */
function toStr(v: Value): string {
  return valueToString(v);
}
