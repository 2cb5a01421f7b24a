import type { Command } from 'commander';
import type { CommandHost } from './index.js';

export function registerRegister(program: Command, host: CommandHost): void {
  program
    .command('register')
    .description('register the task definition as a new revision (without touching the service)')
    .option('--dry-run', 'print the task definition that would be registered; register nothing')
    .option('--print', 'print the registered task definition as JSON (ecspresso: register --output)')
    .addHelpText('after', '\nExamples:\n  ecsx register\n  ecsx register --dry-run\n  ecsx register --print > registered.json\n  ecsx register --output json | jq -r .name\n')
    .action(async (o: { dryRun?: boolean; print?: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { register } = await import('../../actions/register.js');
      await register(s.ctx, await s.loadConfig(), { dryRun: o.dryRun, print: o.print });
    });
}
