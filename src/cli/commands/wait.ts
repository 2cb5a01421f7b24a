import { Option, type Command } from 'commander';
import type { CommandHost } from './index.js';
import { waitUntilHelp } from './deploy.js';

export function registerWait(program: Command, host: CommandHost): void {
  program
    .command('wait')
    .description('watch the service until it is stable (or its deployment is deployed), changing nothing')
    .addOption(new Option('--wait-until <condition>', waitUntilHelp).default('stable'))
    .addOption(new Option('--until <condition>', 'alias of --wait-until (ecspresso)').hideHelp())
    .addHelpText('after', '\nExit codes: 0 done; 3 the deployment was rolled back; 4 failed or timed out (--timeout, config timeout); 130 interrupted.\n\nExamples:\n  ecsx wait\n  ecsx wait --until deployed --timeout 15m\n')
    .action(async (o: { waitUntil: string; until?: string }, cmd: Command) => {
      const s = host.session(cmd);
      const { wait } = await import('../../actions/wait.js');
      const loaded = await s.loadConfig();
      await wait(s.ctx, loaded, { waitUntil: o.until ?? o.waitUntil });
    });
}
