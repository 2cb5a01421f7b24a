/**
 * Task / service / express definitions: strict JSON with positions, ecspresso key normalisation,
 * and checks against the ECS API model. Pure functions on already-rendered text.
 */
export type { DefinitionSource } from './load.js';
export { DefinitionCheckError, type DefinitionOptions, type DefinitionProblem } from './check.js';
export { parseTaskDefinition, parseTaskOverride } from './task.js';
export { parseServiceDefinition, withServiceName } from './service.js';
export { parseExpressDefinition } from './express.js';
export { toNumberCPU, toNumberMemory } from './units.js';
export { getShape, getStructure, memberName, type Shape, type StructureShape } from './shapes.js';
export type { ExpressDefinition, ServiceDefinition, TaskDefinitionInput, TaskOverrideInput } from './types.js';
