import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { packageRoot } from '../package-root.js';
import type { CommandHost } from './index.js';

const KINDS: Record<string, string> = {
  config: 'config',
  taskdef: 'task-definition',
  'task-definition': 'task-definition',
  servicedef: 'service-definition',
  'service-definition': 'service-definition',
  expressdef: 'express-definition',
  'express-definition': 'express-definition',
};

export function registerSchema(program: Command, host: CommandHost): void {
  program
    .command('schema')
    .description('print the JSON Schema of the config or a definition file, for editors and CI linting')
    .argument('<kind>', 'config | taskdef | servicedef | expressdef')
    .addHelpText('after', '\nExample:\n  ecsx schema taskdef > task-definition.schema.json\n')
    .action(async (kind: string, _o: unknown, cmd: Command) => {
      const s = host.session(cmd);
      const name = KINDS[kind];
      if (!name) throw new UsageError(`unknown schema "${kind}": expected one of config, taskdef, servicedef, expressdef`);
      const text = readFileSync(join(packageRoot(), 'schemas', `${name}.schema.json`), 'utf8');
      await s.io.notify({ code: 'ECSX_SCHEMA', level: 'result', message: text.trimEnd(), time: s.ctx.clock.now(), data: JSON.parse(text) });
    });
}
