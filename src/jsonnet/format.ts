import { fail } from './errors.js';
import { valueToString } from './manifest.js';
import { JObject } from './objects.js';
import { cpLength } from './strings.js';
import { JArray, typeName, type Value } from './values.js';

/** One parsed `%...` conversion. */
interface Spec {
  key: string | null;
  alt: boolean;
  zero: boolean;
  left: boolean;
  blank: boolean;
  plus: boolean;
  width: number | '*';
  prec: number | '*' | null;
  type: string;
}

const TYPES = 'diouxXeEfFgGcrs%';

function parseSpec(fmt: string, i: number): [Spec, number] {
  const sp: Spec = { key: null, alt: false, zero: false, left: false, blank: false, plus: false, width: 0, prec: null, type: '' };
  if (fmt[i] === '(') {
    const close = fmt.indexOf(')', i);
    if (close < 0) fail('Truncated format code.');
    sp.key = fmt.slice(i + 1, close);
    i = close + 1;
  }
  for (;; i++) {
    const c = fmt[i];
    if (c === '#') sp.alt = true;
    else if (c === '0') sp.zero = true;
    else if (c === '-') sp.left = true;
    else if (c === ' ') sp.blank = true;
    else if (c === '+') sp.plus = true;
    else break;
  }
  if (fmt[i] === '*') { sp.width = '*'; i++; } else {
    let j = i;
    while (fmt[j] >= '0' && fmt[j] <= '9') j++;
    if (j > i) sp.width = Number(fmt.slice(i, j));
    i = j;
  }
  if (fmt[i] === '.') {
    i++;
    if (fmt[i] === '*') { sp.prec = '*'; i++; } else {
      let j = i;
      while (fmt[j] >= '0' && fmt[j] <= '9') j++;
      sp.prec = Number(fmt.slice(i, j) || '0');
      i = j;
    }
  }
  while (fmt[i] === 'h' || fmt[i] === 'l' || fmt[i] === 'L') i++;
  if (i >= fmt.length) fail('Truncated format code.');
  if (!TYPES.includes(fmt[i])) fail(`Unrecognised conversion type: ${fmt[i]}`);
  sp.type = fmt[i];
  return [sp, i + 1];
}

function padLeft(s: string, w: number, c: string): string {
  const n = cpLength(s);
  return n >= w ? s : c.repeat(w - n) + s;
}

function sign(neg: boolean, sp: Spec): string {
  return neg ? '-' : sp.plus ? '+' : sp.blank ? ' ' : '';
}

/** Integer conversions d, o, x, X: sign, zero padding up to the width, precision as min digits. */
function renderInt(v: number, sp: Spec, radix: number, prefix: string, upper: boolean): string {
  const neg = v < 0;
  let digits = Math.floor(Math.abs(v)).toString(radix);
  if (upper) digits = digits.toUpperCase();
  if (digits === '0' && radix === 8 && sp.alt) digits = '';
  const s = sign(neg, sp) + prefix;
  const minDigits = Math.max(typeof sp.prec === 'number' ? sp.prec : 0, sp.zero && !sp.left ? (sp.width as number) - s.length : 0);
  return s + padLeft(digits, minDigits, '0');
}

/** Float conversions f, e, g with C semantics; the sign is handled here, width by the caller. */
function renderFloat(v: number, sp: Spec): string {
  const type = sp.type.toLowerCase();
  let prec = typeof sp.prec === 'number' ? sp.prec : 6;
  const a = Math.abs(v);
  let body: string;
  if (type === 'f') body = fixed(a, prec, sp.alt);
  else if (type === 'e') body = sci(a, prec, sp.alt);
  else {
    if (prec === 0) prec = 1;
    const exp = a === 0 ? 0 : Number(a.toExponential(prec - 1).split('e')[1]);
    body = exp < -4 || exp >= prec ? sci(a, prec - 1, sp.alt) : fixed(a, prec - 1 - exp, sp.alt);
    if (!sp.alt) body = body.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
  }
  if (sp.type === 'E' || sp.type === 'G') body = body.toUpperCase();
  const s = sign(v < 0 || Object.is(v, -0), sp);
  if (sp.zero && !sp.left) body = padLeft(body, (sp.width as number) - s.length, '0');
  return s + body;
}

/**
 * Fixed-point rendering with std.jsonnet's rounding: the value is scaled to an integer
 * numerator (|x| * 10^prec + 0.5, floored), so halves round away from zero.
 */
function fixed(a: number, prec: number, alt: boolean): string {
  const den = Math.pow(10, prec);
  const numer = a * den + 0.5;
  let s: string;
  if (!Number.isFinite(numer) || numer >= 2 ** 53) {
    s = a < 1e21 ? a.toFixed(prec) : BigInt(Math.round(a)).toString() + (prec > 0 ? '.' + '0'.repeat(prec) : '');
  } else {
    const whole = Math.floor(numer / den);
    const frac = Math.floor(numer) % den;
    s = prec > 0 ? `${whole}.${String(frac).padStart(prec, '0')}` : String(whole);
  }
  return alt && prec === 0 ? s + '.' : s;
}

function sci(a: number, prec: number, alt: boolean): string {
  const [m, e] = a.toExponential(prec).split('e');
  const exp = Number(e);
  const mant = alt && prec === 0 ? m + '.' : m;
  return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/**
 * Python-style `%` formatting (std.format and the `%` operator on strings). `vals` is an array
 * of positional values, an object for `%(name)s` codes, or a single value.
 */
export function formatValue(fmt: string, vals: Value): string {
  const list: Value[] = vals instanceof JArray ? vals.elems.map((e) => e.get()) : vals instanceof JObject ? [] : [vals];
  let next = 0;
  const take = (): Value => {
    if (next >= list.length) fail(`Not enough values to format, got ${list.length}`);
    return list[next++];
  };
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const pc = fmt.indexOf('%', i);
    if (pc < 0) { out += fmt.slice(i); break; }
    out += fmt.slice(i, pc);
    const [sp, after] = parseSpec(fmt, pc + 1);
    i = after;
    if (sp.type === '%' && sp.key === null) { out += '%'; continue; }
    if (sp.width === '*') {
      const w = take();
      if (typeof w !== 'number') fail(`A * was specified at position ${next - 1}. Expected a number, got ${typeName(w)}`);
      sp.width = w;
    }
    if (sp.prec === '*') {
      const p = take();
      if (typeof p !== 'number') fail(`A * was specified at position ${next - 1}. Expected a number, got ${typeName(p)}`);
      sp.prec = p;
    }
    let val: Value;
    if (sp.key !== null) {
      if (!(vals instanceof JObject)) fail('Mapping keys not allowed unless the values are an object.');
      if (!vals.has(sp.key, true)) fail(`No such field: ${sp.key}`);
      val = vals.get(sp.key);
    } else {
      if (vals instanceof JObject && !(list.length > 0)) fail('Mapping keys required.');
      val = take();
    }
    out += convert(sp, val, next - 1);
  }
  if (!(vals instanceof JObject) && next < list.length) fail(`Too many values to format: ${list.length}, expected ${next}`);
  return out;
}

function convert(sp: Spec, val: Value, pos: number): string {
  const width = sp.width as number;
  let s: string;
  switch (sp.type) {
    case '%': s = '%'; break;
    case 's': case 'r': s = valueToString(val); break;
    case 'c':
      if (typeof val === 'number') s = String.fromCodePoint(val);
      else if (typeof val === 'string' && cpLength(val) === 1) s = val;
      else return fail(`%c expected number / string of length 1, got ${typeName(val)}`);
      break;
    default: {
      if (typeof val !== 'number') return fail(`Format required number at ${pos}, got ${typeName(val)}`);
      switch (sp.type) {
        case 'd': case 'i': case 'u': s = renderInt(val, sp, 10, '', false); break;
        case 'o': s = renderInt(val, sp, 8, sp.alt ? '0' : '', false); break;
        case 'x': s = renderInt(val, sp, 16, sp.alt ? '0x' : '', false); break;
        case 'X': s = renderInt(val, sp, 16, sp.alt ? '0X' : '', true); break;
        default: s = renderFloat(val, sp);
      }
    }
  }
  const n = cpLength(s);
  if (n >= width) return s;
  return sp.left ? s + ' '.repeat(width - n) : ' '.repeat(width - n) + s;
}
