import { fail } from './errors.js';
import { escapeJson, numToString } from './manifest.js';
import { JObject } from './objects.js';
import { JArray, JFunction, typeName, type Value } from './values.js';

type Path = (string | number)[];
const showPath = (p: Path) => `[${p.map((x) => (typeof x === 'number' ? String(x) : JSON.stringify(x))).join(', ')}]`;

const key = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : escapeJson(k));
const isTableArray = (v: Value) => v instanceof JArray && v.length > 0 && v.elems.every((e) => e.get() instanceof JObject);
const isSection = (v: Value) => v instanceof JObject || isTableArray(v);

function renderValue(v: Value, path: Path, inline: boolean, cindent: string, indent: string): string {
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (v === null) return fail(`Tried to manifest "null" at ${showPath(path)}`);
  if (typeof v === 'number') return numToString(v);
  if (typeof v === 'string') return escapeJson(v);
  if (v instanceof JFunction) return fail(`Tried to manifest function at ${showPath(path)}`);
  if (v instanceof JArray) {
    if (v.length === 0) return '[]';
    const newIndent = inline ? '' : cindent + indent;
    const sep = inline ? ' ' : '\n';
    const items = v.elems.map((e, i) => newIndent + renderValue(e.get(), [...path, i], true, '', indent));
    return `[${sep}${items.join(',' + sep)}${sep}${inline ? '' : cindent}]`;
  }
  const o = v as JObject;
  const items = o.fields(false).map((k) => `${key(k)} = ${renderValue(o.get(k), [...path, k], true, '', indent)}`);
  return `{ ${items.join(', ')} }`;
}

function renderTableInternal(v: JObject, path: string[], ipath: Path, cindent: string, indent: string): string {
  const kvp: string[] = [];
  const sections: string[] = [];
  for (const k of v.fields(false)) {
    const e = v.get(k);
    if (!isSection(e)) kvp.push(`${cindent}${key(k)} = ${renderValue(e, [...ipath, k], false, cindent, indent)}`);
  }
  sections.push(kvp.join('\n'));
  for (const k of v.fields(false)) {
    const e = v.get(k);
    if (!isSection(e)) continue;
    if (e instanceof JObject) sections.push(renderTable(e, [...path, k], [...ipath, k], cindent, indent));
    else sections.push(renderTableArray(e as JArray, [...path, k], [...ipath, k], cindent, indent));
  }
  return sections.join('\n\n');
}

function renderTable(v: JObject, path: string[], ipath: Path, cindent: string, indent: string): string {
  const head = `${cindent}[${path.map(key).join('.')}]`;
  return head + (v.fields(false).length === 0 ? '' : '\n') + renderTableInternal(v, path, ipath, cindent + indent, indent);
}

function renderTableArray(v: JArray, path: string[], ipath: Path, cindent: string, indent: string): string {
  return v.elems.map((el, i) => {
    const e = el.get() as JObject;
    const head = `${cindent}[[${path.map(key).join('.')}]]`;
    return head + (e.fields(false).length === 0 ? '' : '\n') + renderTableInternal(e, path, [...ipath, i], cindent + indent, indent);
  }).join('\n\n');
}

/** std.manifestTomlEx: TOML with tables and arrays of tables, `indent` per nesting level. */
export function manifestTomlEx(v: Value, indent: string): string {
  if (!(v instanceof JObject)) return fail(`TOML body must be an object. Got ${typeName(v)}`);
  return renderTableInternal(v, [], [], '', indent);
}
