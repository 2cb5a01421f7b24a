import type { Command } from 'commander';
import type { CommandHost } from './index.js';
import { diffColor } from './deploy.js';

export function registerVerify(program: Command, host: CommandHost): void {
  program
    .command('verify')
    .description('check everything the definitions reference exists and fits: cluster, roles, secrets, log groups, subnets, security groups, target groups')
    .option('--no-get-secrets', 'do not check secrets and parameters')
    .option('--no-put-logs', 'accepted for ecspresso compatibility (ecsx never writes test logs)')
    .option('--no-cache', 'accepted for ecspresso compatibility')
    .addHelpText('after', '\nEach line is OK, NG (wrong), WARN (could not check, e.g. no permission) or SKIP (not checked).\nExit codes: 0 nothing NG; 1 something is NG; 2 bad config.\n\nExamples:\n  ecsx verify\n  ecsx verify --no-get-secrets\n')
    .action(async (o: { getSecrets: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { verify } = await import('../../actions/verify.js');
      const r = await verify(s.ctx, await s.loadConfig(), { getSecrets: o.getSecrets, color: diffColor(s) });
      if (!r.ok) host.setExitCode(1);
    });
}
