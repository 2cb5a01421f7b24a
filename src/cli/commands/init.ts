import type { Command } from 'commander';
import type { CommandHost } from './index.js';
import { withTerminalPrompts } from './prompt.js';
import { wholeNumber } from './args.js';

interface InitFlags {
  service?: string;
  taskDefinition?: string;
  cluster: string;
  taskDefinitionPath: string;
  serviceDefinitionPath: string;
  jsonnet?: boolean;
  sort?: boolean;
  forceOverwrite?: boolean;
  express?: boolean;
  image?: string;
  port?: number;
  createRoles?: boolean;
  expressDefinitionPath: string;
}

export function registerInit(program: Command, host: CommandHost): void {
  program
    .command('init')
    .description('write a config and definition files from an existing service (or task definition)')
    .option('--service <name>', 'the service to import')
    .option('--task-definition <family:revision>', 'import only this task definition (no service)')
    .option('--cluster <name>', 'the cluster of the service', 'default')
    .option('--task-definition-path <file>', 'where to write the task definition', 'ecs-task-def.json')
    .option('--service-definition-path <file>', 'where to write the service definition', 'ecs-service-def.json')
    .option('--jsonnet', 'write Jsonnet (files renamed to .jsonnet)')
    .option('--sort', 'sort the task definition lists (containers, environment, …)')
    .option('--no-sort', 'keep the order ECS returns (default)')
    .option('--force-overwrite', 'overwrite existing files without asking')
    .option('--express', 'Express Mode: write an express definition (an import of --service, or a quick start with --image)')
    .option('--no-express', 'import an Express service as classic task and service definitions (to leave Express)')
    .option('--image <image>', 'Express quick start: the container image (implies --express)')
    .option('--port <n>', 'Express quick start: the container port', wholeNumber(1), 80)
    .option('--create-roles', 'Express quick start: create (or reuse) the execution and infrastructure IAM roles, tagged as ecsx\'s')
    .option('--express-definition-path <file>', 'where to write the express definition', 'ecs-express-def.json')
    .addHelpText(
      'after',
      '\nThe config goes to --config (default ecsx.yml); definition paths are relative to it. --region and --profile are the global flags.\n\nExamples:\n  ecsx init --service web --cluster prod --region ap-northeast-1\n  ecsx init --task-definition batch:12 --config batch.yml\n  ecsx init --service web --jsonnet --force-overwrite\n  ecsx init --express --image nginx:latest --service hello --create-roles   # Express quick start\n  ecsx init --express --service hello                                     # import an Express service\n',
    )
    .action(async (o: InitFlags, cmd: Command) => {
      const s = host.session(cmd);
      const { init } = await import('../../actions/init.js');
      await init(
        { ...s.ctx, io: withTerminalPrompts(s.io) },
        {
          aws: { region: s.opts.region, profile: s.opts.profile },
          cluster: o.cluster,
          service: o.service,
          taskDefinition: o.taskDefinition,
          taskDefinitionPath: o.taskDefinitionPath,
          serviceDefinitionPath: o.serviceDefinitionPath,
          config: s.opts.config,
          env: s.env,
          jsonnet: o.jsonnet,
          sort: o.sort,
          forceOverwrite: o.forceOverwrite,
          express: o.express,
          image: o.image,
          port: o.port,
          createRoles: o.createRoles,
          expressDefinitionPath: o.expressDefinitionPath,
        },
      );
    });
}
