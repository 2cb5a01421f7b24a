/**
 * Task definitions of Express services (express-mode.md §3.1 item 2, §2.2): the managed one ECS
 * registers from the Express parameters, and the checks on a customer's own (`taskDefinitionArn`).
 *
 * The managed definition: family = the service name (the sandbox's choice; the real naming is not
 * documented), one essential container `Main` with a single named TCP port, init process on,
 * stopTimeout 30 s, versionConsistency enabled, awslogs non-blocking with a 25m buffer, Fargate,
 * awsvpc, LINUX/X86_64 unless `cpuArchitecture` says ARM64.
 */
import type { EngineContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import { compact, type Json } from '../input.js';
import { findTaskDefinition, resolveLaunchableTaskDefinition, taskDefinitionOperations } from '../task-definitions.js';
import type { ExpressConfig } from './store.js';
import { MANAGED_TAG } from './store.js';

export const MAIN = 'Main';

/** Registers the managed task definition for `cfg` and returns its ARN. */
export function registerManagedTaskDefinition(ctx: EngineContext, family: string, cfg: ExpressConfig): string {
  const c = cfg.primaryContainer!;
  const port = c.containerPort as number;
  const logs = c.awsLogsConfiguration as Json;
  const container = compact({
    name: MAIN,
    image: c.image,
    repositoryCredentials: c.repositoryCredentials,
    portMappings: [{ name: `${MAIN.toLowerCase()}-${port}-tcp`, containerPort: port, protocol: 'tcp' }],
    essential: true,
    command: c.command,
    environment: c.environment ?? [],
    secrets: c.secrets,
    linuxParameters: { initProcessEnabled: true },
    stopTimeout: 30,
    versionConsistency: 'enabled',
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': logs.logGroup,
        'awslogs-region': ctx.region,
        'awslogs-stream-prefix': logs.logStreamPrefix,
        mode: 'non-blocking',
        'max-buffer-size': '25m',
      },
    },
  });
  const out = taskDefinitionOperations.RegisterTaskDefinition!(ctx, {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: cfg.cpu,
    memory: cfg.memory,
    executionRoleArn: cfg.executionRoleArn,
    taskRoleArn: cfg.taskRoleArn,
    runtimePlatform: { cpuArchitecture: cfg.cpuArchitecture ?? 'X86_64', operatingSystemFamily: 'LINUX' },
    containerDefinitions: [container],
    tags: [MANAGED_TAG],
  }) as { taskDefinition: Json };
  return out.taskDefinition.taskDefinitionArn as string;
}

/**
 * A customer task definition must have a container `Main` with exactly one TCP port mapping that
 * has a containerPort and a name, and be Fargate-compatible (§2.2). Returns what Express reads
 * from it: ARN, cpu, memory and the container port.
 */
export function checkCustomTaskDefinition(ctx: EngineContext, ref: string): { arn: string; cpu: string; memory: string; containerPort: number } {
  const td = resolveLaunchableTaskDefinition(ctx, ref);
  const main = ((td.body.containerDefinitions as Json[]) ?? []).find((c) => c.name === MAIN);
  const mappings = ((main?.portMappings as Json[] | undefined) ?? []).filter((p) => (p.protocol ?? 'tcp') === 'tcp');
  const mapping = mappings.length === 1 && ((main!.portMappings as Json[]).length === 1) ? mappings[0] : undefined;
  if (!main || !mapping || typeof mapping.containerPort !== 'number' || typeof mapping.name !== 'string') {
    throw invalidParameter("Task definition must contain a container named 'Main' with a single TCP port mapping.");
  }
  if (!(td.body.compatibilities as string[]).includes('FARGATE')) {
    throw invalidParameter('Task definition does not support launch_type FARGATE.');
  }
  return { arn: td.arn, cpu: td.body.cpu as string, memory: td.body.memory as string, containerPort: mapping.containerPort };
}

/** The container port of a configuration: from the managed container, or the customer's definition. */
export function containerPortOf(ctx: EngineContext, cfg: ExpressConfig): number {
  if (cfg.primaryContainer) return cfg.primaryContainer.containerPort as number;
  const td = findTaskDefinition(ctx, cfg.taskDefinitionArn);
  const main = ((td?.body.containerDefinitions as Json[] | undefined) ?? []).find((c) => c.name === MAIN);
  return ((main?.portMappings as Json[] | undefined)?.[0]?.containerPort as number | undefined) ?? 80;
}
