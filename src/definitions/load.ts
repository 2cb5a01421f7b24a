/**
 * The common path of every definition parser: strict JSON with positions → walk against a shape
 * (normalise keys, drop nulls and empty arrays, check types) → value or DefinitionCheckError.
 * Pure: the text comes in already rendered (templates / Jsonnet applied by the config loader).
 */
import type { Node } from 'jsonc-parser/lib/esm/main.js';
import { Checker, isRemoved, type DefinitionOptions, type ExtraKeys } from './check.js';
import { parseJsonDocument, type JsonDocument } from './json-tree.js';
import type { JsonPath } from './path.js';
import type { StructureShape } from './shapes.js';

/** A definition file's rendered text and the name to report positions against. */
export interface DefinitionSource {
  file: string;
  text: string;
}

/** A parsed document and a checker for it, for parsers that look at the tree first. */
export interface CheckSession {
  doc: JsonDocument;
  checker: Checker;
  /** Walks `node` as `shape` at `path`; an object even when the node was not one (errors recorded). */
  walk(node: Node, shape: StructureShape, path?: JsonPath, extra?: ExtraKeys): Record<string, unknown>;
}

/** Parses the text (throwing on syntax errors) and returns a session to walk it with. */
export function openDefinition(src: DefinitionSource, what: string, opts: DefinitionOptions = {}): CheckSession {
  const doc = parseJsonDocument(src.file, src.text, what);
  const checker = new Checker(doc, opts);
  return {
    doc,
    checker,
    walk(node, shape, path = [], extra = {}) {
      const v = checker.structure(node, shape, path, extra);
      return isRemoved(v) ? {} : v;
    },
  };
}

/** Parses a whole document as one structure shape. */
export function parseAs<T>(src: DefinitionSource, shape: StructureShape, what: string, opts: DefinitionOptions = {}, extra: ExtraKeys = {}): T {
  const s = openDefinition(src, what, opts);
  const value = s.walk(s.doc.root, shape, [], extra);
  s.checker.finish();
  return value as T;
}
