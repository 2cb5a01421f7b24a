/**
 * The ECS API shapes that definitions are checked against, from the generated table
 * `ecs-shapes.json` (see scripts/gen-ecs-shapes.mjs). Indexes are built on first use.
 */
import table from './ecs-shapes.json' with { type: 'json' };

/** One shape of the ECS model, in the compact form of ecs-shapes.json. */
export type Shape =
  | { type: 'structure'; members: Record<string, string>; required?: string[]; deprecated?: string[] }
  | { type: 'list'; member: string; min?: number; max?: number }
  | { type: 'map'; key: string; value: string }
  | { type: 'string'; enum?: string[]; min?: number; max?: number }
  | { type: 'integer' | 'long' | 'double' | 'float'; min?: number; max?: number }
  | { type: 'boolean' | 'timestamp' | 'blob' | 'document' };

/** Names of the shapes this module knows; the roots of the generated table plus their closure. */
export type ShapeName = string;

export type StructureShape = Extract<Shape, { type: 'structure' }>;

const shapes = (table as unknown as { shapes: Record<string, Shape> }).shapes;

/** The shape named `name`; throws for a name not in the table (a bug, not bad input). */
export function getShape(name: ShapeName): Shape {
  const s = shapes[name];
  if (!s) throw new Error(`unknown ECS shape ${name}`);
  return s;
}

/** The structure shape named `name`. */
export function getStructure(name: ShapeName): StructureShape {
  const s = getShape(name);
  if (s.type !== 'structure') throw new Error(`ECS shape ${name} is a ${s.type}, not a structure`);
  return s;
}

const lowerIndex = new Map<StructureShape, Map<string, string>>();

/**
 * The API member name for `key` in `shape`: the exact name, else a case-insensitive match.
 * Go's encoding/json (used by ecspresso) matches field names case-insensitively, so `Family`,
 * `family` and `FAMILY` all mean `family`.
 */
export function memberName(shape: StructureShape, key: string): string | undefined {
  if (Object.hasOwn(shape.members, key)) return key;
  let idx = lowerIndex.get(shape);
  if (!idx) {
    idx = new Map(Object.keys(shape.members).map((k) => [k.toLowerCase(), k]));
    lowerIndex.set(shape, idx);
  }
  return idx.get(key.toLowerCase());
}

/**
 * A structure made of `base`'s members, minus `omit`, plus `extra`, with `required` replaced
 * when given. Used for the definition documents that are not exactly one API shape.
 */
export function deriveStructure(
  base: ShapeName,
  opts: { omit?: string[]; extra?: Record<string, ShapeName>; required?: string[] } = {},
): StructureShape {
  const b = getStructure(base);
  const members = { ...b.members, ...opts.extra };
  for (const k of opts.omit ?? []) delete members[k];
  const required = (opts.required ?? b.required ?? []).filter((k) => k in members);
  return { type: 'structure', members, ...(required.length ? { required } : {}), ...(b.deprecated ? { deprecated: b.deprecated } : {}) };
}
