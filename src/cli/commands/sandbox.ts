import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InternalError } from '../../errors.js';
import { packageRoot } from '../package-root.js';
import type { CommandHost } from './index.js';

/**
 * `ecsx sandbox ...` only launches the sandbox's own entry point (dist/sandbox.js) with the same
 * arguments: the sandbox is a separate program that speaks AWS over HTTP, never a library import.
 */
export function registerSandbox(program: Command, host: CommandHost): void {
  program
    .command('sandbox')
    .description('run a local AWS endpoint with a behavioural ECS control plane (see docs/sandbox.md)')
    .helpOption(false)
    .allowUnknownOption(true)
    .argument('[args...]', 'start [--port N] [--time-scale X] [--region R] | status | reset | advance <seconds> | requests | fault ...')
    .action(async (args: string[]) => {
      const entry = join(packageRoot(), 'dist', 'sandbox.js');
      if (!existsSync(entry)) throw new InternalError(`sandbox entry point not found at ${entry}; run \`npm run build\``);
      const child = spawn(process.execPath, [entry, ...args], { stdio: 'inherit' });
      // Ctrl-C on a terminal reaches the child through the process group too; a signal sent to
      // us alone (kill, a CI runner) is forwarded so the sandbox and its moto always stop.
      for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => child.kill(sig));
      const code = await new Promise<number>((resolve) => child.on('exit', (c, sig) => resolve(c ?? (sig === 'SIGINT' ? 130 : 1))));
      host.setExitCode(code);
    });
}
