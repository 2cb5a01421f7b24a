/** The Task output shape (DescribeTasks, RunTask, StopTask). */
import type { EngineContext } from './context.js';
import { clone, compact, secs, type Json } from './input.js';
import type { ContainerRecord, TaskRecord } from './store.js';

const t = (ms: number | undefined) => (ms === undefined ? undefined : secs(ms));

function renderContainer(task: TaskRecord, c: ContainerRecord): Json {
  const def = c.definition;
  const bindings: Json[] = [];
  if (task.sim.hostPorts && c.lastStatus === 'RUNNING') {
    for (const pm of (def.portMappings as Json[] | undefined) ?? []) {
      bindings.push({
        bindIP: '0.0.0.0',
        containerPort: pm.containerPort,
        hostPort: task.sim.hostPorts[pm.containerPort as number],
        protocol: pm.protocol ?? 'tcp',
      });
    }
  }
  return compact({
    containerArn: c.arn,
    taskArn: task.arn,
    name: c.name,
    image: c.image,
    imageDigest: c.imageDigest,
    runtimeId: c.runtimeId,
    lastStatus: c.lastStatus,
    exitCode: c.exitCode,
    reason: c.reason,
    networkBindings: bindings,
    networkInterfaces: task.network
      ? [{ attachmentId: task.network.attachmentId, privateIpv4Address: task.network.privateIp }]
      : [],
    healthStatus: c.healthStatus ?? 'UNKNOWN',
    cpu: String(def.cpu ?? 0),
    memory: def.memory === undefined ? undefined : String(def.memory),
    memoryReservation: def.memoryReservation === undefined ? undefined : String(def.memoryReservation),
  });
}

function attachments(task: TaskRecord): Json[] {
  const n = task.network;
  if (!n) return [];
  return [
    {
      id: n.attachmentId,
      type: 'ElasticNetworkInterface',
      status: n.status,
      details: [
        { name: 'subnetId', value: n.subnetId },
        { name: 'networkInterfaceId', value: n.eniId },
        { name: 'macAddress', value: n.macAddress },
        { name: 'privateDnsName', value: `ip-${n.privateIp.replaceAll('.', '-')}.ec2.internal` },
        { name: 'privateIPv4Address', value: n.privateIp },
      ],
    },
  ];
}

/**
 * Task health is derived from essential containers only: any UNHEALTHY → UNHEALTHY, all
 * HEALTHY → HEALTHY, otherwise UNKNOWN (reference §1.3).
 */
export function taskHealth(task: TaskRecord): 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN' {
  const checked = task.containers.filter((c) => c.essential && c.healthStatus !== undefined);
  if (checked.length === 0) return 'UNKNOWN';
  if (checked.some((c) => c.healthStatus === 'UNHEALTHY')) return 'UNHEALTHY';
  return checked.every((c) => c.healthStatus === 'HEALTHY') ? 'HEALTHY' : 'UNKNOWN';
}

export function renderTask(_ctx: EngineContext, task: TaskRecord, includeTags = false): Json {
  const fargate = task.launchType === 'FARGATE';
  return compact({
    attachments: attachments(task),
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: task.availabilityZone,
    capacityProviderName: task.capacityProviderName,
    clusterArn: task.clusterArn,
    connectivity: task.connectivity,
    connectivityAt: t(task.connectivityAt),
    containerInstanceArn: task.containerInstanceArn,
    containers: task.containers.map((c) => renderContainer(task, c)),
    cpu: task.cpu,
    createdAt: t(task.createdAt),
    desiredStatus: task.desiredStatus,
    enableExecuteCommand: task.enableExecuteCommand,
    executionStoppedAt: t(task.executionStoppedAt),
    group: task.group,
    healthStatus: taskHealth(task),
    lastStatus: task.lastStatus,
    launchType: task.launchType,
    memory: task.memory,
    overrides: clone(task.overrides),
    platformVersion: task.platformVersion,
    platformFamily: task.platformFamily,
    pullStartedAt: t(task.pullStartedAt),
    pullStoppedAt: t(task.pullStoppedAt),
    startedAt: t(task.startedAt),
    startedBy: task.startedBy,
    stopCode: task.stopCode,
    stoppedAt: t(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stoppingAt: t(task.stoppingAt),
    tags: includeTags ? clone(task.tags) : undefined,
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinition.arn,
    version: task.version,
    ephemeralStorage: fargate ? { sizeInGiB: 20 } : undefined,
    fargateEphemeralStorage: fargate ? { sizeInGiB: 20 } : undefined,
  });
}
