/**
 * Express Mode definitions: CreateExpressGatewayService fields. `serviceName` and `cluster` come
 * from the config (ecspresso overrides them), so they are ignored here with a warning.
 */
import type { DefinitionOptions } from './check.js';
import { propertyNodes } from './json-tree.js';
import { openDefinition, type DefinitionSource } from './load.js';
import { deriveStructure, type StructureShape } from './shapes.js';
import type { ExpressDefinition } from './types.js';

let cached: StructureShape | undefined;

const fromConfig = (k: string) => `field "${k}" in an express definition is ignored; it comes from the config`;
const IGNORED = new Map([
  ['servicename', fromConfig('serviceName')],
  ['cluster', fromConfig('cluster')],
]);

/** Fields ECS rejects next to taskDefinitionArn (InvalidParameterException). */
const EXCLUSIVE_WITH_TD = ['primaryContainer', 'executionRoleArn', 'taskRoleArn', 'cpu', 'memory'];

/**
 * Parses a rendered express definition, with the same key normalisation and checks as task
 * definitions, plus two rules the API enforces: `taskDefinitionArn` cannot be combined with
 * primaryContainer / executionRoleArn / taskRoleArn / cpu / memory, and one of
 * `primaryContainer` or `taskDefinitionArn` is needed.
 */
export function parseExpressDefinition(src: DefinitionSource, opts: DefinitionOptions = {}): ExpressDefinition {
  cached ??= deriveStructure('CreateExpressGatewayServiceRequest', { omit: ['serviceName', 'cluster'] });
  const s = openDefinition(src, 'express definition', opts);
  const value = s.walk(s.doc.root, cached, [], { ignored: IGNORED }) as ExpressDefinition;
  const keyNode = (name: string) => propertyNodes(s.doc.root).find((p) => p.key.toLowerCase() === name.toLowerCase())?.keyNode ?? s.doc.root;
  if (value.taskDefinitionArn !== undefined) {
    const clash = EXCLUSIVE_WITH_TD.filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (clash.length > 0) {
      s.checker.error(keyNode(clash[0]!), [], `taskDefinitionArn cannot be combined with ${clash.join(', ')}`);
    }
  } else if (value.primaryContainer === undefined && s.checker.problems.length === 0) {
    s.checker.error(s.doc.root, [], 'missing required field "primaryContainer" (or "taskDefinitionArn")');
  }
  s.checker.finish();
  return value;
}
