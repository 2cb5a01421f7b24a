import { InvalidArgumentError, type Command } from 'commander';
import { parseDuration } from '../../config/duration.js';
import { formatOption, listFormat } from './args.js';
import type { CommandHost } from './index.js';
import { withTerminalPrompts } from './prompt.js';

const duration = (v: string) => {
  try {
    return parseDuration(v);
  } catch {
    throw new InvalidArgumentError('expected a duration such as 30s, 5m or 1h');
  }
};

export function registerTasks(program: Command, host: CommandHost): void {
  const tasks = program
    .command('tasks')
    .description("list, inspect, stop and read the logs of the service's tasks (default: list)")
    .addHelpText('after', '\nExamples:\n  ecsx tasks\n  ecsx tasks find --id 45e4fb1b…\n  ecsx tasks stop --id 45e4fb1b… --force\n  ecsx tasks logs --follow --container app\n');

  tasks
    .command('list', { isDefault: true })
    .description('list the running tasks (newest first)')
    .option('--id <task>', 'only this task (id or ARN; it may have stopped)')
    .option('--stopped', 'include stopped tasks (ECS keeps them about an hour)')
    .addOption(formatOption())
    .action(async (o: { id?: string; stopped?: boolean; format?: string }, cmd: Command) => {
      const s = host.session(cmd);
      const { listTasks } = await import('../../actions/tasks.js');
      const explicit = cmd.getOptionValueSource('format') === 'cli' ? o.format : undefined;
      await listTasks(s.ctx, await s.loadConfig(), { id: o.id, stopped: o.stopped, format: listFormat(explicit, s.opts) });
    });

  tasks
    .command('find')
    .description('print one task in full (DescribeTasks) as JSON: the one with --id, or the only one')
    .option('--id <task>', 'the task id or ARN')
    .option('--stopped', 'consider stopped tasks too')
    .action(async (o: { id?: string; stopped?: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { findTask } = await import('../../actions/tasks.js');
      await findTask(s.ctx, await s.loadConfig(), o);
    });

  tasks
    .command('stop')
    .description('stop one task: the one with --id, or the only one (asks first)')
    .option('--id <task>', 'the task id or ARN')
    .option('--force', 'do not ask (needed without a terminal)')
    .option('--reason <text>', 'the stopped reason ECS records', 'Task stopped by ecsx')
    .action(async (o: { id?: string; force?: boolean; reason?: string }, cmd: Command) => {
      const s = host.session(cmd);
      const { stopTask } = await import('../../actions/tasks.js');
      await stopTask({ ...s.ctx, io: withTerminalPrompts(s.io) }, await s.loadConfig(), o);
    });

  tasks
    .command('logs')
    .description("print the tasks' container logs (awslogs driver) from CloudWatch Logs")
    .option('--id <task>', 'only this task (it may have stopped)')
    .option('--container <name>', 'only this container')
    .option('--duration <duration>', 'start this long ago (default: 1m)', duration, 60_000)
    .option('--follow', 'keep printing new events until Ctrl-C')
    .action(async (o: { id?: string; container?: string; duration: number; follow?: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { taskLogs } = await import('../../actions/tasks.js');
      await taskLogs(s.ctx, await s.loadConfig(), { id: o.id, container: o.container, durationMs: o.duration, follow: o.follow });
    });
}
