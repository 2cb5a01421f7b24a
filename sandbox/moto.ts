/**
 * Runs moto_server as a child process for every service the sandbox does not implement itself.
 * The child gets its own process group (so Ctrl-C in a terminal reaches us first and we decide
 * the shutdown order) and is killed with the sandbox, on SIGINT/SIGTERM/SIGHUP and on exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { MotoAccess } from './types.js';

/** Options for {@link startMoto}. */
export interface MotoOptions {
  region: string;
  /** Port for moto; default: a free one. */
  port?: number;
  /** How long to wait for moto to answer, in ms. Default 20 000. */
  startTimeoutMs?: number;
  /** Extra environment for moto (e.g. `MOTO_ECS_SERVICE_RUNNING`). */
  env?: Record<string, string>;
  /** Receives moto's output lines (it is otherwise kept only for error messages). */
  onLog?: (line: string) => void;
}

/** A running moto_server. */
export interface MotoServer {
  endpoint: string;
  port: number;
  pid: number;
  access: MotoAccess;
  /** `POST /moto-api/reset`: forget every resource in every moto backend. */
  reset(): Promise<void>;
  /** Kills moto (its whole process group); resolves when it has exited. */
  stop(): Promise<void>;
}

/** moto (with its server extra) is not installed where we looked. */
export class MotoNotInstalledError extends Error {
  constructor(detail: string) {
    super(
      `moto_server is not available (${detail}). The sandbox needs it for every service but ECS: ` +
        `install it with  pip install "moto[server]"  (Python 3), or start the sandbox with moto disabled.`,
    );
    this.name = 'MotoNotInstalledError';
  }
}

/**
 * Equivalent of `python3 -m moto.server`, plus a watchdog thread: when our end of its stdin pipe
 * closes (this process died, even by SIGKILL) moto exits instead of lingering as an orphan.
 */
const WATCHDOG = [
  'import os, sys, threading',
  'def _watch():',
  '    try:',
  '        while sys.stdin.buffer.read(65536): pass',
  '    finally:',
  '        os._exit(0)',
  'threading.Thread(target=_watch, daemon=True).start()',
  'from moto.server import main',
  'main(sys.argv[1:])',
].join('\n');

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Starts moto_server on 127.0.0.1 and resolves once it answers HTTP. */
export async function startMoto(opts: MotoOptions): Promise<MotoServer> {
  const python = process.env.SANDBOX_PYTHON ?? 'python3';
  const candidates: Array<[string, string[]]> = [
    [python, ['-c', WATCHDOG]],
    ['moto_server', []],
  ];
  const failures: string[] = [];
  for (const [cmd, pre] of candidates) {
    // A fresh port per attempt: a lost race for the port shows up as an early exit.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = opts.port ?? (await freePort());
      const result = await tryStart(cmd, [...pre, '-H', '127.0.0.1', '-p', String(port)], port, opts);
      if ('server' in result) return result.server;
      failures.push(`${cmd}: ${result.reason}`);
      if (!result.retry || opts.port !== undefined) break;
    }
  }
  if (failures.every((f) => /not found|No module named/.test(f))) throw new MotoNotInstalledError(failures.join('; '));
  throw new Error(`moto_server did not start: ${failures.join('; ')}`);
}

type StartResult = { server: MotoServer } | { reason: string; retry: boolean };

async function tryStart(cmd: string, args: string[], port: number, opts: MotoOptions): Promise<StartResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // moto makes boto3 calls of its own; they must not loop back through the sandbox endpoint.
  for (const k of Object.keys(env)) if (k.startsWith('AWS_ENDPOINT_URL') || k === 'AWS_PROFILE') delete env[k];
  Object.assign(env, {
    AWS_DEFAULT_REGION: opts.region,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    PYTHONUNBUFFERED: '1',
    // AWS accounts have the AWS managed policies (AmazonECSTaskExecutionRolePolicy, …); moto loads them only when asked.
    MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
    ...opts.env,
  });
  let child: ChildProcess;
  try {
    child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  } catch (err) {
    return { reason: `not found (${(err as Error).message})`, retry: false };
  }
  const tail: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      opts.onLog?.(line);
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  // Nothing about moto should keep this process alive: the exit hook below cleans up.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void }).unref?.();
  child.stdin!.on('error', () => undefined);

  const exited = new Promise<string>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'ENOENT' ? 'not found' : `spawn failed: ${err.message}`),
    );
    child.once('exit', (code, signal) => resolve(`exited (${signal ?? code}): ${tail.slice(-8).join(' | ')}`));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 20_000);
  let exitReason: string | undefined;
  void exited.then((r) => (exitReason = r));
  while (exitReason === undefined) {
    if (await answers(endpoint)) break;
    if (Date.now() > deadline) {
      killGroup(child, 'SIGKILL');
      return { reason: `no answer within ${opts.startTimeoutMs ?? 20_000} ms: ${tail.slice(-8).join(' | ')}`, retry: false };
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 50))]);
  }
  if (exitReason !== undefined) return { reason: exitReason, retry: /Address already in use/.test(exitReason) };

  live.add(child);
  installExitHooks();
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return void live.delete(child);
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    child.ref(); // keep the event loop alive until the exit is observed
    // SIGKILL straight away: moto keeps everything in memory, and its SIGTERM handler takes
    // about a second to shut werkzeug down, which adds up over many test files.
    killGroup(child, 'SIGKILL');
    await done;
    live.delete(child);
  };
  return {
    server: {
      endpoint,
      port,
      pid: child.pid!,
      access: { endpoint, region: opts.region, credentials: { ...CREDENTIALS } },
      reset: async () => {
        const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
        if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
        await res.arrayBuffer();
      },
      stop,
    },
  };
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/config`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const live = new Set<ChildProcess>();
let hooksInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole group: moto may sit behind a shim.
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      for (const child of live) killGroup(child, 'SIGKILL');
      // If nobody else handles the signal, restore the default (terminate) by re-raising it.
      if (process.listenerCount(sig) === 1) {
        process.removeListener(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}
