import type { JsonValue } from './manifest.js';

const KEYWORDS = new Set([
  'assert', 'else', 'error', 'false', 'for', 'function', 'if', 'import', 'importstr', 'importbin',
  'in', 'local', 'null', 'tailstrict', 'then', 'self', 'super', 'true',
]);

/** A Jsonnet string literal: single quotes, unless the text has `'` and no `"` (jsonnetfmt's rule). */
function quote(s: string): string {
  const useDouble = s.includes("'") && !s.includes('"');
  const q = useDouble ? '"' : "'";
  let out = q;
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (c === q) out += '\\' + q;
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out + q;
}

function key(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !KEYWORDS.has(k) ? k : quote(k);
}

function render(v: JsonValue, indent: string): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return quote(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((e) => `${inner}${render(e, inner)},\n`).join('')}${indent}]`;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${key(k)}: ${render(v[k], inner)},\n`).join('')}${indent}}`;
}

/**
 * Renders JSON as Jsonnet in jsonnetfmt's style (2-space indent, unquoted identifier keys,
 * single-quoted strings, trailing commas), as `ecspresso render --jsonnet` does. Key order is kept.
 */
export function toJsonnetText(value: JsonValue): string {
  return render(value, '') + '\n';
}
