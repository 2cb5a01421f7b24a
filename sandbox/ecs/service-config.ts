/**
 * Reading a service's configuration from CreateService/UpdateService input: deploymentConfiguration
 * defaults (reference §4.4 "observed default readback"), the per-revision spec, and which changes
 * start a new deployment (reference §2.1).
 */
import type { EngineContext } from './context.js';
import { invalidParameter } from './errors.js';
import { clone, optList, optObject, optString, type Json } from './input.js';
import type { ClusterRecord, DeploymentSpec } from './store.js';
import { checkNetwork, resolvePlacement } from './task-factory.js';
import { resolveLaunchableTaskDefinition } from './task-definitions.js';

/** What AWS returns for an unconfigured rolling service. */
export function defaultDeploymentConfiguration(): Json {
  return {
    deploymentCircuitBreaker: {
      enable: false,
      rollback: false,
      resetOnHealthyTask: true,
      thresholdConfiguration: { type: 'BOUNDED_PERCENT', value: 50 },
    },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    alarms: { alarmNames: [], enable: false, rollback: false },
    strategy: 'ROLLING',
    bakeTimeInMinutes: 0,
  };
}

/** Merges a deploymentConfiguration input over `current` (or the defaults) and validates it. */
export function mergeDeploymentConfiguration(input: Json | undefined, current?: Json): Json {
  const out = clone(current ?? defaultDeploymentConfiguration());
  if (!input) return out;
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === null) continue;
    if (k === 'deploymentCircuitBreaker') {
      const cb = v as Json;
      if (typeof cb.enable !== 'boolean' || typeof cb.rollback !== 'boolean') {
        throw invalidParameter('deploymentCircuitBreaker requires enable and rollback.');
      }
      out[k] = { ...(out[k] as Json), ...clone(cb) };
    } else {
      out[k] = clone(v);
    }
  }
  const min = out.minimumHealthyPercent as number;
  const max = out.maximumPercent as number;
  if (!Number.isInteger(min) || min < 0 || min > 100) {
    throw invalidParameter('minimumHealthyPercent must be between 0 and 100.');
  }
  if (!Number.isInteger(max) || max < 100) throw invalidParameter('maximumPercent must be greater than or equal to 100.');
  const strategy = out.strategy as string;
  if (!['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'].includes(strategy)) {
    throw invalidParameter('strategy must be one of ROLLING, BLUE_GREEN, LINEAR, CANARY.');
  }
  return out;
}

const usesFargate = (spec: Pick<DeploymentSpec, 'launchType' | 'capacityProviderStrategy'>) =>
  spec.launchType === 'FARGATE' || (spec.capacityProviderStrategy?.length ?? 0) > 0;

function checkLoadBalancers(lbs: Json[], containers: Json[]): void {
  for (const lb of lbs) {
    if (lb.targetGroupArn === undefined && lb.loadBalancerName === undefined) {
      throw invalidParameter('Either targetGroupArn or loadBalancerName must be specified for a load balancer.');
    }
    const name = lb.containerName as string | undefined;
    const port = lb.containerPort as number | undefined;
    if (name === undefined || port === undefined) {
      throw invalidParameter('containerName and containerPort must be specified for a load balancer.');
    }
    const c = containers.find((x) => x.name === name);
    if (!c) throw invalidParameter(`The container ${name} does not exist in the task definition.`);
    if (!((c.portMappings as Json[]) ?? []).some((p) => p.containerPort === port)) {
      throw invalidParameter(`The container ${name} did not have a container port ${port} defined.`);
    }
  }
}

/**
 * Builds the deployment spec from input, on top of `current` for UpdateService. Validates the
 * task definition (must be ACTIVE), placement and network configuration.
 */
export function readSpec(ctx: EngineContext, input: Json, cluster: ClusterRecord, current?: DeploymentSpec): DeploymentSpec {
  const tdRef = optString(input, 'taskDefinition');
  if (!current && !tdRef) throw invalidParameter('TaskDefinition can not be blank.');
  const td = tdRef ? resolveLaunchableTaskDefinition(ctx, tdRef) : undefined;
  const spec: DeploymentSpec = current
    ? clone(current)
    : { taskDefinition: '', loadBalancers: [], serviceRegistries: [] };
  if (td) spec.taskDefinition = td.arn;

  const launchType = optString(input, 'launchType');
  const strategy = optList<Json>(input, 'capacityProviderStrategy');
  if (!current) {
    const placement = resolvePlacement(cluster, launchType, strategy);
    if (launchType) spec.launchType = launchType;
    else if (placement.capacityProviderName) spec.capacityProviderStrategy = clone(strategy?.length ? strategy : cluster.defaultCapacityProviderStrategy);
    else spec.launchType = 'EC2';
  } else if (strategy) {
    resolvePlacement(cluster, undefined, strategy);
    spec.capacityProviderStrategy = clone(strategy);
    delete spec.launchType;
  }
  const platformVersion = optString(input, 'platformVersion');
  if (platformVersion) spec.platformVersion = platformVersion;
  if (usesFargate(spec)) {
    spec.platformVersion ??= 'LATEST';
    spec.platformFamily = 'Linux';
  }
  const network = optObject(input, 'networkConfiguration');
  if (network) {
    const n = clone(network);
    const vpc = n.awsvpcConfiguration as Json | undefined;
    if (vpc) vpc.assignPublicIp ??= 'DISABLED';
    spec.networkConfiguration = n;
  }
  for (const key of ['loadBalancers', 'serviceRegistries', 'volumeConfigurations', 'vpcLatticeConfigurations'] as const) {
    const list = optList<Json>(input, key);
    if (list) spec[key] = clone(list);
  }
  for (const key of ['serviceConnectConfiguration', 'monitoring'] as const) {
    const obj = optObject(input, key);
    if (obj) spec[key] = clone(obj);
  }
  const effectiveTd = td ?? resolveTdForCheck(ctx, spec.taskDefinition);
  if (effectiveTd) {
    checkNetwork(effectiveTd, usesFargate(spec) ? 'FARGATE' : spec.launchType ?? 'EC2', spec.networkConfiguration);
    checkLoadBalancers(spec.loadBalancers, effectiveTd.body.containerDefinitions as Json[]);
  }
  return spec;
}

function resolveTdForCheck(ctx: EngineContext, arn: string) {
  try {
    return resolveLaunchableTaskDefinition(ctx, arn);
  } catch {
    return undefined; // an INACTIVE current definition: existing services keep running it.
  }
}

/** Fields whose change starts a new deployment (reference §2.1). */
const TRIGGERS = [
  'taskDefinition',
  'networkConfiguration',
  'platformVersion',
  'loadBalancers',
  'serviceRegistries',
  'serviceConnectConfiguration',
  'volumeConfigurations',
  'vpcLatticeConfigurations',
] as const;

export function triggersDeployment(before: DeploymentSpec, after: DeploymentSpec): boolean {
  return TRIGGERS.some((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}
