import type { Command } from 'commander';
import type { Session } from '../session.js';
import { registerRender } from './render.js';
import { registerSandbox } from './sandbox.js';
import { registerSchema } from './schema.js';
import { registerStatus } from './status.js';
import { registerVersion } from './version.js';

/** What command modules get from main: a session factory and a way to set the exit code. */
export interface CommandHost {
  session(cmd: Command): Session;
  setExitCode(code: number): void;
}

/** Registers every subcommand. Definitions are cheap; each action imports its code lazily. */
export function registerCommands(program: Command, host: CommandHost): void {
  registerRender(program, host);
  registerSandbox(program, host);
  registerSchema(program, host);
  registerStatus(program, host);
  registerVersion(program, host);
}
