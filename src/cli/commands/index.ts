import { Option, type Command } from 'commander';
import type { Session } from '../session.js';
import { registerAppspec } from './appspec.js';
import { registerCleanup } from './cleanup.js';
import { registerDeploy } from './deploy.js';
import { registerDelete } from './delete.js';
import { registerDeregister } from './deregister.js';
import { registerDiff } from './diff.js';
import { registerExpress } from './express.js';
import { registerInit } from './init.js';
import { registerRegister } from './register.js';
import { registerCompletion } from './completion.js';
import { registerRefresh } from './refresh.js';
import { registerRender } from './render.js';
import { registerRevisions } from './revisions.js';
import { registerRollback } from './rollback.js';
import { registerRun } from './run.js';
import { registerSandbox } from './sandbox.js';
import { registerScale } from './scale.js';
import { registerSchema } from './schema.js';
import { registerStatus } from './status.js';
import { registerTasks } from './tasks.js';
import { registerVerify } from './verify.js';
import { registerVersion } from './version.js';
import { registerWait } from './wait.js';

/** What command modules get from main: a session factory and a way to set the exit code. */
export interface CommandHost {
  session(cmd: Command): Session;
  setExitCode(code: number): void;
}

/** Registers every subcommand. Definitions are cheap; each action imports its code lazily. */
export function registerCommands(program: Command, host: CommandHost): void {
  registerAppspec(program, host);
  registerCleanup(program, host);
  registerDeploy(program, host);
  registerDelete(program, host);
  registerDeregister(program, host);
  registerDiff(program, host);
  registerExpress(program, host);
  registerInit(program, host);
  registerRegister(program, host);
  registerRefresh(program, host);
  registerRender(program, host);
  registerRevisions(program, host);
  registerRollback(program, host);
  registerRun(program, host);
  registerSandbox(program, host);
  registerScale(program, host);
  registerSchema(program, host);
  registerStatus(program, host);
  registerTasks(program, host);
  registerVerify(program, host);
  registerVersion(program, host);
  registerWait(program, host);
  registerCompletion(program, host);
  acceptPositiveForms(program);
}

/**
 * ecspresso's boolean flags come in both forms (`--wait` / `--no-wait`); ours are declared as
 * `--no-x` with the positive form the default. So that scripts written for ecspresso keep working,
 * every `--no-x` also accepts a hidden `--x`, for every command.
 */
function acceptPositiveForms(cmd: Command): void {
  const longs = new Set(cmd.options.map((o) => o.long));
  for (const o of [...cmd.options]) {
    const positive = o.negate && o.long ? `--${o.long.slice('--no-'.length)}` : undefined;
    if (positive && !longs.has(positive)) cmd.addOption(new Option(positive).hideHelp());
  }
  for (const sub of cmd.commands) acceptPositiveForms(sub);
}
