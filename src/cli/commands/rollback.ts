import { Option, type Command } from 'commander';
import type { CommandHost } from './index.js';

export function registerRollback(program: Command, host: CommandHost): void {
  program
    .command('rollback')
    .description('put the service back on its previous task definition (stops an in-progress deployment with ROLLBACK when there is one)')
    .option('--dry-run', 'say what would be rolled back; change nothing')
    .option('--deregister-task-definition', 'deregister the revision rolled back from (default)', true)
    .option('--no-deregister-task-definition', 'keep the revision rolled back from')
    .option('--no-wait', 'do not wait for the rollback (needs --no-deregister-task-definition)')
    .addOption(new Option('--wait-until <condition>', 'stable or deployed').choices(['stable', 'deployed']).default('stable'))
    .addHelpText('after', '\nExamples:\n  ecsx rollback\n  ecsx rollback --dry-run\n  ecsx rollback --no-deregister-task-definition --no-wait\n')
    .action(async (o: { dryRun?: boolean; deregisterTaskDefinition: boolean; wait: boolean; waitUntil: string }, cmd: Command) => {
      const s = host.session(cmd);
      const { rollback } = await import('../../actions/rollback.js');
      const loaded = await s.loadConfig();
      await rollback(s.ctx, loaded, o);
    });
}
