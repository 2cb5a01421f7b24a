import { Command, CommanderError } from 'commander';
import { DiffFoundError, EcsxError, ExitCode, exitCodeFor, UserInputError } from '../errors.js';
import { withPos } from './paths.js';
import { annotation } from '../io/github.js';
import { VERSION } from '../version.js';
import { addGlobalOptions } from './global-options.js';
import { createSession, type Session, type SessionIo } from './session.js';
import { registerCommands } from './commands/index.js';

export interface MainOptions {
  env?: NodeJS.ProcessEnv;
  io?: SessionIo;
}

/**
 * The CLI: parses argv, runs one action, maps errors to exit codes. Returns the exit code
 * (the only place in ecsx that decides one).
 */
export async function main(argv: string[], o: MainOptions = {}): Promise<number> {
  const env = o.env ?? process.env;
  const io: SessionIo = o.io ?? processStreams();
  const abort = new AbortController();
  const onSigint = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  let session: Session | undefined;
  let result = 0;
  let commandName = '';
  const program = new Command('ecsx')
    .description('Deploy and operate applications on Amazon ECS — classic services and Express Mode — with ecspresso-compatible configs.')
    .showHelpAfterError(wantsJson(argv, env) ? false : '(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(wantsJson(argv, env) ? jsonUsageError(text) : text) })
    .exitOverride();
  addGlobalOptions(program);
  // The command path and its operands as typed ("render taskdef"; no option values), for the job summary.
  program.hook('preAction', (_root, action) => {
    const names: string[] = [];
    for (let c: Command | null = action; c && c !== program; c = c.parent) names.unshift(c.name());
    commandName = [...names, ...action.args].join(' ');
  });
  registerCommands(program, {
    session: (cmd) => (session = createSession(cmd, io, env, abort.signal)),
    setExitCode: (code) => (result = code),
  });
  let error: unknown;
  try {
    if (argv.length === 0) argv = ['--help'];
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    error = err;
    result = reportError(err, io, session);
  } finally {
    process.off('SIGINT', onSigint);
  }
  session?.github?.finish({
    command: commandName || argv.filter((a) => !a.startsWith('-'))[0] || '',
    exitCode: result,
    error: error === undefined ? undefined : error instanceof EcsxError ? describe(error) : String(error),
  });
  return result;
}

function reportError(err: unknown, io: SessionIo, session: Session | undefined): number {
  if (err instanceof CommanderError) {
    // Help and version exit through here with code 0; parse errors were already printed.
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    return ExitCode.USAGE;
  }
  const code = exitCodeFor(err);
  // `diff --exit-code` found changes: the diff was the output; exit 5 says the rest.
  if (err instanceof DiffFoundError) return code;
  const json = session?.opts.output === 'json' || session?.opts.logFormat === 'json';
  const message = err instanceof EcsxError ? describe(err) : err instanceof Error ? err.message : String(err);
  if (session?.github && !(err instanceof EcsxError && err.reported)) {
    const pos = err instanceof EcsxError && err.pos ? err.pos : undefined;
    io.err(annotation('error', pos ? (err as EcsxError).message : message, pos ? session.github.workspacePos(pos) : undefined));
  }
  if (json) {
    const e = err instanceof EcsxError ? { code: err.code, source: err.source, pos: err.pos } : { code: 'INTERNAL' };
    io.err(JSON.stringify({ time: new Date().toISOString(), level: 'error', message, error: e, exitCode: code }) + '\n');
  } else if (!(err instanceof EcsxError && err.reported)) {
    io.err(`error: ${message}\n`);
    if (!(err instanceof UserInputError) && !(err instanceof EcsxError)) {
      io.err(session?.opts.debug && err instanceof Error ? `${err.stack}\n` : 'This looks like a bug in ecsx; run with --debug for details and report it.\n');
    }
  }
  return code;
}

export { VERSION };

/** `file:line:col: message`, with the file relative to the working directory when it is inside it. */
function describe(err: EcsxError): string {
  return withPos(err.message, err.pos);
}

/** stdout/stderr; a reader that goes away (`ecsx render | head`) ends the run quietly, as Unix tools do. */
function processStreams(): SessionIo {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };
}

/** `--output json` / `-o json` / `--log-format json` (or ECSX_/ECSPRESSO_LOG_FORMAT) on the raw command line, before parsing. */
function wantsJson(argv: string[], env: NodeJS.ProcessEnv): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--output=json' || a === '-ojson' || a === '--log-format=json') return true;
    if ((a === '--output' || a === '-o' || a === '--log-format') && argv[i + 1] === 'json') return true;
  }
  return (env.ECSX_LOG_FORMAT ?? env.ECSPRESSO_LOG_FORMAT) === 'json';
}

/** A command-line parse error as the JSON error line every other error uses. */
function jsonUsageError(text: string): string {
  const message = text.replace(/^error: /, '').trim();
  return JSON.stringify({ time: new Date().toISOString(), level: 'error', message, error: { code: 'USAGE', source: 'user' }, exitCode: ExitCode.USAGE }) + '\n';
}
