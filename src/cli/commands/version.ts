import type { Command } from 'commander';
import { VERSION } from '../../version.js';
import type { CommandHost } from './index.js';

export function registerVersion(program: Command, host: CommandHost): void {
  program
    .command('version')
    .description('print the ecsx version')
    .action(async (_o: unknown, cmd: Command) => {
      const s = host.session(cmd);
      await s.io.notify({ code: 'ECSX_VERSION', level: 'result', message: `ecsx v${VERSION}`, time: s.ctx.clock.now(), data: { version: VERSION } });
    });
}
