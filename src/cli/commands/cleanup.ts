import type { Command } from 'commander';
import type { CommandHost } from './index.js';

/** `ecsx cleanup`: remove what an Express delete left behind. */
export function registerCleanup(program: Command, host: CommandHost): void {
  program
    .command('cleanup')
    .description('Express: remove the managed resources a delete left behind (only this service\'s, tagged AmazonECSManaged=true; never a shared load balancer)')
    .option('--dry-run', 'report what would be removed; remove nothing')
    .option('--purge-logs', 'also delete the service\'s log group (Express keeps it)')
    .addHelpText('after', '\nThe service must be deleted (DRAINING is waited for). Roles ecsx created for it (init --create-roles) go too.\n\nExamples:\n  ecsx cleanup --dry-run\n  ecsx cleanup --purge-logs\n')
    .action(async (o: { dryRun?: boolean; purgeLogs?: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { cleanup } = await import('../../actions/cleanup.js');
      await cleanup(s.ctx, await s.loadConfig(), o);
    });
}
