/**
 * Task definitions: `register-task-definition` input, or `describe-task-definition` output whose
 * top-level `taskDefinition` is unwrapped (with its sibling `tags`, from `--include TAGS`).
 */
import type { Node } from 'jsonc-parser/lib/esm/main.js';
import type { DefinitionOptions } from './check.js';
import { propertyNodes } from './json-tree.js';
import { openDefinition, parseAs, type DefinitionSource } from './load.js';
import { deriveStructure, getStructure, type StructureShape } from './shapes.js';
import type { TaskDefinitionInput, TaskOverrideInput } from './types.js';

let registerShape: StructureShape | undefined;
let readOnly: Set<string> | undefined;

/** RegisterTaskDefinition's members; TaskDefinition-only members (describe output) are dropped. */
function shapes(): { register: StructureShape; readOnly: Set<string> } {
  if (!registerShape || !readOnly) {
    registerShape = getStructure('RegisterTaskDefinitionRequest');
    const reg = registerShape.members;
    // taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt,
    // registeredBy, deregisteredAt, deleteRequestedAt: describe output, dropped silently.
    readOnly = new Set(Object.keys(getStructure('TaskDefinition').members).filter((k) => !(k in reg)).map((k) => k.toLowerCase()));
  }
  return { register: registerShape, readOnly };
}

/**
 * Parses a rendered task definition into RegisterTaskDefinition input.
 *
 * Keys may be in any first-letter case (ecspresso); they are normalised to the API's names,
 * except inside map fields (dockerLabels, options, ...). Nulls and empty arrays are removed, so
 * `tags: []` means no tags. Unknown fields are warned about and dropped; type errors, invalid
 * enum values and missing required fields throw DefinitionCheckError with file:line:col.
 */
export function parseTaskDefinition(src: DefinitionSource, opts: DefinitionOptions = {}): TaskDefinitionInput {
  const { register, readOnly } = shapes();
  const s = openDefinition(src, 'task definition', opts);
  const props = propertyNodes(s.doc.root);
  const wrapper = props.find((p) => p.key.toLowerCase() === 'taskdefinition');
  if (!wrapper) {
    const value = s.walk(s.doc.root, register, [], { silent: readOnly });
    s.checker.finish();
    return value as unknown as TaskDefinitionInput;
  }

  if (wrapper.value.type !== 'object') {
    s.checker.error(wrapper.value, [wrapper.key], `expected object, got ${wrapper.value.type}`);
    s.checker.finish();
  }
  const value = s.walk(wrapper.value, register, [wrapper.key], { silent: readOnly });
  for (const p of props) {
    if (p === wrapper || p.key === '$schema') continue;
    if (p.key.toLowerCase() !== 'tags') {
      s.checker.warn(p.keyNode, [], `field ${JSON.stringify(p.key)} next to taskDefinition is ignored`);
      continue;
    }
    const outer = s.walk(wrapTags(p.value), tagsHolder(), [], {});
    if (outer.tags === undefined) continue; // null or []
    if (value.tags !== undefined) s.checker.warn(p.keyNode, [], 'top-level tags are ignored: taskDefinition has its own tags');
    else value.tags = outer.tags;
  }
  s.checker.finish();
  return value as unknown as TaskDefinitionInput;
}

/** A one-member structure { tags: Tags }, to check the sibling `tags` with the same rules. */
function tagsHolder(): StructureShape {
  return deriveStructure('RegisterTaskDefinitionRequest', { omit: Object.keys(shapes().register.members).filter((k) => k !== 'tags') });
}

/** A synthetic object node { "tags": <node> } so the null, empty-array and type rules apply as usual. */
function wrapTags(node: Node): Node {
  const keyNode: Node = { type: 'string', value: 'tags', offset: node.offset, length: 0 };
  const prop: Node = { type: 'property', offset: node.offset, length: node.length, children: [keyNode, node] };
  return { type: 'object', offset: node.offset, length: node.length, children: [prop] };
}

/** Parses `run --overrides` JSON (a TaskOverride), with the same normalisation and checks. */
export function parseTaskOverride(src: DefinitionSource, opts: DefinitionOptions = {}): TaskOverrideInput {
  return parseAs<TaskOverrideInput>(src, getStructure('TaskOverride'), 'task overrides', opts);
}
