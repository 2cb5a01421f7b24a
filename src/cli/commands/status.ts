import type { Command } from 'commander';
import { wholeNumber } from './args.js';
import type { CommandHost } from './index.js';

export function registerStatus(program: Command, host: CommandHost): void {
  program
    .command('status')
    .description('show the service: task definition, deployments, task sets, auto scaling and recent events')
    .option('--events <n>', 'how many recent service events to show', wholeNumber(0), 10)
    .addHelpText('after', '\nExamples:\n  ecsx status\n  ecsx status --events 30\n  ecsx status --output json | jq .deployments\n')
    .action(async (o: { events: number }, cmd: Command) => {
      const s = host.session(cmd);
      const { status } = await import('../../actions/status.js');
      await status(s.ctx, await s.loadConfig(), { events: o.events });
    });
}
