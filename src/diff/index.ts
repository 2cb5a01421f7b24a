/**
 * Normalisation and diff of task definitions, services and Express services: pure functions, no
 * AWS, no fs, no clock. Normalise both sides, then {@link diffJson} them.
 */
export { normalizeTaskDefinition, type NormalizeTaskDefinitionOptions, type NormalizedTaskDefinition } from './task-definition.js';
export { UPDATABLE_SERVICE_ATTRIBUTES } from './service.js';
export {
  normalizeServiceDefinition,
  normalizeServicePair,
  type NormalizeServiceOptions,
  type NormalizeServicePairOptions,
  type NormalizedService,
  type ServiceLike,
} from './service.js';
export {
  clusterName,
  currentExpressConfiguration,
  managedSecurityGroupIds,
  normalizeExpressDefinition,
  type NormalizeExpressOptions,
  type NormalizedExpressDefinition,
  type NormalizedExpressPair,
} from './express.js';
export { colorize, diffJson, type DiffJsonOptions, type DiffJsonResult } from './diff-json.js';
export { computeChanges, type Change } from './changes.js';
export { canonicalJson, type JsonObject, type JsonValue } from './json.js';
