import type { Command } from 'commander';
import type { CommandHost } from './index.js';
import { withTerminalPrompts } from './prompt.js';

/** `ecsx express …`: Express-only commands (eject). */
export function registerExpress(program: Command, host: CommandHost): void {
  const express = program.command('express').description('ECS Express Mode helpers (see docs/express.md)');
  express
    .command('eject')
    .description('write classic task and service definitions equivalent to the Express service, for leaving Express')
    .option('--config-path <file>', 'the classic config to write, next to the current config', 'ecsx.classic.yml')
    .option('--task-definition-path <file>', 'where to write the task definition', 'ecs-task-def.json')
    .option('--service-definition-path <file>', 'where to write the service definition', 'ecs-service-def.json')
    .option('--force-overwrite', 'overwrite existing files without asking')
    .addHelpText('after', '\nExamples:\n  ecsx express eject\n  ecsx express eject --config-path classic/ecsx.yml --force-overwrite\n')
    .action(async (o: { configPath: string; taskDefinitionPath: string; serviceDefinitionPath: string; forceOverwrite?: boolean }, cmd: Command) => {
      const s = host.session(cmd);
      const { expressEject } = await import('../../actions/express-eject.js');
      // --config-path, not --output: the global -o/--output chooses text or JSON.
      await expressEject({ ...s.ctx, io: withTerminalPrompts(s.io) }, await s.loadConfig(), { ...o, output: o.configPath });
    });
}
