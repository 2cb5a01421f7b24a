import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandHost } from './index.js';
import type { Session } from '../session.js';

/** Commander parser for whole numbers (negative allowed: `--tasks -1`). */
export function intArg(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n)) throw new InvalidArgumentError(`expected a whole number, got "${v}"`);
  return n;
}

/** Whether to colour a diff: `--color` not turned off, NO_COLOR unset, stdout a terminal, text output. */
export function diffColor(s: Session): boolean {
  return s.opts.color !== false && !s.env.NO_COLOR && s.opts.output !== 'json' && s.opts.logFormat !== 'json' && Boolean(process.stdout.isTTY);
}

/** `--wait-until` with its ecspresso alias `--until` for wait. */
export const waitUntilHelp = 'stable (one deployment, all tasks running), deployed (the new deployment completed) or ecs:<STAGE> (a BLUE_GREEN/LINEAR/CANARY lifecycle stage, e.g. ecs:BAKE_TIME)';

interface DeployFlags {
  dryRun?: boolean;
  replace?: boolean;
  tasks: number;
  skipTaskDefinition?: boolean;
  revision?: number;
  latestTaskDefinition?: boolean;
  forceNewDeployment?: boolean;
  updateService: boolean;
  wait: boolean;
  waitUntil: string;
  suspendAutoScaling?: boolean;
  resumeAutoScaling?: boolean;
  autoScalingMin?: number;
  autoScalingMax?: number;
}

export function registerDeploy(program: Command, host: CommandHost): void {
  addAutoScalingOptions(program.command('deploy'))
    .description('register the task definition, create or update the service (one UpdateService call) and watch the rollout')
    .option('--dry-run', 'print the diff and the exact API inputs; change nothing')
    .option('--tasks <n>', 'desired count (-1: the service definition\'s desiredCount; none there leaves it unchanged)', intArg, -1)
    .option('--skip-task-definition', 'deploy the task definition the service runs now instead of registering the local one')
    .option('--revision <n>', 'deploy revision N of the family (implies --skip-task-definition)', intArg)
    .option('--latest-task-definition', 'deploy the latest registered revision of the family')
    .option('--force-new-deployment', 'start a new deployment even if nothing changed (new tasks, same definition)')
    .option('--no-update-service', 'do not apply the service definition\'s attributes and tags; change only task definition and count')
    .option('--no-wait', 'return once the service is updated, without watching the rollout')
    .option('--wait-until <condition>', waitUntilHelp, 'deployed')
    .option('--replace', 'Express: when an immutable field (infrastructure role) changed, delete the service, wait until INACTIVE and create it again (its URL changes)')
    .addHelpText(
      'after',
      '\nExit codes: 0 deployed; 2 bad input (nothing changed); 3 failed and ECS rolled back to the previous revision;\n' +
        '4 failed or timed out (state not confirmed); 130 interrupted (the deployment goes on in ECS).\n\n' +
        'Examples:\n  ecsx deploy\n  ecsx deploy --dry-run\n  ecsx deploy --tasks 4 --wait-until stable\n  ecsx deploy --skip-task-definition --force-new-deployment\n',
    )
    .action(async (o: DeployFlags, cmd: Command) => {
      const s = host.session(cmd);
      const { deploy } = await import('../../actions/deploy.js');
      const loaded = await s.loadConfig();
      await deploy(s.ctx, loaded, { ...o, color: diffColor(s) });
    });
}

/** The auto-scaling flags deploy and scale share (ecspresso's), on `cmd`. */
export function addAutoScalingOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--suspend-auto-scaling', 'suspend the service\'s auto scaling (scale-in, scale-out, scheduled)').conflicts('resumeAutoScaling'))
    .option('--resume-auto-scaling', 'resume the service\'s auto scaling')
    .option('--auto-scaling-min <n>', 'set the auto-scaling minimum capacity', intArg)
    .option('--auto-scaling-max <n>', 'set the auto-scaling maximum capacity', intArg);
}
