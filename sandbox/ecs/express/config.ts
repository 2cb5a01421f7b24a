/**
 * Express configuration: reading Create/Update input with AWS's validation, the server-side
 * defaults (express-mode.md §4.2), Update's merge semantics (§5.2) and the rendered
 * ExpressGatewayServiceConfiguration (§5.3: environment and secrets sorted by name, the managed
 * security group appended to the customer's).
 *
 * Defaults conflict between the model docs and the developer guide (§4.2); the sandbox follows
 * the developer guide and what ecspresso diffs against: cpu 1024, memory 2048, health check "/",
 * port 80, scaling 1–20 tasks on average CPU at 60 %, log stream prefix "ecs".
 */
import { invalidParameter } from '../errors.js';
import { clone, compact, optEnum, optInt, optList, optObject, optString, reqString, secs, type Json } from '../input.js';
import { checkFargate, normaliseCpu, normaliseMemory } from '../task-definition-rules.js';
import type { ExpressConfig, ExpressService } from './store.js';

export const DEFAULTS = {
  cpu: '1024',
  memory: '2048',
  healthCheckPath: '/',
  containerPort: 80,
  logStreamPrefix: 'ecs',
  scalingTarget: { minTaskCount: 1, maxTaskCount: 20, autoScalingMetric: 'AVERAGE_CPU', autoScalingTargetValue: 60 },
};

const METRICS = ['AVERAGE_CPU', 'AVERAGE_MEMORY', 'REQUEST_COUNT_PER_TARGET'] as const;
const TD_FIELDS = ['primaryContainer', 'executionRoleArn', 'taskRoleArn', 'cpu', 'memory'] as const;

/** taskDefinitionArn rules (express-mode.md §2.2, from the troubleshooting guide). */
function checkTaskDefinitionArn(input: Json): void {
  if (input.taskDefinitionArn === undefined) return;
  if (TD_FIELDS.some((k) => input[k] !== undefined)) {
    throw invalidParameter('taskDefinitionArn cannot be provided with primaryContainer, executionRoleArn, taskRoleArn, cpu, or memory.');
  }
  if (input.cpuArchitecture !== undefined) throw invalidParameter("You can't specify cpuArchitecture together with taskDefinitionArn.");
}

/** Validates a primaryContainer input (image is required whenever it is sent, §5.2). */
function readContainer(raw: Json): Json {
  const c = clone(raw);
  reqString(c, 'image');
  const port = optInt(c, 'containerPort', 1, 65535);
  if (port !== undefined) c.containerPort = port;
  const logs = optObject(c, 'awsLogsConfiguration');
  if (logs) {
    reqString(logs, 'logGroup');
    reqString(logs, 'logStreamPrefix');
  }
  for (const e of optList<Json>(c, 'environment') ?? []) {
    if (typeof e?.name !== 'string' || e.name === '') throw invalidParameter('Environment variable names can not be blank.');
  }
  for (const s of optList<Json>(c, 'secrets') ?? []) {
    if (typeof s?.name !== 'string' || typeof s?.valueFrom !== 'string') throw invalidParameter('Secrets require a name and a valueFrom.');
  }
  return c;
}

function readScaling(raw: Json | undefined, base: ExpressConfig['scalingTarget']): ExpressConfig['scalingTarget'] {
  if (!raw) return { ...base };
  const out = {
    minTaskCount: optInt(raw, 'minTaskCount', 0) ?? base.minTaskCount,
    maxTaskCount: optInt(raw, 'maxTaskCount', 1) ?? base.maxTaskCount,
    autoScalingMetric: optEnum(raw, 'autoScalingMetric', METRICS) ?? base.autoScalingMetric,
    autoScalingTargetValue: optInt(raw, 'autoScalingTargetValue', 1) ?? base.autoScalingTargetValue,
  };
  // Wording of these three is UNCONFIRMED; the limits are from the developer guide (§3.1).
  if (out.minTaskCount > out.maxTaskCount) throw invalidParameter('minTaskCount must be less than or equal to maxTaskCount.');
  const max = out.autoScalingMetric === 'REQUEST_COUNT_PER_TARGET' ? 65536 : 100;
  if (out.autoScalingTargetValue > max) throw invalidParameter(`autoScalingTargetValue must be between 1 and ${max} for ${out.autoScalingMetric}.`);
  return out;
}

function readCpuMemory(cpu: string, memory: string): { cpu: string; memory: string } {
  const out = { cpu: normaliseCpu(cpu), memory: normaliseMemory(memory) };
  checkFargate({ networkMode: 'awsvpc', ...out }); // Express is Fargate only (§4.3)
  return out;
}

function readHealthCheckPath(input: Json, fallback: string): string {
  const path = optString(input, 'healthCheckPath') ?? fallback;
  if (!path.startsWith('/')) throw invalidParameter('healthCheckPath must start with a forward slash (/).'); // wording UNCONFIRMED
  return path;
}

/** `nginx:1.27` → `nginx-1234`: "derived from the image name" (§4.2). */
export function serviceNameFromImage(image: string): string {
  const base = (image.split('@')[0]!.split('/').pop() ?? 'service').split(':')[0]!.replace(/[^a-zA-Z0-9_-]/g, '-').slice(0, 240) || 'service';
  return `${base}-${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
}

export interface CreateRequest {
  serviceName: string;
  cluster?: string;
  infrastructureRoleArn: string;
  config: ExpressConfig;
}

/**
 * Reads CreateExpressGatewayService input into a configuration with every default filled.
 * `taskDefinitionArn` stays empty for a managed task definition (registered later).
 */
export function readCreate(input: Json, now: number): CreateRequest {
  const infrastructureRoleArn = reqString(input, 'infrastructureRoleArn');
  checkTaskDefinitionArn(input);
  const taskDefinitionArn = optString(input, 'taskDefinitionArn');
  const container = optObject(input, 'primaryContainer');
  // The newer model makes these optional because of taskDefinitionArn (§2.2); wording UNCONFIRMED.
  if (!taskDefinitionArn && !container) throw invalidParameter('primaryContainer is required when taskDefinitionArn is not provided.');
  if (!taskDefinitionArn && !optString(input, 'executionRoleArn')) {
    throw invalidParameter('executionRoleArn is required when taskDefinitionArn is not provided.');
  }
  const primaryContainer = container ? readContainer(container) : undefined;
  const serviceName = optString(input, 'serviceName') ?? serviceNameFromImage((primaryContainer?.image as string) ?? 'service');
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(serviceName)) {
    throw invalidParameter('Service name can have up to 255 characters: letters, numbers, hyphens and underscores.');
  }
  const network = optObject(input, 'networkConfiguration') ?? {};
  const { cpu, memory } = taskDefinitionArn ? { cpu: '', memory: '' } : readCpuMemory(optString(input, 'cpu') ?? DEFAULTS.cpu, optString(input, 'memory') ?? DEFAULTS.memory);
  return {
    serviceName,
    cluster: optString(input, 'cluster'),
    infrastructureRoleArn,
    config: {
      executionRoleArn: optString(input, 'executionRoleArn'),
      taskRoleArn: optString(input, 'taskRoleArn'),
      taskDefinitionArn: taskDefinitionArn ?? '',
      customTaskDefinition: Boolean(taskDefinitionArn),
      cpu,
      memory,
      securityGroups: [...new Set((optList<string>(network, 'securityGroups') ?? []).map(String))],
      subnets: [...new Set((optList<string>(network, 'subnets') ?? []).map(String))],
      healthCheckPath: readHealthCheckPath(input, DEFAULTS.healthCheckPath),
      primaryContainer,
      scalingTarget: readScaling(optObject(input, 'scalingTarget'), DEFAULTS.scalingTarget),
      cpuArchitecture: optEnum(input, 'cpuArchitecture', ['X86_64', 'ARM64'] as const),
      createdAt: now,
    },
  };
}

/** Fills the container defaults that depend on the service (the managed log group). */
export function withContainerDefaults(container: Json, logGroupName: string): Json {
  return {
    ...container,
    containerPort: container.containerPort ?? DEFAULTS.containerPort,
    awsLogsConfiguration: container.awsLogsConfiguration ?? { logGroup: logGroupName, logStreamPrefix: DEFAULTS.logStreamPrefix },
  };
}

/**
 * UpdateExpressGatewayService on top of the previous configuration. Fields sent replace the old
 * ones; fields omitted keep their values. Inside primaryContainer the same holds per member, lists
 * included: send `[]` to clear environment, secrets or command (inferred from ecspresso, §5.2).
 */
export function mergeUpdate(prev: ExpressConfig, input: Json, now: number): ExpressConfig {
  checkTaskDefinitionArn(input);
  const next: ExpressConfig = { ...clone(prev), createdAt: now };
  const taskDefinitionArn = optString(input, 'taskDefinitionArn');
  if (taskDefinitionArn) {
    Object.assign(next, { taskDefinitionArn, customTaskDefinition: true, primaryContainer: undefined, executionRoleArn: undefined, taskRoleArn: undefined });
  }
  const container = optObject(input, 'primaryContainer');
  if (container) {
    const c = readContainer(container);
    next.primaryContainer = prev.customTaskDefinition ? c : { ...prev.primaryContainer, ...c };
  }
  for (const key of ['executionRoleArn', 'taskRoleArn'] as const) {
    const v = optString(input, key);
    if (v !== undefined) next[key] = v;
  }
  if (next.customTaskDefinition && !taskDefinitionArn && TD_FIELDS.some((k) => input[k] !== undefined)) {
    // Express parameters on a customer task definition: Express takes the definition over (§2.2).
    if (!next.primaryContainer) throw invalidParameter('primaryContainer is required when taskDefinitionArn is not provided.');
    if (!next.executionRoleArn) throw invalidParameter('executionRoleArn is required when taskDefinitionArn is not provided.');
    next.customTaskDefinition = false;
    next.cpu ||= DEFAULTS.cpu;
    next.memory ||= DEFAULTS.memory;
  }
  if (!next.customTaskDefinition) Object.assign(next, readCpuMemory(optString(input, 'cpu') ?? next.cpu, optString(input, 'memory') ?? next.memory));
  next.healthCheckPath = readHealthCheckPath(input, prev.healthCheckPath);
  const network = optObject(input, 'networkConfiguration');
  if (network?.securityGroups !== undefined) next.securityGroups = [...new Set(optList<string>(network, 'securityGroups')!.map(String))];
  if (network?.subnets !== undefined) next.subnets = [...new Set(optList<string>(network, 'subnets')!.map(String))];
  next.scalingTarget = readScaling(optObject(input, 'scalingTarget'), prev.scalingTarget);
  return next;
}

/** Whether the task definition has to change between two configurations. */
export function taskDefinitionChanged(prev: ExpressConfig, next: ExpressConfig): boolean {
  if (next.customTaskDefinition) return next.taskDefinitionArn !== prev.taskDefinitionArn;
  const pick = (c: ExpressConfig) => JSON.stringify([c.primaryContainer, c.executionRoleArn, c.taskRoleArn, c.cpu, c.memory, c.cpuArchitecture, c.customTaskDefinition]);
  return pick(prev) !== pick(next);
}

const byName = (a: Json, b: Json) => String(a.name).localeCompare(String(b.name));

/** The ExpressGatewayServiceConfiguration of one revision, as Describe returns it (§5.3). */
export function renderConfig(svc: ExpressService, revisionArn: string, cfg: ExpressConfig): Json {
  let container: Json | undefined;
  if (cfg.primaryContainer) {
    container = clone(cfg.primaryContainer);
    if (Array.isArray(container.environment)) container.environment = [...(container.environment as Json[])].sort(byName);
    if (Array.isArray(container.secrets)) container.secrets = [...(container.secrets as Json[])].sort(byName);
  }
  return compact({
    serviceRevisionArn: revisionArn,
    executionRoleArn: cfg.executionRoleArn,
    taskRoleArn: cfg.taskRoleArn,
    taskDefinitionArn: cfg.taskDefinitionArn,
    cpu: cfg.cpu || undefined,
    memory: cfg.memory || undefined,
    // Express attaches its own security group and reports it with the customer's (§3.2, §6.3).
    networkConfiguration: { securityGroups: [...cfg.securityGroups, svc.resources.serviceSecurityGroup.id], subnets: [...cfg.subnets] },
    healthCheckPath: cfg.healthCheckPath,
    primaryContainer: container,
    scalingTarget: { ...cfg.scalingTarget },
    ingressPaths: [{ accessType: svc.accessType, endpoint: `https://${svc.host}` }],
    createdAt: secs(cfg.createdAt),
  });
}
