/**
 * Runs an external command for the `external` plugin: argv (no shell), captured output, and a
 * timeout that sends SIGTERM and, 5 s later, SIGKILL (as ecspresso's exec.Cmd WaitDelay does).
 */
import { spawn } from 'node:child_process';

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  /** Milliseconds; 0 or undefined means no timeout. */
  timeoutMs?: number;
  /** Grace period between SIGTERM and SIGKILL. */
  killAfterMs?: number;
  cwd?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when the command could not be started (e.g. ENOENT). */
  spawnError?: NodeJS.ErrnoException;
}

/** Runs `argv[0]` with `argv.slice(1)`; never rejects: failures are described in the result. */
export function runCommand(argv: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let settled = false;
    let termTimer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const child = spawn(argv[0], argv.slice(1), { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const finish = (r: Omit<RunResult, 'stdout' | 'stderr' | 'timedOut'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(termTimer);
      clearTimeout(killTimer);
      resolvePromise({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut, ...r });
    };
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => finish({ code: null, signal: null, spawnError: e }));
    child.on('close', (code, signal) => finish({ code, signal }));
    // A grandchild may keep the pipes open after a timeout kill; do not wait for it.
    child.on('exit', (code, signal) => {
      if (timedOut) finish({ code, signal });
    });
    if (opts.timeoutMs && opts.timeoutMs > 0) {
      termTimer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? 5000);
      }, opts.timeoutMs);
    }
  });
}
