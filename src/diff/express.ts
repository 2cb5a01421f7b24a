/**
 * Express Mode normalisation before diff: the remote is read back from
 * DescribeExpressGatewayService and differs from what was sent in known ways (reference
 * express-mode.md §5.3): an ECS-managed security group is added, env and secrets come back sorted,
 * server defaults are filled in, and cluster is an ARN.
 */
import type { ECSExpressGatewayService, ECSManagedResources, ExpressGatewayServiceConfiguration } from '@aws-sdk/client-ecs';
import type { ExpressDefinition } from '../definitions/types.js';
import { toNumberCPU, toNumberMemory } from '../definitions/units.js';
import { child, isObject, pick, prune, sortByField, sortStrings, toJson, type JsonObject } from './json.js';
import { normalizeTags } from './tags.js';

/** An Express definition in canonical form, as plain JSON. */
export type NormalizedExpressDefinition = JsonObject;

/** Options for {@link normalizeExpressDefinition}. */
export interface NormalizeExpressOptions {
  /** Tag keys left out of the comparison (config `ignore.tags`). */
  ignoreTags?: readonly string[];
  /**
   * IDs of security groups ECS created for the service (EC2 tag `AmazonECSManaged=true`, found
   * by the caller). Dropped from the remote networkConfiguration unless the local lists them.
   */
  managedSecurityGroupIds?: readonly string[];
  /** The service revision's managed resources; its `serviceSecurityGroups` are dropped likewise. */
  ecsManagedResources?: ECSManagedResources;
  /** The config's cluster (name or ARN); compared with the remote's by name. */
  cluster?: string;
  /** The config's service name; compared with the remote's. */
  serviceName?: string;
}

/** The pair to compare; `remote` is undefined when the service does not exist yet. */
export interface NormalizedExpressPair {
  local: NormalizedExpressDefinition;
  remote: NormalizedExpressDefinition | undefined;
}

/** The CreateExpressGatewayService fields ecsx compares (plus cluster and serviceName). */
const FIELDS = [
  'cluster',
  'serviceName',
  'infrastructureRoleArn',
  'executionRoleArn',
  'taskRoleArn',
  'taskDefinitionArn',
  'cpu',
  'memory',
  'cpuArchitecture',
  'healthCheckPath',
  'networkConfiguration',
  'primaryContainer',
  'scalingTarget',
  'tags',
] as const;

/**
 * Fields compared only where the local definition sets them. UpdateExpressGatewayService keeps a
 * field the request omits, and ECS fills server defaults for them (cpu, memory, healthCheckPath,
 * scaling target, network configuration, the managed task definition's ARN, and with
 * `taskDefinitionArn` the roles and sizes read from it), so a remote value the local omits is
 * neither a change nor something a deploy would change. ecspresso fills cpu 1024, memory 2048
 * and healthCheckPath "/" instead; the API model documents 256 / 512 / "/ping", so filling any
 * one value would be wrong somewhere. Objects are matched member by member.
 */
const ONLY_WHERE_SET = [
  'executionRoleArn',
  'taskRoleArn',
  'taskDefinitionArn',
  'cpu',
  'memory',
  'cpuArchitecture',
  'healthCheckPath',
  'networkConfiguration',
  'scalingTarget',
  'primaryContainer',
] as const;

/**
 * Inside primaryContainer, compared only where set: containerPort (default 80), the awslogs
 * configuration (ECS creates a log group and prefix) and repository credentials. image, command,
 * environment and secrets are always compared: ecsx sends them in full, and empty lists to clear.
 */
const CONTAINER_ONLY_WHERE_SET = ['containerPort', 'awsLogsConfiguration', 'repositoryCredentials'] as const;

/**
 * The remote configuration to compare: the active configuration with the newest `createdAt`.
 * During a deployment `activeConfigurations` holds the source and the target revision; the
 * newest is the target, i.e. what the last update asked for (ecspresso takes the first).
 */
export function currentExpressConfiguration(svc: ECSExpressGatewayService): ExpressGatewayServiceConfiguration | undefined {
  const list = svc.activeConfigurations ?? [];
  let best: ExpressGatewayServiceConfiguration | undefined;
  for (const c of list) {
    if (!best || (c.createdAt?.getTime() ?? -Infinity) > (best.createdAt?.getTime() ?? -Infinity)) best = c;
  }
  return best;
}

/** Security-group IDs from ECSManagedResources (`arn:…:security-group/sg-…` → `sg-…`). */
export function managedSecurityGroupIds(res: ECSManagedResources | undefined): string[] {
  return (res?.serviceSecurityGroups ?? [])
    .map((g) => g.arn ?? '')
    .map((arn) => arn.slice(arn.lastIndexOf('/') + 1))
    .filter((id) => id !== '');
}

/** `arn:aws:ecs:<region>:<account>:cluster/<name>` → `<name>`; a name is returned unchanged. */
export function clusterName(cluster: string): string {
  const m = /^arn:[^:]+:ecs:[^:]*:[^:]*:cluster\/(.+)$/.exec(cluster);
  return m ? m[1]! : cluster;
}

/**
 * Normalises an Express definition and the service read back from DescribeExpressGatewayService
 * so that they differ only where a deploy would change something. Pure: arguments are not
 * modified. See docs/diff.md for every rule.
 */
export function normalizeExpressDefinition(
  local: ExpressDefinition,
  remote: ECSExpressGatewayService | undefined,
  opts: NormalizeExpressOptions = {},
): NormalizedExpressPair {
  const l = common(pick(asObject(local), FIELDS), opts);
  if (opts.cluster !== undefined) l.cluster = clusterName(opts.cluster);
  if (opts.serviceName !== undefined) l.serviceName = opts.serviceName;
  if (remote === undefined) return { local: finish(l), remote: undefined };

  const config = asObject(currentExpressConfiguration(remote));
  const top = asObject(remote);
  const r = common(pick({ ...config, ...pick(top, ['cluster', 'serviceName', 'infrastructureRoleArn', 'tags']) }, FIELDS), opts);
  if (typeof r.cluster === 'string') r.cluster = clusterName(r.cluster);
  if (l.cluster === undefined) delete r.cluster;
  if (l.serviceName === undefined) delete r.serviceName;

  dropManagedSecurityGroups(r, l, [...(opts.managedSecurityGroupIds ?? []), ...managedSecurityGroupIds(opts.ecsManagedResources)]);
  for (const key of ONLY_WHERE_SET) keepWhereSet(r, l, key);
  const rc = child(r, 'primaryContainer');
  const lc = child(l, 'primaryContainer');
  if (rc && lc) for (const key of CONTAINER_ONLY_WHERE_SET) keepWhereSet(rc, lc, key);
  return { local: finish(l), remote: finish(r) };
}

function asObject(v: unknown): JsonObject {
  const j = toJson(v);
  return isObject(j) ? ((prune(j) as JsonObject | undefined) ?? {}) : {};
}

/** Rules applied to both sides. */
function common(ex: JsonObject, opts: NormalizeExpressOptions): JsonObject {
  // Task-level units, as for task definitions: "1 vCPU" and "1024" are the same size.
  if (typeof ex.cpu === 'string' || typeof ex.cpu === 'number') ex.cpu = toNumberCPU(ex.cpu) ?? ex.cpu;
  if (typeof ex.memory === 'string' || typeof ex.memory === 'number') ex.memory = toNumberMemory(ex.memory) ?? ex.memory;
  const nc = child(ex, 'networkConfiguration');
  if (nc) {
    sortStrings(nc, 'securityGroups'); // sets (ecspresso sorts them)
    sortStrings(nc, 'subnets');
  }
  const pc = child(ex, 'primaryContainer');
  if (pc) {
    // Describe returns environment and secrets sorted by name (terraform-provider-aws #47070).
    sortByField(pc, 'environment', 'name');
    sortByField(pc, 'secrets', 'name');
  }
  normalizeTags(ex, opts.ignoreTags);
  return ex;
}

/**
 * Express adds a security group of its own to `networkConfiguration.securityGroups`
 * (terraform-provider-aws #47437, #47944). It is not the user's, so it is not compared, unless
 * the local definition names it itself.
 */
function dropManagedSecurityGroups(remote: JsonObject, local: JsonObject, managed: string[]): void {
  const sgs = child(remote, 'networkConfiguration')?.securityGroups;
  if (!Array.isArray(sgs) || managed.length === 0) return;
  const mine = child(local, 'networkConfiguration')?.securityGroups;
  const keep = new Set(Array.isArray(mine) ? mine.map(String) : []);
  const drop = new Set(managed.filter((id) => !keep.has(id)));
  child(remote, 'networkConfiguration')!.securityGroups = sgs.filter((g) => !drop.has(String(g)));
}

/**
 * Keeps `remote[key]` only where `local[key]` is set: a missing local field drops the remote one,
 * and for two objects the remote keeps only the members the local sets (recursively), so a
 * partially written `scalingTarget` is not compared with the defaults ECS filled in beside it.
 * Lists are compared whole.
 */
function keepWhereSet(remote: JsonObject, local: JsonObject, key: string): void {
  const l = local[key];
  const r = remote[key];
  if (l === undefined) {
    delete remote[key];
    return;
  }
  if (!isObject(l) || !isObject(r)) return;
  if (key === 'primaryContainer') return; // members handled by CONTAINER_ONLY_WHERE_SET
  for (const k of Object.keys(r)) keepWhereSet(r, l, k);
}

function finish(ex: JsonObject): JsonObject {
  return (prune(ex) as JsonObject | undefined) ?? {};
}
