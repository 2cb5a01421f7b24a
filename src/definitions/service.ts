/**
 * Service definitions: CreateService fields, in the shape of `describe-services` output (as
 * ecspresso reads them). Output-only fields of a described service are dropped silently.
 */
import type { DefinitionOptions } from './check.js';
import { parseAs, type DefinitionSource } from './load.js';
import { deriveStructure, getStructure, type StructureShape } from './shapes.js';
import type { ServiceDefinition } from './types.js';

interface ServiceShapes {
  shape: StructureShape;
  silent: Set<string>;
  ignored: Map<string, string>;
}
let cached: ServiceShapes | undefined;

function shapes(): ServiceShapes {
  if (cached) return cached;
  // serviceName and cluster come from the config; clientToken is per call, not a definition field.
  const shape = deriveStructure('CreateServiceRequest', { omit: ['serviceName', 'cluster', 'clientToken'], required: [] });
  const create = getStructure('CreateServiceRequest').members;
  // serviceArn, clusterArn, status, runningCount, pendingCount, deployments, events, createdAt,
  // createdBy, taskSets, roleArn, platformFamily, ...: describe-services output, dropped silently.
  const silent = new Set(Object.keys(getStructure('Service').members).filter((k) => !(k in create)).map((k) => k.toLowerCase()));
  silent.add('servicename'); // always replaced by the config's `service`, as in ecspresso
  const ignored = new Map([['cluster', 'field "cluster" in a service definition is ignored; the cluster comes from the config']]);
  cached = { shape, silent, ignored };
  return cached;
}

/**
 * Parses a rendered service definition. `serviceName` is not read from the file: the caller sets
 * it from the config (withServiceName). A missing `desiredCount` stays undefined, which means
 * "leave the current count unchanged". Same key normalisation and checks as task definitions.
 */
export function parseServiceDefinition(src: DefinitionSource, opts: DefinitionOptions = {}): ServiceDefinition {
  const { shape, silent, ignored } = shapes();
  return parseAs<ServiceDefinition>(src, shape, 'service definition', opts, { silent, ignored });
}

/** The definition with the config's service name set (ecspresso always overrides it). */
export function withServiceName<T extends { serviceName?: string }>(def: T, serviceName: string): T & { serviceName: string } {
  return { ...def, serviceName };
}
