/**
 * Building new task records: launch type / capacity provider resolution, awsvpc network
 * attachment, containers, overrides and tags. Used by RunTask, StartTask and the service scheduler.
 */
import { containerArn, containerInstanceArn, taskArn } from './arns.js';
import type { EngineContext } from './context.js';
import { invalidParameter } from './errors.js';
import { newInstanceId, newMacAddress, newTaskId, newUuid, newEniId } from './ids.js';
import { clone, type Json } from './input.js';
import type { ClusterRecord, ContainerRecord, Tag, TaskDefinitionRecord, TaskRecord } from './store.js';

export interface Placement {
  launchType: string;
  capacityProviderName?: string;
}

/**
 * Launch type vs capacity provider strategy: explicit launch type wins, then the strategy, then
 * the cluster's default strategy, then EC2 (the API default).
 */
export function resolvePlacement(cluster: ClusterRecord, launchType?: string, strategy?: Json[]): Placement {
  if (launchType && strategy && strategy.length > 0) {
    throw invalidParameter(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  }
  if (launchType) return { launchType };
  const effective = strategy && strategy.length > 0 ? strategy : cluster.defaultCapacityProviderStrategy;
  if (effective.length > 0) {
    for (const item of effective) {
      if (!cluster.capacityProviders.includes(item.capacityProvider as string)) {
        // Trailing sentence UNCONFIRMED (reference §5.2); exception type UNCONFIRMED.
        throw invalidParameter(
          'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster.',
        );
      }
    }
    const chosen = effective.find((i) => ((i.base as number) ?? 0) > 0) ?? effective.find((i) => ((i.weight as number) ?? 0) > 0) ?? effective[0]!;
    return { launchType: 'FARGATE', capacityProviderName: chosen.capacityProvider as string };
  }
  return { launchType: 'EC2' };
}

/** Checks the network configuration against the definition's network mode and the launch type. */
export function checkNetwork(td: TaskDefinitionRecord, launchType: string, networkConfiguration?: Json): void {
  const mode = td.body.networkMode ?? 'bridge';
  if (launchType === 'FARGATE' && !(td.body.compatibilities as string[]).includes('FARGATE')) {
    throw invalidParameter('Task definition does not support launch_type FARGATE.');
  }
  const vpc = networkConfiguration?.awsvpcConfiguration as Json | undefined;
  if (mode === 'awsvpc') {
    if (!vpc) throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    if (!Array.isArray(vpc.subnets) || vpc.subnets.length === 0) throw invalidParameter('subnets can not be empty.');
  } else if (vpc) {
    throw invalidParameter('Network Configuration is not valid for the given networkMode of this task definition.');
  }
}

export interface NewTaskOptions {
  cluster: ClusterRecord;
  taskDefinition: TaskDefinitionRecord;
  placement: Placement;
  platformVersion?: string;
  networkConfiguration?: Json;
  overrides?: Json;
  group: string;
  startedBy?: string;
  tags: Tag[];
  enableExecuteCommand?: boolean;
  serviceName?: string;
  deploymentId?: string;
  loadBalancers?: Json[];
  graceSeconds?: number;
}

function nextIp(ctx: EngineContext): string {
  const n = ctx.store.nextIp++;
  return `10.0.${Math.floor(n / 250) % 250}.${(n % 250) + 4}`;
}

/** Creates (and stores) a task in PROVISIONING; the lifecycle module drives it from there. */
export function createTask(ctx: EngineContext, o: NewTaskOptions): TaskRecord {
  const id = newTaskId();
  const td = o.taskDefinition;
  const overrides = clone(o.overrides ?? {});
  const containerOverrides = (overrides.containerOverrides as Json[] | undefined) ?? [];
  const vpc = o.networkConfiguration?.awsvpcConfiguration as Json | undefined;
  const subnets = (vpc?.subnets as string[] | undefined) ?? [];
  const subnetIndex = subnets.length ? ctx.store.nextIp % subnets.length : 0;
  const containers: ContainerRecord[] = (td.body.containerDefinitions as Json[]).map((def) => {
    const override = containerOverrides.find((c) => c.name === def.name) ?? {};
    const definition = { ...clone(def), ...clone(override) };
    return {
      arn: containerArn(ctx, o.cluster.name, id, newUuid()),
      name: def.name as string,
      image: def.image as string,
      lastStatus: 'PENDING',
      essential: def.essential !== false,
      healthStatus: def.healthCheck ? 'UNKNOWN' : undefined,
      definition,
    };
  });
  const fargate = o.placement.launchType === 'FARGATE';
  const task: TaskRecord = {
    arn: taskArn(ctx, o.cluster.name, id),
    id,
    clusterName: o.cluster.name,
    clusterArn: o.cluster.arn,
    taskDefinition: td,
    serviceName: o.serviceName,
    deploymentId: o.deploymentId,
    group: o.group,
    startedBy: o.startedBy,
    launchType: o.placement.launchType,
    capacityProviderName: o.placement.capacityProviderName,
    platformVersion: fargate ? (!o.platformVersion || o.platformVersion === 'LATEST' ? '1.4.0' : o.platformVersion) : undefined,
    platformFamily: fargate ? 'Linux' : undefined,
    containerInstanceArn: fargate ? undefined : containerInstanceArn(ctx, o.cluster.name, newTaskId()),
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    createdAt: ctx.now(),
    containers,
    network: vpc
      ? {
          attachmentId: newUuid(),
          eniId: newEniId(),
          subnetId: subnets[subnetIndex]!,
          privateIp: nextIp(ctx),
          macAddress: newMacAddress(),
          status: 'PRECREATED',
        }
      : undefined,
    availabilityZone: `${ctx.region}${'abc'[subnetIndex % 3]}`,
    cpu: (overrides.cpu as string | undefined) ?? (td.body.cpu as string | undefined),
    memory: (overrides.memory as string | undefined) ?? (td.body.memory as string | undefined),
    overrides: {
      containerOverrides: containers.map((c) => containerOverrides.find((o2) => o2.name === c.name) ?? { name: c.name }),
      inferenceAcceleratorOverrides: [],
      ...Object.fromEntries(Object.entries(overrides).filter(([k]) => k !== 'containerOverrides')),
    },
    tags: clone(o.tags),
    enableExecuteCommand: o.enableExecuteCommand ?? false,
    version: 1,
    loadBalancers: clone(o.loadBalancers ?? []),
    sim: {
      epoch: 0,
      healthy: false,
      targets: [],
      graceSeconds: o.graceSeconds ?? 0,
      instanceId: vpc ? undefined : newInstanceId(),
    },
  };
  if (!vpc) {
    // Bridge mode: dynamic host ports from the ephemeral range.
    task.sim.hostPorts = {};
    let port = 32768 + (ctx.store.nextIp++ % 20000);
    for (const c of containers) {
      for (const pm of (c.definition.portMappings as Json[] | undefined) ?? []) {
        const cp = pm.containerPort as number;
        task.sim.hostPorts[cp] = (pm.hostPort as number | undefined) || port++;
      }
    }
  }
  ctx.store.tasks.set(task.arn, task);
  return task;
}
