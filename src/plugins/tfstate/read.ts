/**
 * Reads a Terraform state from a local file or directory, HTTP(S) or S3, following the backend
 * pointer `terraform init` leaves in `.terraform/terraform.tfstate` (as tfstate-lookup does).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AwsOptions } from '../../aws/client-config.js';
import { PluginSourceError } from '../errors.js';
import { readS3Text } from './s3.js';
import { backendSource, DEFAULT_WORKSPACE, describeSource, redactUrl, type TfstateSource } from './source.js';
import { parseTfstateText, type TfState } from './state.js';

/** What reading needs from the plugin context. */
export interface TfstateReadContext {
  aws: AwsOptions;
  env: NodeJS.ProcessEnv;
  /** Base for relative paths of a backend found behind an HTTP or S3 state. */
  configDir: string;
  /** Milliseconds for an HTTP(S) read; default 30 s. */
  httpTimeoutMs?: number;
}

/** A backend pointer leading to another pointer more than this many times is a loop. */
const MAX_HOPS = 4;

/** Reads and parses the state at `source`. Throws `PluginSourceError` (unreadable, not v4) or `AwsCallError` (S3). */
export async function readTfstate(source: TfstateSource, ctx: TfstateReadContext, hops = 0): Promise<TfState> {
  if (hops > MAX_HOPS) throw new PluginSourceError(`tfstate ${describeSource(source)}: too many backend redirections`);
  if (source.kind === 'file') return readLocal(source.path, ctx, hops);
  const name = describeSource(source);
  const text = source.kind === 's3' ? await readS3Text(source, ctx.aws, ctx.env) : await readHttpText(source.url, ctx);
  const parsed = parseTfstateText(text, name);
  if (parsed.kind === 'state') return parsed.state;
  return readTfstate(backendSource(parsed.backend, DEFAULT_WORKSPACE, ctx.configDir), ctx, hops + 1);
}

/** TF_WORKSPACE, else the `environment` file `terraform workspace select` writes into `.terraform/`. */
export async function currentWorkspace(dotTerraformDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.TF_WORKSPACE) return env.TF_WORKSPACE;
  try {
    const ws = (await readFile(join(dotTerraformDir, 'environment'), 'utf8')).trim();
    return ws || DEFAULT_WORKSPACE;
  } catch {
    return DEFAULT_WORKSPACE;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message;
}

/**
 * A directory is a Terraform root: its `.terraform/terraform.tfstate` pointer if present, else the
 * local default (`terraform.tfstate`, or `terraform.tfstate.d/<ws>/terraform.tfstate`).
 */
async function resolveLocalFile(path: string, env: NodeJS.ProcessEnv): Promise<string> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    throw new PluginSourceError(`cannot read tfstate ${path}: ${fsReason(err)}`, { cause: err });
  }
  if (!st.isDirectory()) return path;
  const pointer = join(path, '.terraform', 'terraform.tfstate');
  if (await exists(pointer)) return pointer;
  const ws = await currentWorkspace(join(path, '.terraform'), env);
  return ws === DEFAULT_WORKSPACE ? join(path, 'terraform.tfstate') : join(path, 'terraform.tfstate.d', ws, 'terraform.tfstate');
}

async function readLocal(path: string, ctx: TfstateReadContext, hops: number): Promise<TfState> {
  const file = await resolveLocalFile(path, ctx.env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new PluginSourceError(`cannot read tfstate ${file}: ${fsReason(err)}`, { cause: err });
  }
  const parsed = parseTfstateText(text, file);
  if (parsed.kind === 'state') return parsed.state;
  const dir = dirname(file);
  const workspace = await currentWorkspace(dir, ctx.env);
  const rootDir = basename(dir) === '.terraform' ? dirname(dir) : dir;
  return readTfstate(backendSource(parsed.backend, workspace, rootDir), ctx, hops + 1);
}

async function readHttpText(url: string, ctx: TfstateReadContext): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(ctx.httpTimeoutMs ?? 30_000), redirect: 'follow' });
  } catch (err) {
    const why = (err as Error).name === 'TimeoutError' ? 'timed out' : String((err as Error & { cause?: Error }).cause?.message ?? (err as Error).message);
    throw new PluginSourceError(`cannot read tfstate ${redactUrl(url)}: ${why}`, { cause: err });
  }
  if (!res.ok) throw new PluginSourceError(`cannot read tfstate ${redactUrl(url)}: HTTP ${res.status} ${res.statusText}`.trimEnd());
  return res.text();
}
