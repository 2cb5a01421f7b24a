import type { Command } from 'commander';
import type { CommandHost } from './index.js';

export function registerRender(program: Command, host: CommandHost): void {
  program
    .command('render')
    .description('print the config and definitions as ecsx sees them, with templates, Jsonnet and plugins applied (secrets masked)')
    .argument('<targets...>', 'config | servicedef (service-definition) | taskdef (task-definition) | expressdef (express-definition)')
    .option('--jsonnet', 'print Jsonnet instead of JSON (definitions) or YAML (config)')
    .addHelpText('after', '\nExamples:\n  ecsx render taskdef\n  ecsx render config servicedef --jsonnet\n  IMAGE=nginx:1.27 ecsx render taskdef --config ecspresso.yml\n')
    .action(async (targets: string[], o: { jsonnet?: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { render } = await import('../../actions/render.js');
      await render(s.ctx, await s.loadConfig(), { targets, jsonnet: o.jsonnet });
    });
}
