/**
 * Building the CreateService / UpdateService inputs of a deploy. Pure.
 *
 * A deploy makes **one** UpdateService call carrying the task definition, the desired count and
 * every service attribute whose normalised value differs from the running service (the same
 * comparison `diff` shows, so the diff is exactly what the deploy changes). Tags are not an
 * UpdateService field: they change through TagResource / UntagResource.
 */
import type { CreateServiceCommandInput, Service, Tag, UpdateServiceCommandInput } from '@aws-sdk/client-ecs';
import { canonicalJson, normalizeServicePair, UPDATABLE_SERVICE_ATTRIBUTES, type JsonObject, type JsonValue } from '../../diff/index.js';
import type { ServiceDefinition } from '../../definitions/types.js';

/** Attributes UpdateService can change (the compared set minus desiredCount and tags). */
export const UPDATABLE = UPDATABLE_SERVICE_ATTRIBUTES;

/** How to say "none" when the definition dropped an attribute the service has. */
const CLEARED: Partial<Record<(typeof UPDATABLE)[number], JsonValue>> = {
  loadBalancers: [],
  serviceRegistries: [],
  placementConstraints: [],
  placementStrategy: [],
  volumeConfigurations: [],
  vpcLatticeConfigurations: [],
  healthCheckGracePeriodSeconds: 0,
};

/** Tag changes on the service. */
export interface TagChanges {
  add: Tag[];
  remove: string[];
}

/** What changes on an existing service. */
export interface ServiceUpdatePlan {
  input: UpdateServiceCommandInput;
  /** The attributes sent because they differ (besides taskDefinition and desiredCount). */
  changedAttributes: string[];
  tags: TagChanges;
}

/** Options of {@link planServiceUpdate}. */
export interface ServiceUpdateOptions {
  cluster: string;
  service: string;
  taskDefinition: string;
  desiredCount?: number;
  forceNewDeployment?: boolean;
  /** Apply the definition's attributes and tags (`--no-update-service` turns it off). */
  updateService: boolean;
  ignoreTags?: readonly string[];
}

/**
 * The single UpdateService input (plus tag changes). With `updateService`, attributes are taken
 * as written in the definition when set there, else in their normalised form (the defaults the
 * diff compared against, e.g. the rolling deploymentConfiguration), else cleared.
 */
export function planServiceUpdate(local: ServiceDefinition | undefined, remote: Service, o: ServiceUpdateOptions): ServiceUpdatePlan {
  const input: UpdateServiceCommandInput = { cluster: o.cluster, service: o.service, taskDefinition: o.taskDefinition };
  if (o.desiredCount !== undefined) input.desiredCount = o.desiredCount;
  if (o.forceNewDeployment) input.forceNewDeployment = true;
  const plan: ServiceUpdatePlan = { input, changedAttributes: [], tags: { add: [], remove: [] } };
  if (!o.updateService || !local) return plan;
  const n = normalizeServicePair(local, remote, { ignoreTags: o.ignoreTags });
  const L = n.local;
  const R = n.remote ?? {};
  const raw = local as Record<string, unknown>;
  for (const key of UPDATABLE) {
    if (canonicalJson(L[key]) === canonicalJson(R[key])) continue;
    const value = raw[key] ?? L[key] ?? CLEARED[key];
    if (value === undefined) continue;
    (input as unknown as Record<string, unknown>)[key] = structuredClone(value);
    plan.changedAttributes.push(key);
  }
  plan.tags = tagChanges(L.tags, R.tags);
  return plan;
}

/** Tags to set and keys to remove, from normalised tag lists (ignored and `aws:` keys already gone). */
export function tagChanges(local: JsonValue | undefined, remote: JsonValue | undefined): TagChanges {
  const asMap = (v: JsonValue | undefined) => new Map(((Array.isArray(v) ? v : []) as JsonObject[]).map((t) => [String(t.key), String(t.value ?? '')]));
  const l = asMap(local);
  const r = asMap(remote);
  return {
    add: [...l].filter(([k, v]) => r.get(k) !== v).map(([key, value]) => ({ key, value })),
    remove: [...r.keys()].filter((k) => !l.has(k)),
  };
}

/** Options of {@link createServiceInput}. */
export interface CreateServiceOptions {
  cluster: string;
  service: string;
  taskDefinition: string;
  desiredCount?: number;
}

/** CreateService's input: the definition as written, with the config's names and the chosen task definition and count. */
export function createServiceInput(local: ServiceDefinition, o: CreateServiceOptions): CreateServiceCommandInput {
  const input = structuredClone(local) as CreateServiceCommandInput;
  input.cluster = o.cluster;
  input.serviceName = o.service;
  input.taskDefinition = o.taskDefinition;
  if (o.desiredCount !== undefined) input.desiredCount = o.desiredCount;
  else delete input.desiredCount;
  if (!input.tags?.length) delete input.tags;
  return input;
}
