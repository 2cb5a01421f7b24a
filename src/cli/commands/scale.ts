import type { Command } from 'commander';
import type { CommandHost } from './index.js';
import { addAutoScalingOptions, intArg, waitUntilHelp } from './deploy.js';

export function registerScale(program: Command, host: CommandHost): void {
  addAutoScalingOptions(program.command('scale'))
    .description('change the desired count (and auto-scaling limits) of the service and wait until it is stable')
    .option('--tasks <n>', 'desired count (-1: the service definition\'s desiredCount)', intArg, -1)
    .option('--dry-run', 'print the API inputs; change nothing')
    .option('--no-wait', 'do not wait until the service is stable')
    .option('--wait-until <condition>', waitUntilHelp, 'stable')
    .addHelpText('after', '\nExamples:\n  ecsx scale --tasks 6\n  ecsx scale --tasks 0\n  ecsx scale --auto-scaling-min 2 --auto-scaling-max 10\n')
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const s = host.session(cmd);
      const { scale } = await import('../../actions/scale.js');
      const loaded = await s.loadConfig();
      await scale(s.ctx, loaded, o);
    });
}
