/**
 * Starts a private moto_server for one test file:
 *
 *   const moto = await startMoto();
 *   process.env.AWS_ENDPOINT_URL = moto.endpoint;   // or use motoEnv(moto.endpoint)
 *   ...
 *   await moto.stop();
 *
 * Spawns `moto_server -H 127.0.0.1 -p <free port>` (or `python3 -m moto.server` when the binary is
 * not on PATH), waits until it answers HTTP, and kills it on stop() and when this process exits.
 * moto keeps everything in memory, so each server starts empty.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** A running moto_server. */
export interface Moto {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  pid: number;
  /** Kills moto and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** Extra environment for moto (e.g. `MOTO_ECS_SERVICE_RUNNING`). */
  env?: Record<string, string>;
  /** How long to wait for moto to answer; default 30 s. */
  startTimeoutMs?: number;
}

/** Static test credentials; moto accepts anything. */
export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/**
 * Environment that points every AWS SDK / CLI / Terraform call at moto, with test credentials and
 * a region, and no profile (so nothing can fall back to real AWS).
 */
export function motoEnv(endpoint: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Applies `motoEnv` to `process.env` (dropping AWS_PROFILE / AWS_SESSION_TOKEN); the SDK reads endpoints and credentials from there. */
export function useMotoInProcess(endpoint: string, region = 'us-east-1'): void {
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_ENDPOINT_URL_')) delete process.env[k];
  Object.assign(process.env, motoEnv(endpoint, region));
}

const INSTALL_HINT = 'moto_server is not installed: install it with  pip install "moto[server]"  (Python 3)';

function onPath(bin: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, bin), constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

/** A free loopback port (there is a small race until moto binds it; startMoto retries). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const live = new Set<ChildProcess>();
let exitHook = false;

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // its own process group: a pyenv shim may sit in between
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const c of live) kill(c, 'SIGKILL');
  });
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Starts moto_server on a free port; rejects with an install hint when moto is missing. */
export async function startMoto(opts: StartMotoOptions = {}): Promise<Moto> {
  const [cmd, pre] = onPath('moto_server') ? ['moto_server', []] : ['python3', ['-m', 'moto.server']];
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const r = await tryStart(cmd, [...pre, '-H', '127.0.0.1', '-p', String(port)], port, opts);
    if ('moto' in r) return r.moto;
    last = r.reason;
    if (r.missing) throw new Error(`${INSTALL_HINT} (${cmd}: ${r.reason})`);
    if (!/Address already in use/i.test(r.reason)) break;
  }
  throw new Error(`moto_server did not start: ${last}`);
}

type TryResult = { moto: Moto } | { reason: string; missing: boolean };

async function tryStart(cmd: string, args: string[], port: number, opts: StartMotoOptions): Promise<TryResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONUNBUFFERED: '1', ...motoEnv('', 'us-east-1'), ...opts.env };
  // moto's own boto3 calls must not be redirected anywhere.
  for (const k of Object.keys(env)) if (k.startsWith('AWS_ENDPOINT_URL') || k === 'AWS_PROFILE') delete env[k];
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const tail: string[] = [];
  const keep = (b: Buffer) => {
    tail.push(...b.toString('utf8').split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();
  live.add(child);
  installExitHook();

  let exited: string | undefined;
  let missing = false;
  child.once('error', (e: NodeJS.ErrnoException) => {
    missing = e.code === 'ENOENT';
    exited = e.message;
  });
  child.once('exit', (code, signal) => {
    live.delete(child);
    exited ??= `exited (${signal ?? code}): ${tail.slice(-6).join(' | ')}`;
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  while (exited === undefined && !(await answers(endpoint))) {
    if (Date.now() > deadline) {
      kill(child, 'SIGKILL');
      return { reason: `no answer within ${opts.startTimeoutMs ?? 30_000} ms: ${tail.slice(-6).join(' | ')}`, missing: false };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (exited !== undefined) {
    if (/No module named|command not found|can't open file|not installed/i.test(exited)) missing = true;
    return { reason: exited, missing };
  }

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    kill(child, 'SIGTERM');
    const t = setTimeout(() => kill(child, 'SIGKILL'), 3000);
    await done;
    clearTimeout(t);
  };
  return { moto: { endpoint, port, pid: child.pid!, stop } };
}
