import type { Command } from 'commander';
import { formatOption, listFormat } from './args.js';
import type { CommandHost } from './index.js';

export function registerRevisions(program: Command, host: CommandHost): void {
  program
    .command('revisions')
    .description('list the revisions of the task definition family, marking those in use; or print one revision')
    .option('--revision <n|current|latest>', 'print this revision as JSON instead of listing')
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nExamples:\n  ecsx revisions\n  ecsx revisions --format tsv\n  ecsx revisions --revision current > ecs-task-def.json\n  ecsx revisions --output json | jq \'.[] | select(.inUse)\'\n',
    )
    .action(async (o: { revision?: string; format?: string }, cmd: Command) => {
      const s = host.session(cmd);
      const { revisions } = await import('../../actions/revisions.js');
      const explicit = cmd.getOptionValueSource('format') === 'cli' ? o.format : undefined;
      await revisions(s.ctx, await s.loadConfig(), { revision: o.revision, format: listFormat(explicit, s.opts) });
    });
}
