/**
 * RegisterTaskDefinition validation and server-side defaults (reference §7): Fargate cpu/memory
 * combinations, container defaults, `requiresAttributes` and `compatibilities`. The feature →
 * attribute mapping is UNCONFIRMED in the reference; this follows the attributes seen in captures.
 */
import { clientError } from './errors.js';
import { clone, type Json } from './input.js';

/** Valid Fargate memory (MiB) per cpu unit value [D-CPUMEM]. */
const FARGATE: Record<string, number[]> = {
  '256': [512, 1024, 2048],
  '512': range(1024, 4096, 1024),
  '1024': range(2048, 8192, 1024),
  '2048': range(4096, 16384, 1024),
  '4096': range(8192, 30720, 1024),
  '8192': range(16384, 61440, 4096),
  '16384': range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** `"1 vCPU"` → `"1024"`, `"0.25 vcpu"` → `"256"`; unit strings pass through. */
export function normaliseCpu(value: string): string {
  const m = /^\s*([\d.]+)\s*vcpu\s*$/i.exec(value);
  if (m) return String(Math.round(Number(m[1]) * 1024));
  if (!/^\s*\d+\s*$/.test(value)) {
    throw clientError(
      "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
    );
  }
  return value.trim();
}

/** `"1GB"` / `"1 gb"` → `"1024"`; MiB strings pass through. */
export function normaliseMemory(value: string): string {
  const m = /^\s*([\d.]+)\s*gb\s*$/i.exec(value);
  if (m) return String(Math.round(Number(m[1]) * 1024));
  if (!/^\s*\d+\s*$/.test(value)) {
    throw clientError(
      "Invalid 'memory' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
    );
  }
  return value.trim();
}

/** Throws the ClientException texts ECS uses for an invalid Fargate definition (reference §5.2). */
export function checkFargate(td: Json): void {
  if (td.networkMode !== 'awsvpc') throw clientError('Fargate only supports network mode \u2018awsvpc\u2019.');
  if (td.cpu === undefined) throw clientError("Fargate requires that 'cpu' be defined at the task level.");
  if (td.memory === undefined) throw clientError("Fargate requires that 'memory' be defined at the task level.");
  const allowed = FARGATE[td.cpu as string];
  if (!allowed || !allowed.includes(Number(td.memory))) {
    throw clientError('No Fargate configuration exists for given values.');
  }
}

/** Fills the defaults ECS returns for each container and checks what ECS rejects. */
export function normaliseContainers(td: Json, fargate: boolean): Json[] {
  const list = td.containerDefinitions;
  if (!Array.isArray(list) || list.length === 0) {
    throw clientError('Container list cannot be empty.');
  }
  const names = new Set<string>();
  return list.map((raw) => {
    const c = clone(raw as Json);
    if (typeof c.name !== 'string' || c.name === '') throw clientError('Container.name should not be null or empty.');
    if (typeof c.image !== 'string' || c.image === '') throw clientError('Container.image should not be null or empty.');
    if (names.has(c.name)) throw clientError(`Container names must be unique within a task definition.`);
    names.add(c.name);
    if (!fargate && td.memory === undefined && c.memory === undefined && c.memoryReservation === undefined) {
      throw clientError(
        `Invalid setting for container '${c.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
      );
    }
    c.cpu ??= 0;
    c.portMappings = ((c.portMappings as Json[] | undefined) ?? []).map((p) => {
      const pm: Json = { ...p, protocol: p.protocol ?? 'tcp' };
      if (td.networkMode === 'awsvpc' || td.networkMode === 'host') {
        if (pm.hostPort !== undefined && pm.containerPort !== undefined && pm.hostPort !== pm.containerPort) {
          throw clientError(`When networkMode=${td.networkMode}, the host ports and container ports in port mappings must match.`);
        }
        if (pm.containerPort !== undefined) pm.hostPort = pm.containerPort;
      }
      return pm;
    });
    c.essential ??= true;
    c.environment ??= [];
    c.mountPoints ??= [];
    c.volumesFrom ??= [];
    c.systemControls ??= [];
    if (c.healthCheck) {
      const hc = c.healthCheck as Json;
      hc.interval ??= 30;
      hc.timeout ??= 5;
      hc.retries ??= 3;
    }
    return c;
  });
}

/** Capabilities the definition needs from a container instance (`requiresAttributes`). */
export function requiresAttributes(td: Json, containers: Json[]): { name: string }[] {
  const names = new Set<string>(['com.amazonaws.ecs.capability.docker-remote-api.1.18']);
  if (td.networkMode === 'awsvpc') names.add('ecs.capability.task-eni');
  if (td.taskRoleArn) names.add('com.amazonaws.ecs.capability.task-iam-role');
  for (const c of containers) {
    const log = c.logConfiguration as Json | undefined;
    if (log?.logDriver === 'awslogs') {
      names.add('com.amazonaws.ecs.capability.logging-driver.awslogs');
      names.add('com.amazonaws.ecs.capability.docker-remote-api.1.19');
      if (td.executionRoleArn) names.add('ecs.capability.execution-role-awslogs');
    }
    if (/\.dkr\.ecr\./.test(String(c.image)) && td.executionRoleArn) {
      names.add('ecs.capability.execution-role-ecr-pull');
      names.add('com.amazonaws.ecs.capability.ecr-auth');
    }
    if (c.healthCheck) names.add('ecs.capability.container-health-check');
    if (Array.isArray(c.dependsOn) && c.dependsOn.length > 0) names.add('ecs.capability.container-ordering');
    if (Array.isArray(c.secrets) && c.secrets.some((s: Json) => String(s.valueFrom).includes(':ssm:') || !String(s.valueFrom).startsWith('arn:'))) {
      names.add('ecs.capability.secrets.ssm.environment-variables');
    }
    if (Array.isArray(c.secrets) && c.secrets.some((s: Json) => String(s.valueFrom).includes(':secretsmanager:'))) {
      names.add('ecs.capability.secrets.asm.environment-variables');
    }
    if (Array.isArray(c.environmentFiles) && c.environmentFiles.length > 0) names.add('ecs.capability.env-files.s3');
  }
  return [...names].map((name) => ({ name }));
}

/**
 * Where the definition can run. Fargate-valid awsvpc definitions give `["EC2","FARGATE"]`,
 * bridge mode `["EXTERNAL","EC2"]` (CLI example), others `["EC2"]`.
 */
export function compatibilities(td: Json): string[] {
  const fargateOk = (() => {
    try {
      checkFargate(td);
      return true;
    } catch {
      return false;
    }
  })();
  if (fargateOk) return ['EC2', 'FARGATE'];
  if (td.networkMode === undefined || td.networkMode === 'bridge') return ['EXTERNAL', 'EC2'];
  return ['EC2'];
}
