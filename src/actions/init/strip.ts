/**
 * From what ECS describes to definition files ecsx (and ecspresso) read back: only the fields
 * CreateService / RegisterTaskDefinition accept, no nulls or empty lists, reserved `aws:` tags
 * dropped, keys sorted (as ecspresso writes them). Pure.
 */
import type { Service, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import { getStructure } from '../../definitions/index.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** CreateService fields a service definition may hold (serviceName, cluster, the task definition and the role come from elsewhere). */
function serviceFields(): string[] {
  const omit = new Set(['serviceName', 'cluster', 'clientToken', 'taskDefinition', 'role']);
  return Object.keys(getStructure('CreateServiceRequest').members).filter((k) => !omit.has(k));
}

/** Fields ECS reports on the PRIMARY deployment rather than on the service. */
const FROM_PRIMARY = ['serviceConnectConfiguration', 'volumeConfigurations', 'vpcLatticeConfigurations'] as const;

/** Plain JSON: Dates as ISO strings, undefined / null / empty lists dropped, object keys sorted. */
export function toDefinitionJson(v: unknown): Json | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) {
    const items = v.map(toDefinitionJson).filter((x): x is Json => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort()) {
      const x = toDefinitionJson((v as Record<string, unknown>)[k]);
      if (x !== undefined) out[k] = x;
    }
    return out;
  }
  return v as Json;
}

/** Tags a user may set: `aws:`-prefixed keys are reserved for AWS. */
export function userTags(tags: Tag[] | undefined): Tag[] | undefined {
  const out = (tags ?? []).filter((t) => t.key && !t.key.toLowerCase().startsWith('aws:'));
  return out.length ? out : undefined;
}

/** A service definition for `service`, as `init` writes it. */
export function serviceDefinitionOf(service: Service): JsonObject {
  const src = service as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of serviceFields()) if (src[k] !== undefined) out[k] = src[k];
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY') as Record<string, unknown> | undefined;
  if (primary && service.deploymentController?.type !== 'CODE_DEPLOY') {
    for (const k of FROM_PRIMARY) if (out[k] === undefined && primary[k] !== undefined) out[k] = primary[k];
  }
  // ecspresso: anything but SERVICE / TASK_DEFINITION is written as NONE.
  if (out.propagateTags !== 'SERVICE' && out.propagateTags !== 'TASK_DEFINITION') out.propagateTags = 'NONE';
  out.tags = userTags(service.tags);
  const json = (toDefinitionJson(out) as JsonObject | undefined) ?? {};
  dropEmptyAlarms(json);
  return json;
}

/**
 * DescribeServices reports "no alarms" as `alarms: {alarmNames: [], enable: false, rollback:
 * false}`; with the empty list dropped the object would lack its required `alarmNames`, so the
 * whole block goes when it is off, and the empty list is kept when it is on.
 */
function dropEmptyAlarms(sv: JsonObject): void {
  const dc = sv.deploymentConfiguration as JsonObject | undefined;
  const alarms = dc?.alarms as JsonObject | undefined;
  if (!dc || !alarms || alarms.alarmNames !== undefined) return;
  if (!alarms.enable && !alarms.rollback) delete dc.alarms;
  else alarms.alarmNames = [];
}

/** A task definition file for `td` (DescribeTaskDefinition output) and its tags, as `init` writes it. */
export function taskDefinitionOf(td: TaskDefinition, tags: Tag[] | undefined, sort = false): JsonObject {
  const src = td as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(getStructure('RegisterTaskDefinitionRequest').members)) if (src[k] !== undefined) out[k] = src[k];
  out.tags = userTags(tags);
  const json = (toDefinitionJson(out) as JsonObject | undefined) ?? {};
  return sort ? sortTaskDefinition(json) : json;
}

const byKey = (key: string) => (a: Json, b: Json) => String((a as JsonObject)?.[key] ?? '').localeCompare(String((b as JsonObject)?.[key] ?? ''));
const byJson = (a: Json, b: Json) => JSON.stringify(a).localeCompare(JSON.stringify(b));

function sortList(o: JsonObject, key: string, cmp: (a: Json, b: Json) => number): void {
  const v = o[key];
  if (Array.isArray(v)) o[key] = [...v].sort(cmp);
}

/**
 * `init --sort`: the order-insensitive lists in a stable order, as ecspresso's sortTaskDefinition
 * (containers by name; environment, secrets by name; ports, mounts, volumesFrom by value; …).
 */
export function sortTaskDefinition(td: JsonObject): JsonObject {
  const out = structuredClone(td);
  sortList(out, 'containerDefinitions', byKey('name'));
  for (const c of (out.containerDefinitions as JsonObject[] | undefined) ?? []) {
    sortList(c, 'environment', byKey('name'));
    sortList(c, 'secrets', byKey('name'));
    sortList(c, 'mountPoints', byJson);
    sortList(c, 'portMappings', byJson);
    sortList(c, 'volumesFrom', byJson);
  }
  sortList(out, 'volumes', byKey('name'));
  sortList(out, 'placementConstraints', byJson);
  sortList(out, 'requiresCompatibilities', byJson);
  sortList(out, 'tags', byKey('key'));
  const proxy = out.proxyConfiguration as JsonObject | undefined;
  if (proxy) sortList(proxy, 'properties', byKey('name'));
  return out;
}
