import type { Command } from 'commander';
import type { CommandHost } from './index.js';
import { withTerminalPrompts } from './prompt.js';

export function registerDelete(program: Command, host: CommandHost): void {
  program
    .command('delete')
    .description('delete the service (asks you to type its name) and wait until it is INACTIVE')
    .option('--force', 'do not ask for the service name (needed without a terminal, e.g. in CI)')
    .option('--terminate', 'delete even with tasks running: ECS stops them (DeleteService force)')
    .option('--dry-run', 'show what would be deleted; change nothing')
    .option('--no-wait', 'return once ECS accepted the deletion, without waiting for INACTIVE')
    .option('--purge', 'Express: also remove the managed resources Express left behind (only this service\'s, never a shared load balancer) and the IAM roles ecsx created')
    .option('--purge-logs', 'Express: also delete the service\'s log group (Express keeps it)')
    .addHelpText('after', '\nExamples:\n  ecsx delete\n  ecsx delete --terminate --force      # CI: stop tasks, no question\n  ecsx delete --dry-run\n  ecsx delete --force --purge          # Express: and remove what was left behind\n')
    .action(async (o: { force?: boolean; terminate?: boolean; dryRun?: boolean; wait?: boolean; purge?: boolean; purgeLogs?: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { deleteService } = await import('../../actions/delete.js');
      await deleteService({ ...s.ctx, io: withTerminalPrompts(s.io) }, await s.loadConfig(), o);
    });
}
