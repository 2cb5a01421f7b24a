import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import { ConfigError, type SourcePos } from '../errors.js';

/** A parsed YAML/JSON document plus a way to find where a key path was written. */
export interface PositionedValue {
  value: unknown;
  /** Position of the value at `path` (keys and indexes), or of the nearest parent found. */
  posOf(path: (string | number)[]): SourcePos;
  /** Position of the key that names `path`'s last element (for "unknown key" warnings). */
  keyPosOf?(path: (string | number)[]): SourcePos;
}

/** Parses YAML (JSON is YAML too) keeping positions; syntax errors become file:line:col errors. */
export function parseYamlPositioned(text: string, file: string): PositionedValue {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPos = (offset: number): SourcePos => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`invalid YAML: ${msg}`, toPos(e.pos[0]), e);
  }
  const find = (path: (string | number)[], wantKey: boolean): SourcePos => {
    let node: unknown = doc.contents;
    let last = node as Node | null;
    for (const [i, key] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        node = wantKey && i === path.length - 1 ? pair?.key : (pair?.value ?? pair?.key);
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
      } else break;
      if (!node) break;
      last = node as Node;
    }
    return last?.range ? toPos(last.range[0]) : { file };
  };
  return { value: doc.toJS({ maxAliasCount: 100 }), posOf: (p) => find(p, false), keyPosOf: (p) => find(p, true) };
}

/** Positions of the keys of a top-level mapping. */
export function topLevelKeyPositions(text: string, file: string): Map<string, SourcePos> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const out = new Map<string, SourcePos>();
  if (isMap(doc.contents)) {
    for (const p of doc.contents.items) {
      if (isScalar(p.key) && p.key.range) {
        const { line, col } = lineCounter.linePos(p.key.range[0]);
        out.set(String(p.key.value), { file, line, col });
      }
    }
  }
  return out;
}
