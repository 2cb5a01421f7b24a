import type { Command } from 'commander';
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
}
