/**
 * Go's `strconv.FormatFloat` for the `e`, `f` and `g` formats, on JavaScript numbers.
 *
 * Shortest output (precision -1) takes its digits from JavaScript, whose shortest round-trip
 * digits are the same as Go's. Fixed precision rounds the exact binary value half-to-even, as
 * Go does (`%.0f` of 2.5 is `2`), which `Number.prototype.toFixed` does not.
 */

interface Digits {
  /** Significant decimal digits, no trailing zeros; empty for zero. */
  d: string;
  /** Position of the decimal point relative to the start of `d`. */
  dp: number;
}

/** The exact decimal expansion of a positive finite double. */
function exactDigits(x: number): Digits {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (expBits !== 0) {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  let s: string;
  let dp: number;
  if (e >= 0) {
    s = (mant << BigInt(e)).toString();
    dp = s.length;
  } else {
    // mant / 2^k = mant * 5^k / 10^k
    s = (mant * 5n ** BigInt(-e)).toString();
    dp = s.length + e;
  }
  return { d: s.replace(/0+$/, ''), dp };
}

/** The shortest digits that read back as `x` (positive, finite). */
function shortestDigits(x: number): Digits {
  const [m, exp] = x.toExponential().split('e');
  return { d: m.replace('.', '').replace(/0+$/, ''), dp: Number(exp) + 1 };
}

/** Rounds to `nd` significant digits, ties to even, like Go's decimal.Round. */
function round(a: Digits, nd: number): Digits {
  if (nd < 0 || nd >= a.d.length) return a;
  const c = a.d.charCodeAt(nd);
  let up: boolean;
  if (c === 0x35 && nd + 1 === a.d.length) up = nd > 0 && (a.d.charCodeAt(nd - 1) - 0x30) % 2 === 1;
  else up = c >= 0x35;
  if (!up) return { d: a.d.slice(0, nd).replace(/0+$/, ''), dp: a.dp };
  let i = nd - 1;
  while (i >= 0 && a.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: a.dp + 1 };
  return { d: a.d.slice(0, i) + String.fromCharCode(a.d.charCodeAt(i) + 1), dp: a.dp };
}

function fmtE(neg: boolean, a: Digits, prec: number, ch: string): string {
  let s = (neg ? '-' : '') + (a.d[0] ?? '0');
  if (prec > 0) s += '.' + a.d.slice(1, prec + 1).padEnd(prec, '0');
  const exp = a.d.length === 0 ? 0 : a.dp - 1;
  const abs = Math.abs(exp);
  return `${s}${ch}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(neg: boolean, a: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (a.dp > 0) s += a.d.slice(0, a.dp).padEnd(a.dp, '0');
  else s += '0';
  if (prec > 0) {
    let frac = '';
    for (let i = 1; i <= prec; i++) {
      const j = a.dp + i - 1;
      frac += j >= 0 && j < a.d.length ? a.d[j] : '0';
    }
    s += '.' + frac;
  }
  return s;
}

/** `strconv.FormatFloat(x, fmt, prec, 64)` for fmt in e E f F g G; prec -1 means shortest. */
export function formatFloat(x: number, fmt: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const shortest = prec < 0;
  const lower = fmt.toLowerCase();
  let a: Digits;
  if (abs === 0) a = { d: '', dp: 0 };
  else if (shortest) a = shortestDigits(abs);
  else {
    if (lower === 'g' && prec === 0) prec = 1;
    const nd = lower === 'e' ? prec + 1 : lower === 'f' ? 0 : prec;
    a = exactDigits(abs);
    a = round(a, lower === 'f' ? a.dp + prec : nd);
  }
  if (shortest) {
    prec = lower === 'e' ? Math.max(a.d.length - 1, 0) : lower === 'f' ? Math.max(a.d.length - a.dp, 0) : a.d.length;
  }
  const e = fmt === 'E' || fmt === 'G' ? 'E' : 'e';
  if (lower === 'e') return fmtE(neg, a, prec, e);
  if (lower === 'f') return fmtF(neg, a, prec);
  // %g: exponent form when the exponent is < -4 or >= the precision (6 for shortest).
  let eprec = prec;
  if (eprec > a.d.length && a.d.length >= a.dp) eprec = a.d.length;
  if (shortest) eprec = 6;
  const exp = a.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > a.d.length) prec = a.d.length;
    return fmtE(neg, a, prec - 1, e);
  }
  if (prec > a.dp) prec = a.d.length;
  return fmtF(neg, a, Math.max(prec - a.dp, 0));
}
