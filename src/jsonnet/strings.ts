/** Code-point aware string helpers: Jsonnet strings are sequences of Unicode code points. */

const SURROGATE = /[\uD800-\uDFFF]/;

/** True when the string has characters outside the BMP (so UTF-16 indexes differ from code points). */
export function hasAstral(s: string): boolean {
  return SURROGATE.test(s);
}

/** The string as an array of one-code-point strings. */
export function chars(s: string): string[] {
  return hasAstral(s) ? Array.from(s) : s.split('');
}

/** Length in code points. */
export function cpLength(s: string): number {
  if (!hasAstral(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The code point at index `i` as a string (undefined when out of range). */
export function cpAt(s: string, i: number): string | undefined {
  if (!hasAstral(s)) return i < s.length ? s[i] : undefined;
  return Array.from(s)[i];
}

/** Substring by code point indexes [from, to). */
export function cpSlice(s: string, from: number, to?: number): string {
  if (!hasAstral(s)) return s.slice(from, to);
  return Array.from(s).slice(from, to).join('');
}

/** Compares strings by code point (like Go's byte-wise UTF-8 comparison). */
export function cmpStr(a: string, b: string): number {
  if (a === b) return 0;
  if (!hasAstral(a) && !hasAstral(b)) return a < b ? -1 : 1;
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length < 0 ? -1 : x.length === y.length ? 0 : 1;
}
