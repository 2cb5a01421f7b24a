/**
 * Walks a parsed definition against an ECS shape, producing the API-form value:
 * - keys matched case-insensitively and rewritten to the API's lower-camel member names, except
 *   inside map-valued fields (dockerLabels, logConfiguration.options, driverOpts, labels, ...),
 *   whose keys are user data and kept verbatim;
 * - null values and empty arrays removed (ecspresso's MarshalJSONForAPI / walkMap);
 * - unknown fields warned about (ecspresso: "unknown field") and dropped, with a suggestion;
 * - wrong types, invalid enum values, out-of-range numbers and missing required fields collected
 *   as problems with the JSON path and the file:line:col of the offending value.
 */
import type { Node } from 'jsonc-parser/lib/esm/main.js';
import { DefinitionError, formatPos, type SourcePos } from '../errors.js';
import type { JsonDocument } from './json-tree.js';
import { nodeValue, propertyNodes } from './json-tree.js';
import { formatPath, pathPrefix, type JsonPath } from './path.js';
import { checkScalar, describeNode, typeMismatch } from './scalars.js';
import { getShape, memberName, type Shape, type StructureShape } from './shapes.js';
import { didYouMean } from './suggest.js';

/** Options shared by the parse functions. */
export interface DefinitionOptions {
  /**
   * Receives warnings (unknown fields, ignored fields, duplicate keys). The message already
   * starts with `file:line:col: `; the position is also passed separately.
   */
  warn?(message: string, pos?: SourcePos): void;
  /** Unknown fields are errors instead of warnings. */
  strict?: boolean;
}

/** One problem found in a definition. */
export interface DefinitionProblem {
  message: string;
  pos: SourcePos;
}

/** A definition that failed the shape check; `problems` lists every problem found, in order. */
export class DefinitionCheckError extends DefinitionError {
  readonly problems: DefinitionProblem[];
  constructor(problems: DefinitionProblem[]) {
    const [first, ...rest] = problems;
    const more = rest.map((p) => `\n${formatPos(p.pos)}: ${p.message}`).join('');
    super(`${first!.message}${more}`, first!.pos);
    this.problems = problems;
  }
}

/** How a structure treats top-level keys that are not members (describe-output fields, etc.). */
export interface ExtraKeys {
  /** Lower-cased keys dropped without a word. */
  silent?: ReadonlySet<string>;
  /** Lower-cased keys dropped with this warning. */
  ignored?: ReadonlyMap<string, string>;
}

const REMOVED = Symbol('removed');
type Out = unknown | typeof REMOVED;

/** Collects problems while walking one document. */
export class Checker {
  readonly problems: DefinitionProblem[] = [];
  constructor(
    private readonly doc: JsonDocument,
    private readonly opts: DefinitionOptions = {},
  ) {}

  /** Records an error at `node`. */
  error(node: Node, path: JsonPath, message: string): void {
    this.problems.push({ message: `${pathPrefix(path)}${message}`, pos: this.doc.pos(node.offset) });
  }

  /** Emits a warning at `node`. */
  warn(node: Node, path: JsonPath, message: string): void {
    const pos = this.doc.pos(node.offset);
    this.opts.warn?.(`${formatPos(pos)}: ${pathPrefix(path)}${message}`, pos);
  }

  /** Throws DefinitionCheckError if any problem was recorded. */
  finish(): void {
    if (this.problems.length > 0) throw new DefinitionCheckError(this.problems);
  }

  /** The normalised value of `node` as shape `shapeName`, or REMOVED (null, or an error). */
  value(node: Node, shapeName: string, path: JsonPath): Out {
    if (node.type === 'null') return REMOVED;
    const shape = getShape(shapeName);
    switch (shape.type) {
      case 'structure':
        return this.structure(node, shape, path);
      case 'list':
        return this.list(node, shape, path);
      case 'map':
        return this.map(node, shape.value, path);
      case 'document':
        return nodeValue(node); // free-form JSON (hookDetails): kept as written
      default: {
        const r = checkScalar(shape, node);
        if (r.ok) return r.value;
        this.error(node, path, r.message);
        return REMOVED;
      }
    }
  }

  /** Walks an object node as `shape`; `extra` says what to do with non-member keys. */
  structure(node: Node, shape: StructureShape, path: JsonPath, extra: ExtraKeys = {}): Record<string, unknown> | typeof REMOVED {
    if (node.type !== 'object') {
      this.error(node, path, typeMismatch(shape, node));
      return REMOVED;
    }
    const out: Record<string, unknown> = {};
    const seen = new Map<string, string>(); // member → key as written
    const failed = new Set<string>();
    const emptied = new Map<string, Node>();
    for (const { key, keyNode, value } of propertyNodes(node)) {
      const name = memberName(shape, key);
      if (name === undefined) {
        this.extraKey(keyNode, key, shape, path, extra);
        continue;
      }
      if (seen.has(name)) this.warn(keyNode, path, `duplicate field ${JSON.stringify(key)} (also written ${JSON.stringify(seen.get(name))}); the last one wins`);
      seen.set(name, key);
      if (shape.deprecated?.includes(name)) this.warn(keyNode, path, `field ${JSON.stringify(name)} is deprecated in the ECS API`);
      delete out[name];
      failed.delete(name);
      emptied.delete(name);
      if (value.type === 'array' && (value.children?.length ?? 0) === 0) {
        emptied.set(name, value); // ecspresso drops empty arrays: `tags: []` means no tags
        continue;
      }
      const v = this.value(value, shape.members[name]!, [...path, name]);
      if (v !== REMOVED) out[name] = v;
      else if (value.type !== 'null') failed.add(name);
    }
    for (const r of shape.required ?? []) {
      if (r in out || failed.has(r)) continue;
      const empty = emptied.get(r);
      if (empty) this.error(empty, [...path, r], 'must not be empty');
      else this.error(node, path, `missing required field ${JSON.stringify(r)}`);
    }
    return out;
  }

  private extraKey(keyNode: Node, key: string, shape: StructureShape, path: JsonPath, extra: ExtraKeys): void {
    const lower = key.toLowerCase();
    if (extra.silent?.has(lower)) return;
    if (path.length === 0 && key === '$schema') return; // editor hint (docs/definitions.md)
    const note = extra.ignored?.get(lower);
    if (note !== undefined) {
      this.warn(keyNode, path, note);
      return;
    }
    const where = path.length ? ` in ${formatPath(path)}` : '';
    const message = `unknown field ${JSON.stringify(key)}${where}${didYouMean(key, Object.keys(shape.members))}`;
    if (this.opts.strict) this.problems.push({ message, pos: this.doc.pos(keyNode.offset) });
    else this.warn(keyNode, [], `${message}; ignored`);
  }

  private list(node: Node, shape: Extract<Shape, { type: 'list' }>, path: JsonPath): Out {
    if (node.type !== 'array') {
      this.error(node, path, typeMismatch(shape, node));
      return REMOVED;
    }
    const items = node.children ?? [];
    if (shape.max !== undefined && items.length > shape.max) {
      this.error(node, path, `expected at most ${shape.max} items, got ${items.length}`);
    }
    if (shape.min !== undefined && items.length < shape.min) {
      this.error(node, path, `expected at least ${shape.min} items, got ${items.length}`);
    }
    const out: unknown[] = [];
    items.forEach((item, i) => {
      if (item.type === 'null') {
        this.error(item, [...path, i], 'null is not allowed in a list');
        return;
      }
      const v = this.value(item, shape.member, [...path, i]);
      if (v !== REMOVED) out.push(v);
    });
    return out;
  }

  /** Map-valued fields: keys are user data, kept exactly as written. */
  private map(node: Node, valueShape: string, path: JsonPath): Out {
    if (node.type !== 'object') {
      this.error(node, path, `expected object, got ${describeNode(node)}`);
      return REMOVED;
    }
    const out: Record<string, unknown> = {};
    for (const { key, keyNode, value } of propertyNodes(node)) {
      if (Object.hasOwn(out, key)) this.warn(keyNode, path, `duplicate key ${JSON.stringify(key)}; the last one wins`);
      delete out[key];
      const v = this.value(value, valueShape, [...path, key]);
      // defineProperty: a user key such as "__proto__" must stay data, not set the prototype
      if (v !== REMOVED) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}

/** Exported for the parse functions: whether a walk result was removed. */
export function isRemoved(v: unknown): v is typeof REMOVED {
  return v === REMOVED;
}
