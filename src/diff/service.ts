/**
 * Service normalisation before diff: ecspresso's ServiceDefinitionForDiff + svToUpdateServiceInput
 * (v2.8.7), plus the rules that make a definition without a field equal a service where ECS
 * filled that field in.
 */
import type { Service } from '@aws-sdk/client-ecs';
import type { ServiceDefinition } from '../definitions/types.js';
import { fillDeploymentConfiguration } from './deployment-configuration.js';
import {
  child,
  children,
  dropIfEqual,
  fill,
  isObject,
  pick,
  prune,
  sortByField,
  sortByJson,
  sortStrings,
  toJson,
  type JsonObject,
} from './json.js';
import { normalizeTags } from './tags.js';

/** A local service definition or a DescribeServices `Service`. */
export type ServiceLike = ServiceDefinition | Service;

/** A service in canonical form: UpdateService fields plus tags, as plain JSON. */
export type NormalizedService = JsonObject;

/** Options for {@link normalizeServiceDefinition}. */
export interface NormalizeServiceOptions {
  /** Tag keys left out of the comparison (config `ignore.tags`). */
  ignoreTags?: readonly string[];
  /**
   * Set when normalising the remote side: the local definition it is compared with. Fields that
   * UpdateService leaves unchanged when omitted (desiredCount, availabilityZoneRebalancing,
   * capacityProviderStrategy) are then compared only where the local definition sets them.
   */
  local?: ServiceDefinition;
  /** Service Connect namespace ARN → name (ecspresso resolves it with Cloud Map GetNamespace). */
  namespaceNames?: Readonly<Record<string, string>>;
  /** Apply the Express rule (drop deploymentConfiguration, loadBalancers); default: detected. */
  expressManaged?: boolean;
  /** Apply the CODE_DEPLOY rule (drop loadBalancers[].targetGroupArn); default: detected. */
  codeDeploy?: boolean;
}

/** ecspresso compares UpdateServiceInput's fields (svToUpdateServiceInput) plus tags. */
/** Attributes UpdateService can change: what a deploy sends when they differ (and what diff compares, with desiredCount and tags). */
export const UPDATABLE_SERVICE_ATTRIBUTES = [
  'availabilityZoneRebalancing',
  'capacityProviderStrategy',
  'deploymentConfiguration',
  'enableECSManagedTags',
  'enableExecuteCommand',
  'healthCheckGracePeriodSeconds',
  'loadBalancers',
  'networkConfiguration',
  'placementConstraints',
  'placementStrategy',
  'platformVersion',
  'propagateTags',
  'serviceConnectConfiguration',
  'serviceRegistries',
  'volumeConfigurations',
  'vpcLatticeConfigurations',
] as const;

const COMPARED = [...UPDATABLE_SERVICE_ATTRIBUTES, 'desiredCount', 'tags'] as const;

/** Settings DescribeServices reports per deployment rather than on the service. */
const FROM_PRIMARY = ['serviceConnectConfiguration', 'volumeConfigurations', 'vpcLatticeConfigurations'] as const;

const isCodeDeploy = (sv: JsonObject) => child(sv, 'deploymentController')?.type === 'CODE_DEPLOY';
const isExpress = (sv: JsonObject) => sv.resourceManagementType === 'ECS';
const usesFargate = (sv: JsonObject) =>
  sv.launchType === 'FARGATE' ||
  children(sv, 'capacityProviderStrategy').some((c) => String(c.capacityProvider ?? '').startsWith('FARGATE'));

/**
 * Normalises a local service definition, or a remote `Service` (with `opts.local` set), into the
 * form both sides are compared in. Pure: the argument is not modified. See docs/diff.md for every
 * rule and why.
 */
export function normalizeServiceDefinition(sv: ServiceLike, opts: NormalizeServiceOptions = {}): NormalizedService {
  const json = toJson(sv);
  const raw = isObject(json) ? json : {};
  liftPrimaryDeployment(raw, opts.namespaceNames);
  const out = (prune(raw) as JsonObject | undefined) ?? {};
  const codeDeploy = opts.codeDeploy ?? isCodeDeploy(out);
  const express = opts.expressManaged ?? isExpress(out);

  // ecspresso: FARGATE without platformVersion runs LATEST, and DescribeServices says so. The
  // same holds for FARGATE / FARGATE_SPOT capacity providers.
  if (usesFargate(out)) fill(out, 'platformVersion', 'LATEST');
  if (opts.local) compareOnlyWhereSet(out, (prune(toJson(opts.local) ?? null) as JsonObject | undefined) ?? {});

  fillDeploymentConfiguration(out);
  const vpc = child(child(out, 'networkConfiguration'), 'awsvpcConfiguration');
  if (vpc) {
    fill(vpc, 'assignPublicIp', 'DISABLED'); // ECS's default, always returned
    sortStrings(vpc, 'securityGroups'); // sets: order has no meaning
    sortStrings(vpc, 'subnets');
  }
  sortByJson(out, 'placementConstraints');
  sortByJson(out, 'placementStrategy');
  sortByField(out, 'volumeConfigurations', 'name');
  sortByField(out, 'vpcLatticeConfigurations', 'portName');
  normalizeTags(out, opts.ignoreTags);
  for (const cp of children(out, 'capacityProviderStrategy')) {
    // base and weight default to 0 and are always returned (Go's non-pointer int32 in ecspresso).
    fill(cp, 'base', 0);
    fill(cp, 'weight', 0);
  }
  // 0 and no grace period are the same setting; DescribeServices may return either.
  dropIfEqual(out, 'healthCheckGracePeriodSeconds', 0);
  // DescribeServices returns propagateTags NONE for services created without it.
  fill(out, 'propagateTags', 'NONE');
  // Go's non-pointer bools in ecspresso: a missing flag is false, on both sides.
  fill(out, 'enableECSManagedTags', false);
  fill(out, 'enableExecuteCommand', false);
  // ecspresso svToUpdateServiceInput: no Service Connect is sent as {enabled: false}, so a
  // removed configuration shows as a change (#856).
  fill(out, 'serviceConnectConfiguration', { enabled: false });
  // ecspresso: DAEMON services take no placement strategy in UpdateService.
  if (out.schedulingStrategy === 'DAEMON') delete out.placementStrategy;

  const result = pick(out, COMPARED);
  if (codeDeploy) {
    // CodeDeploy swaps the target group between blue and green on every deployment (#943).
    for (const lb of children(result, 'loadBalancers')) delete lb.targetGroupArn;
  }
  if (express) {
    // Express services: ECS owns these and UpdateService may not change them (ecspresso #902).
    delete result.deploymentConfiguration;
    delete result.loadBalancers;
  }
  return (prune(result) as JsonObject | undefined) ?? {};
}

/**
 * Remote-only rules: UpdateService leaves these fields unchanged when the request omits them, so
 * a definition that omits them cannot change them, and the remote value is not compared.
 */
function compareOnlyWhereSet(remote: JsonObject, local: JsonObject): void {
  // ecspresso: a definition without desiredCount leaves the running count alone (#274).
  if (local.desiredCount === undefined) delete remote.desiredCount;
  // CreateService defaults this to ENABLED, UpdateService keeps the current value, and a service
  // that never had one reads as DISABLED (API model). ecspresso fills DISABLED on both sides,
  // which shows a spurious change for every service created since the ENABLED default; here an
  // omitted local value is not compared, and a set one is compared with DISABLED for "never set".
  if (local.availabilityZoneRebalancing === undefined) delete remote.availabilityZoneRebalancing;
  else fill(remote, 'availabilityZoneRebalancing', 'DISABLED');
  // A service created with neither launchType nor capacityProviderStrategy gets the cluster's
  // default strategy, which DescribeServices reports; UpdateService without one keeps it.
  const placedByCluster = local.capacityProviderStrategy === undefined && local.launchType === undefined;
  if (local.capacityProviderStrategy === undefined) delete remote.capacityProviderStrategy;
  // ...and then the LATEST platform version filled in above came from that strategy, not from
  // anything the definition says.
  if (placedByCluster && local.platformVersion === undefined) dropIfEqual(remote, 'platformVersion', 'LATEST');
}

/**
 * DescribeServices reports Service Connect, volume and VPC Lattice configurations on the PRIMARY
 * deployment, not on the service (ecspresso newServiceFromTypes); CODE_DEPLOY services have none.
 * A remote namespace ARN is replaced by its name when the caller resolved it.
 */
function liftPrimaryDeployment(sv: JsonObject, namespaceNames: Readonly<Record<string, string>> = {}): void {
  const deployments = sv.deployments;
  if (!Array.isArray(deployments) || isCodeDeploy(sv)) return;
  const primary = deployments.filter(isObject).find((d) => d.status === 'PRIMARY');
  if (!primary) return;
  for (const key of FROM_PRIMARY) {
    if (sv[key] === undefined && primary[key] !== undefined) sv[key] = primary[key]!;
  }
  const scc = child(sv, 'serviceConnectConfiguration');
  if (scc && typeof scc.namespace === 'string' && namespaceNames[scc.namespace] !== undefined) {
    scc.namespace = namespaceNames[scc.namespace]!;
  }
}

/** Options for {@link normalizeServicePair}. */
export type NormalizeServicePairOptions = Pick<NormalizeServiceOptions, 'ignoreTags' | 'namespaceNames'>;

/**
 * Normalises both sides of a service diff. Beyond calling {@link normalizeServiceDefinition} on
 * each, it applies rules that depend on the other side to both: when the remote is an Express
 * service the local side loses deploymentConfiguration and loadBalancers too (a definition
 * imported with `init --no-express` has neither, and the filled rolling defaults would otherwise
 * differ), and when either side uses CODE_DEPLOY both lose loadBalancers[].targetGroupArn.
 * `remote` undefined (service not created yet) gives `remote: undefined`.
 */
export function normalizeServicePair(
  local: ServiceDefinition,
  remote: Service | undefined,
  opts: NormalizeServicePairOptions = {},
): { local: NormalizedService; remote: NormalizedService | undefined } {
  const l = (toJson(local) ?? {}) as JsonObject;
  const r = remote === undefined ? undefined : ((toJson(remote) ?? {}) as JsonObject);
  const codeDeploy = isCodeDeploy(l) || (r !== undefined && isCodeDeploy(r));
  const express = r !== undefined && isExpress(r);
  return {
    local: normalizeServiceDefinition(local, { ignoreTags: opts.ignoreTags, codeDeploy, expressManaged: express || undefined }),
    remote:
      remote === undefined
        ? undefined
        : normalizeServiceDefinition(remote, { ...opts, local, codeDeploy }),
  };
}
