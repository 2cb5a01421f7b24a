import type { Command } from 'commander';
import type { CommandHost } from './index.js';
import { waitUntilHelp } from './deploy.js';

export function registerRefresh(program: Command, host: CommandHost): void {
  program
    .command('refresh')
    .description('replace every task with a fresh one of the same task definition (force a new deployment) and wait')
    .option('--dry-run', 'print the API inputs; change nothing')
    .option('--no-wait', 'do not wait for the new deployment')
    .option('--wait-until <condition>', waitUntilHelp, 'deployed')
    .addHelpText('after', '\nExamples:\n  ecsx refresh            # pick up a new image pushed under the same tag\n  ecsx refresh --no-wait\n')
    .action(async (o: { dryRun?: boolean; wait: boolean; waitUntil: string }, cmd: Command) => {
      const s = host.session(cmd);
      const { refresh } = await import('../../actions/refresh.js');
      const loaded = await s.loadConfig();
      await refresh(s.ctx, loaded, o);
    });
}
