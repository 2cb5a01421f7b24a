import type { Command } from 'commander';
import { wholeNumber } from './args.js';
import type { CommandHost } from './index.js';
import { withTerminalPrompts } from './prompt.js';

export function registerDeregister(program: Command, host: CommandHost): void {
  program
    .command('deregister')
    .description('deregister (and optionally delete) task definition revisions that are not in use')
    .option('--revision <n|latest>', 'deregister this revision')
    .option('--keeps <n>', 'keep the N newest revisions not in use; deregister the other unused ones', wholeNumber(0))
    .option('--delete', 'also delete the deregistered revisions (DeleteTaskDefinitions)')
    .option('--force', 'do not ask for confirmation (needed without a terminal)')
    .option('--dry-run', 'show what would be deregistered; change nothing')
    .addHelpText(
      'after',
      '\nOne of --revision and --keeps is required. Revisions in use by the service or by running tasks are never deregistered.\n\nExamples:\n  ecsx deregister --revision 41 --force\n  ecsx deregister --keeps 5 --dry-run\n  ecsx deregister --keeps 5 --delete --force\n',
    )
    .action(async (o: { revision?: string; keeps?: number; delete?: boolean; force?: boolean; dryRun?: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { deregister } = await import('../../actions/deregister.js');
      await deregister({ ...s.ctx, io: withTerminalPrompts(s.io) }, await s.loadConfig(), o);
    });
}
