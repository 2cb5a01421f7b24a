/**
 * awslogs output: containers whose logConfiguration uses the `awslogs` driver get a few plausible
 * lines in moto's CloudWatch Logs, in group `awslogs-group` and stream
 * `<awslogs-stream-prefix>/<container>/<task id>`. An exit scenario's last lines say why.
 */
import type { EngineContext } from './context.js';
import type { Json } from './input.js';
import type { ContainerRecord, TaskRecord } from './store.js';

export function streamName(prefix: string | undefined, container: string, taskId: string): string {
  return prefix ? `${prefix}/${container}/${taskId}` : taskId;
}

export function writeContainerLogs(ctx: EngineContext, task: TaskRecord, container: ContainerRecord, lines: string[]): void {
  const log = container.definition.logConfiguration as Json | undefined;
  if (log?.logDriver !== 'awslogs' || lines.length === 0) return;
  const options = (log.options ?? {}) as Record<string, string>;
  const group = options['awslogs-group'];
  if (!group) return;
  const now = ctx.now();
  const write = {
    region: options['awslogs-region'],
    group,
    stream: streamName(options['awslogs-stream-prefix'], container.name, task.id),
    createGroup: options['awslogs-create-group'] === 'true',
    events: lines.map((message, i) => ({ timestamp: now + i, message })),
  };
  ctx.effects.enqueue('awslogs', (fx) => fx.writeLogs(write));
}

/** What a container "prints" when it starts. */
export function startupLines(container: ContainerRecord): string[] {
  const ports = ((container.definition.portMappings as Json[] | undefined) ?? []).map((p) => p.containerPort);
  return [
    `Starting ${container.name} (${container.image})`,
    ...ports.map((p) => `Listening on 0.0.0.0:${p}`),
    'Ready to accept connections',
  ];
}

export const shutdownLines = (): string[] => ['Received SIGTERM, shutting down gracefully', 'Shutdown complete'];

export const exitLines = (exitCode: number): string[] => [
  'Error: unrecoverable error, exiting',
  `Process exited with code ${exitCode}`,
];
