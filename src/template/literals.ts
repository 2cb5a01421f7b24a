/**
 * Go literal syntax: `strconv.Unquote` for "interpreted", `raw` and 'c'har literals, and the
 * number rules of text/template's parser (ints in any base with underscores, floats, hex floats).
 * Errors are returned as Go's messages, for the parser to position.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c,
};

/**
 * Decodes the body of a quoted literal. Go strings are bytes, so `\xff` and octal escapes are
 * bytes and the result is decoded as UTF-8 (invalid sequences become U+FFFD).
 */
function unescape(body: string, quote: string): Parsed<string> {
  if (!body.includes('\\')) return { ok: true, value: body };
  const bytes: number[] = [];
  const pushText = (s: string): void => {
    for (const b of Buffer.from(s, 'utf8')) bytes.push(b);
  };
  let i = 0;
  while (i < body.length) {
    const j = body.indexOf('\\', i);
    if (j < 0) {
      pushText(body.slice(i));
      break;
    }
    pushText(body.slice(i, j));
    const e = body[j + 1];
    i = j + 2;
    if (e in SIMPLE_ESCAPES) bytes.push(SIMPLE_ESCAPES[e]);
    else if (e === quote) bytes.push(e.charCodeAt(0));
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return { ok: false, error: 'invalid syntax' };
      i += len;
      const v = parseInt(hex, 16);
      if (e === 'x') bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return { ok: false, error: 'invalid syntax' };
      else pushText(String.fromCodePoint(v));
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return { ok: false, error: 'invalid syntax' };
      i += 2;
      bytes.push(parseInt(oct, 8));
    } else return { ok: false, error: 'invalid syntax' };
  }
  return { ok: true, value: Buffer.from(bytes).toString('utf8') };
}

/** `strconv.Unquote` of a "double-quoted" or `back-quoted` token. */
export function unquoteString(tok: string): Parsed<string> {
  if (tok[0] === '`') {
    // Go drops carriage returns from raw strings (so CRLF files behave like LF ones).
    return { ok: true, value: tok.slice(1, -1).replace(/\r/g, '') };
  }
  return unescape(tok.slice(1, -1), '"');
}

/** The rune value of a 'c' character constant. */
export function unquoteChar(tok: string): Parsed<number> {
  const r = unescape(tok.slice(1, -1), "'");
  if (!r.ok) return r;
  const cps = [...r.value];
  if (cps.length !== 1) return { ok: false, error: `malformed character constant: ${tok}` };
  return { ok: true, value: cps[0].codePointAt(0)! };
}

/** Go's underscore rule: only between digits, or right after a base prefix. */
function goodUnderscores(s: string): boolean {
  if (!s.includes('_')) return true;
  const body = s.replace(/^[+-]/, '');
  const prefixed = /^0[xXbBoO]/.test(body);
  const rest = prefixed ? body.slice(2) : body;
  if (!prefixed && rest.startsWith('_')) return false;
  const hex = /^0[xX]/.test(body);
  return !(hex ? /_$|__|_[.pP]|[.pP+-]_/ : /_$|__|_[.eE]|[.eE+-]_/).test(rest);
}

/** Parses a number token as text/template does; integers must fit in 64 bits. */
export function parseNumber(text: string): Parsed<number> {
  const bad: Parsed<number> = { ok: false, error: `illegal number syntax: ${JSON.stringify(text)}` };
  if (text.endsWith('i')) return { ok: false, error: `complex numbers are not supported: ${JSON.stringify(text)}` };
  if (!goodUnderscores(text)) return bad;
  const t = text.replace(/_/g, '');
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(t);
  if (m) {
    const digits = m[2];
    let big: bigint;
    if (/^0[0-7]+$/.test(digits)) big = BigInt('0o' + digits.slice(1));
    else big = BigInt(digits.toLowerCase().startsWith('0') && digits.length > 1 ? digits.toLowerCase() : digits);
    if (m[1] === '-') big = -big;
    // Go accepts what fits an int64 or a uint64.
    if (big < -(2n ** 63n) || big >= 2n ** 64n) return { ok: false, error: `integer overflow: ${JSON.stringify(text)}` };
    return { ok: true, value: Number(big) };
  }
  if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) {
    if (!/[.eE]/.test(t)) return bad;
    return { ok: true, value: Number(t) };
  }
  const hf = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)$/.exec(t);
  if (hf && (hf[2] || hf[3])) {
    const mant = parseInt((hf[2] || '0') + (hf[3] || ''), 16);
    const v = mant * 2 ** (Number(hf[4]) - 4 * hf[3].length);
    return { ok: true, value: hf[1] === '-' ? -v : v };
  }
  return bad;
}
