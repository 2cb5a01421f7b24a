/**
 * How plugin values become template text, and a Go `fmt.Sprintf` subset for the `…f` functions.
 */

/**
 * JSON as Go's `encoding/json` marshals it: map keys sorted, and `<`, `>`, `&`, U+2028, U+2029
 * escaped, so a looked-up object renders to the same text as in ecspresso.
 */
export function stableStringify(value: unknown): string {
  const json = JSON.stringify(sortKeys(value));
  return json === undefined ? 'null' : json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Template output of a looked-up value: strings as is, numbers and booleans as text, objects and arrays as JSON. */
export function toTemplateText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  return stableStringify(value);
}

function goType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (v === null || v === undefined) return '<nil>';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

function plain(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return typeof v === 'object' ? stableStringify(v) : String(v);
}

function bad(verb: string, v: unknown): string {
  return `%!${verb}(${goType(v)}=${plain(v)})`;
}

function formatOne(verb: string, v: unknown, precision: number | undefined): string {
  switch (verb) {
    case 's':
    case 'v':
      return plain(v);
    case 'd':
      return typeof v === 'number' && Number.isInteger(v) ? String(v) : bad(verb, v);
    case 'q':
      return typeof v === 'string' ? JSON.stringify(v) : bad(verb, v);
    case 't':
      return typeof v === 'boolean' ? String(v) : bad(verb, v);
    case 'f':
      return typeof v === 'number' ? v.toFixed(precision ?? 6) : bad(verb, v);
    case 'x':
      if (typeof v === 'number' && Number.isInteger(v)) return v.toString(16);
      if (typeof v === 'string') return Buffer.from(v, 'utf8').toString('hex');
      return bad(verb, v);
    default:
      return `%!${verb}(${goType(v)}=${plain(v)})`;
  }
}

/**
 * `fmt.Sprintf` for the verbs templates use: `%s %v %d %q %t %f %x %%`, with width, `-` and `0`
 * flags and precision. Like Go, a missing argument prints `%!s(MISSING)` and extra arguments
 * are appended as `%!(EXTRA type=value)` instead of throwing.
 */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags, width, prec, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    let s = formatOne(verb, args[argi++], prec === undefined ? undefined : Number(prec));
    const w = width === undefined ? 0 : Number(width);
    if (s.length < w) {
      if (flags.includes('-')) s = s.padEnd(w, ' ');
      else if (flags.includes('0') && /^[dfx]$/.test(verb)) s = s.startsWith('-') ? '-' + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0');
      else s = s.padStart(w, ' ');
    }
    out += s;
  }
  out += format.slice(last);
  if (argi < args.length) {
    out += `%!(EXTRA ${args.slice(argi).map((a) => `${goType(a)}=${plain(a)}`).join(', ')})`;
  }
  return out;
}
