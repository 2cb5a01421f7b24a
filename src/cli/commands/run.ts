import { Option, type Command } from 'commander';
import type { CommandHost } from './index.js';
import { intArg } from './deploy.js';

export function registerRun(program: Command, host: CommandHost): void {
  program
    .command('run')
    .description('run a one-off task with the service\'s network settings, follow its logs and exit with its container\'s exit code')
    .option('--dry-run', 'print the API inputs; change nothing')
    .option('--task-def <file>', 'register and run this task definition file instead of the config\'s')
    .option('--no-wait', 'return once the task is started')
    .addOption(new Option('--wait-until <state>', 'wait until the task is running or stopped').choices(['running', 'stopped']).default('stopped'))
    .option('--overrides <json>', 'task overrides (TaskOverride JSON), e.g. {"containerOverrides":[{"name":"app","command":["migrate"]}]}')
    .option('--overrides-file <file>', 'task overrides from a JSON or Jsonnet file (templated like definitions)')
    .option('--skip-task-definition', 'run the task definition the service runs (or the family\'s latest) instead of registering')
    .option('--latest-task-definition', 'run the latest registered revision of the family')
    .option('--revision <n>', 'run revision N of the family', intArg)
    .option('--count <n>', 'number of tasks (1-10)', intArg, 1)
    .option('--watch-container <name>', 'container whose logs are followed and whose exit code counts (default: the first)')
    .addOption(new Option('--propagate-tags <from>', 'copy tags from the service or the task definition to the task').choices(['SERVICE', 'TASK_DEFINITION']))
    .option('--tags <tags>', 'tags for the task: KEY=VALUE,KEY2=VALUE2')
    .option('--client-token <token>', 'idempotency token for RunTask: retrying with the same token starts no second task')
    .option('--no-ebs-delete-on-termination', "keep the service's managed EBS volumes when the task stops (default: deleted)")
    .addHelpText(
      'after',
      '\nExit codes: the watched container\'s exit code; 4 when the task could not start (the reason is printed) or timed out; 2 bad input.\n\n' +
        'Examples:\n  ecsx run --overrides \'{"containerOverrides":[{"name":"app","command":["bin/migrate"]}]}\'\n  ecsx run --skip-task-definition --watch-container app\n  ecsx run --wait-until running --count 2\n',
    )
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const s = host.session(cmd);
      const { run } = await import('../../actions/run.js');
      const r = await run(s.ctx, await s.loadConfig(), o);
      if (r.exitCode !== 0) host.setExitCode(r.exitCode);
    });
}
