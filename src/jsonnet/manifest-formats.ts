import { fail } from './errors.js';
import { escapeJson, numToString, valueToString } from './manifest.js';
import { JObject } from './objects.js';
import { JArray, JFunction, typeName, type Value } from './values.js';

type Path = (string | number)[];
const showPath = (p: Path) => `[${p.map((x) => (typeof x === 'number' ? String(x) : JSON.stringify(x))).join(', ')}]`;

const YAML_RESERVED = new Set([
  'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', '~', '.nan', '.inf', '-.inf', '+.inf',
]);

/** Whether a key can be written bare in YAML (std.manifestYamlDoc with quote_keys=false). */
function bareYamlKey(k: string): boolean {
  if (!/^[A-Za-z0-9_./-]+$/.test(k)) return false;
  if (YAML_RESERVED.has(k.toLowerCase())) return false;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(k)) return false;
  if (/^0[xob]/i.test(k) || /^[0-9][0-9_:]*$/.test(k)) return false;
  return true;
}

/** std.manifestYamlDoc, with go-jsonnet's layout (block style, `|` for strings ending in newline). */
export function manifestYamlDoc(v: Value, indentArrayInObject: boolean, quoteKeys: boolean): string {
  const key = (k: string) => (quoteKeys || !bareYamlKey(k) ? escapeJson(k) : k);
  const aux = (v: Value, path: Path, cindent: string): string => {
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (v === null) return 'null';
    if (typeof v === 'number') return numToString(v);
    if (typeof v === 'string') {
      if (v.length === 0) return '""';
      if (v.endsWith('\n')) {
        const lines = v.split('\n');
        lines.pop();
        return ['|', ...lines].join(`\n${cindent}  `);
      }
      return escapeJson(v);
    }
    if (v instanceof JFunction) return fail(`Tried to manifest function at ${showPath(path)}`);
    if (v instanceof JArray) {
      if (v.length === 0) return '[]';
      const parts: string[] = [];
      for (let i = 0; i < v.length; i++) {
        const e = v.at(i);
        const nonEmptyArr = e instanceof JArray && e.length > 0;
        const nonEmptyObj = e instanceof JObject && e.fields(false).length > 0;
        const newIndent = nonEmptyArr || nonEmptyObj ? cindent + '  ' : cindent;
        const space = nonEmptyArr ? '\n' + newIndent : ' ';
        parts.push('-' + space + aux(e, [...path, i], newIndent));
      }
      return parts.join('\n' + cindent);
    }
    const o = v as JObject;
    const fields = o.fields(false);
    if (fields.length === 0) return '{}';
    const lines: string[] = [];
    for (const k of fields) {
      const e = o.get(k);
      let newIndent = cindent, space = ' ';
      if (e instanceof JArray && e.length > 0) {
        newIndent = indentArrayInObject ? cindent + '  ' : cindent;
        space = '\n' + newIndent;
      } else if (e instanceof JObject && e.fields(false).length > 0) {
        newIndent = cindent + '  ';
        space = '\n' + newIndent;
      }
      lines.push(key(k) + ':' + space + aux(e, [...path, k], newIndent));
    }
    return lines.join('\n' + cindent);
  };
  return aux(v, [], '');
}

/** std.manifestYamlStream: `---` separated documents, optionally ending with `...`. */
export function manifestYamlStream(v: Value, indentArrayInObject: boolean, docEnd: boolean, quoteKeys: boolean): string {
  if (!(v instanceof JArray)) return fail(`manifestYamlStream only takes arrays, got ${typeName(v)}`);
  const docs = v.elems.map((e) => manifestYamlDoc(e.get(), indentArrayInObject, quoteKeys));
  return `---\n${docs.join('\n---\n')}${docEnd ? '\n...\n' : '\n'}`;
}

/** std.manifestIni: `main` fields first, then `[section]`s. */
export function manifestIni(ini: Value): string {
  if (!(ini instanceof JObject)) return fail(`manifestIni expects an object, got ${typeName(ini)}`);
  const body = (o: Value): string[] => {
    if (!(o instanceof JObject)) return fail(`manifestIni section must be an object, got ${typeName(o)}`);
    const out: string[] = [];
    for (const k of o.fields(false)) {
      const v = o.get(k);
      if (v instanceof JArray) for (const e of v.elems) out.push(`${k} = ${valueToString(e.get())}`);
      else out.push(`${k} = ${valueToString(v)}`);
    }
    return out;
  };
  const lines = ini.has('main', false) ? body(ini.get('main')) : [];
  const sections = ini.has('sections', false) ? ini.get('sections') : null;
  if (sections instanceof JObject) {
    for (const s of sections.fields(false)) lines.push(`[${s}]`, ...body(sections.get(s)));
  }
  return lines.join('\n') + '\n';
}

/** std.manifestPython: a Python literal (True/False/None). */
export function manifestPython(v: Value): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  if (typeof v === 'number') return numToString(v);
  if (typeof v === 'string') return escapeJson(v);
  if (v instanceof JFunction) return fail('Tried to manifest function');
  if (v instanceof JArray) return `[${v.elems.map((e) => manifestPython(e.get())).join(', ')}]`;
  const o = v as JObject;
  return `{${o.fields(false).map((k) => `${escapeJson(k)}: ${manifestPython(o.get(k))}`).join(', ')}}`;
}

/** std.manifestPythonVars: `name = literal` lines. */
export function manifestPythonVars(v: Value): string {
  if (!(v instanceof JObject)) return fail(`manifestPythonVars expects an object, got ${typeName(v)}`);
  return v.fields(false).map((k) => `${k} = ${manifestPython(v.get(k))}\n`).join('');
}

/** std.manifestXmlJsonml: JsonML arrays to XML text. */
export function manifestXmlJsonml(v: Value): string {
  if (!(v instanceof JArray)) return fail(`Expected a JSONML value (an array), got ${typeName(v)}`);
  const aux = (x: Value): string => {
    if (typeof x === 'string') return x;
    if (!(x instanceof JArray)) return fail(`Expected a JSONML value (an array or string), got ${typeName(x)}`);
    const tag = valueToString(x.at(0));
    const hasAttrs = x.length > 1 && x.at(1) instanceof JObject;
    const attrs = hasAttrs ? (x.at(1) as JObject) : null;
    const attrStr = attrs ? attrs.fields(false).map((k) => ` ${k}="${valueToString(attrs.get(k))}"`).join('') : '';
    const children = x.elems.slice(hasAttrs ? 2 : 1).map((e) => aux(e.get())).join('');
    return `<${tag}${attrStr}>${children}</${tag}>`;
  };
  return aux(v);
}
