import type { Command } from 'commander';
import type { CommandHost } from './index.js';

export function registerAppspec(program: Command, host: CommandHost): void {
  program
    .command('appspec')
    .description('print the CodeDeploy AppSpec (YAML) for the service')
    .option('--task-definition <latest|current|arn>', 'which task definition: the newest revision, the service\'s, or an ARN / family:revision', 'latest')
    .option('--update-service', 'take load balancer and network from the local service definition (default)', true)
    .option('--no-update-service', 'take them from the running service')
    .addHelpText('after', '\nExamples:\n  ecsx appspec\n  ecsx appspec --task-definition current --no-update-service\n')
    .action(async (o: { taskDefinition: string; updateService: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { appspec } = await import('../../actions/appspec.js');
      await appspec(s.ctx, await s.loadConfig(), { taskDefinition: o.taskDefinition, updateService: o.updateService, json: s.opts.logFormat === 'json' });
    });
}
