import { Option, type Command } from 'commander';
import type { CommandHost } from './index.js';
import { diffColor } from './deploy.js';

export function registerDiff(program: Command, host: CommandHost): void {
  program
    .command('diff')
    .description('show what a deploy would change: the service and task definitions against what runs in ECS')
    .option('--exit-code', 'exit with code 5 when there are differences (for CI)')
    .option('--external <command>', 'run this diff tool with the remote and the local file (env ECSX_DIFF_COMMAND, ECSPRESSO_DIFF_COMMAND)')
    .option('--without-service', 'compare the task definition only')
    // ecspresso's `--with-service` is the default; accepted so its scripts keep working.
    .addOption(new Option('--with-service').hideHelp())
    .option('--no-unified', 'accepted for ecspresso compatibility; the output is always unified')
    .addHelpText('after', '\nExamples:\n  ecsx diff\n  ecsx diff --exit-code || echo "changes pending"\n  ecsx diff --external "difft --color always"\n  ecsx diff --output json\n')
    .action(async (o: { exitCode?: boolean; external?: string; withoutService?: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { diff, diffData } = await import('../../actions/diff.js');
      const external = o.external ?? s.env.ECSX_DIFF_COMMAND ?? s.env.ECSPRESSO_DIFF_COMMAND;
      const json = s.opts.output === 'json' || s.opts.logFormat === 'json';
      const r = await diff(s.ctx, await s.loadConfig(), {
        exitCode: o.exitCode,
        // JSON output is the structured change list; an external tool's text has no place in it.
        external: json ? undefined : external || undefined,
        withoutService: o.withoutService,
        color: diffColor(s),
      });
      // Text output prints nothing when nothing differs (as ecspresso does); JSON output always prints a result.
      if (json && !r.changed) await s.io.notify({ code: 'ECSX_DIFF', level: 'result', message: '', time: s.ctx.clock.now(), data: diffData(r) });
    });
}
