/**
 * The `external` plugin: a function backed by a command. `config.name` names the function,
 * `config.command` is the argv; the call's arguments are appended. Output is parsed as JSON
 * (default) or returned as a string. Each distinct argument list runs once per run.
 */
import { PluginConfigError, PluginLookupError, PluginSourceError } from './errors.js';
import { FetchCache } from './fetch-cache.js';
import { withArity } from './args.js';
import { runCommand, type RunResult } from './run-command.js';
import type { PluginContext, PluginFunctions } from './types.js';

/** The external plugin's validated config. */
export interface ExternalSettings {
  name: string;
  command: string[];
  numArgs: number;
  parser: 'json' | 'string';
  /** Milliseconds, 0 = none. */
  timeoutMs: number;
  env: Record<string, string>;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `timeout`: a number of seconds, or a Go duration string such as `30s` or `1m30s`. */
function parseTimeout(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && v >= 0 && Number.isFinite(v)) return v * 1000;
  if (typeof v === 'string' && /^(\d+(\.\d+)?(ms|s|m|h))+$/.test(v.trim())) {
    let total = 0;
    for (const m of v.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
    return total;
  }
  throw new PluginConfigError(`external plugin: timeout must be a number of seconds or a duration like "30s", got ${JSON.stringify(v)}`);
}

/** Validates the external plugin's `config:` block. */
export function resolveExternalSettings(config: Record<string, unknown>): ExternalSettings {
  const { name, command, num_args, parser = 'json', timeout, env = {}, mode } = config;
  if (typeof name !== 'string' || name === '') throw new PluginConfigError('external plugin: config.name (the function name) is required');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new PluginConfigError(`external plugin: name ${JSON.stringify(name)} is not a valid function name`);
  if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === 'string')) {
    throw new PluginConfigError(`external plugin ${name}: config.command is required, as an array of strings (argv), e.g. ["jq", "-n"]`);
  }
  const numArgs = num_args ?? 0;
  if (typeof numArgs !== 'number' || !Number.isInteger(numArgs) || numArgs < 0) {
    throw new PluginConfigError(`external plugin ${name}: num_args must be a non-negative integer`);
  }
  if (parser !== 'json' && parser !== 'string') throw new PluginConfigError(`external plugin ${name}: unsupported parser: ${String(parser)} (use json or string)`);
  if (mode !== undefined && mode !== 'exec') throw new PluginConfigError(`external plugin ${name}: mode ${String(mode)} is not supported by ecsx (only exec)`);
  if (typeof env !== 'object' || env === null || Array.isArray(env) || !Object.values(env).every((v) => typeof v === 'string')) {
    throw new PluginConfigError(`external plugin ${name}: env must be a map of strings`);
  }
  return { name, command: command as string[], numArgs, parser, timeoutMs: parseTimeout(timeout), env: env as Record<string, string> };
}

function argText(name: string, i: number, v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new PluginLookupError(`${name}: arg${i} must be a string`);
}

function describeFailure(s: ExternalSettings, argv: string[], r: RunResult): string {
  const cmd = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
  if (r.spawnError) {
    return r.spawnError.code === 'ENOENT' ? `${s.name}: command not found: ${argv[0]}` : `${s.name}: cannot run ${cmd}: ${r.spawnError.message}`;
  }
  if (r.timedOut) return `${s.name}: command timed out after ${s.timeoutMs / 1000}s: ${cmd}`;
  const status = r.code !== null ? `exit code ${r.code}` : `signal ${r.signal}`;
  const stderr = r.stderr.trim();
  return `${s.name}: command failed (${status}): ${cmd}${stderr ? `\nstderr: ${stderr.length > 2000 ? `${stderr.slice(0, 2000)}…` : stderr}` : ''}`;
}

/** Builds the external plugin. */
export function externalPlugin(config: Record<string, unknown>, ctx: PluginContext): PluginFunctions {
  const s = resolveExternalSettings(config);
  const cache = new FetchCache<unknown>();

  const exec = async (args: string[]): Promise<unknown> => {
    const argv = [...s.command, ...args];
    const r = await runCommand(argv, { env: { ...ctx.env, ...s.env }, timeoutMs: s.timeoutMs });
    if (r.spawnError || r.timedOut || r.code !== 0) throw new PluginSourceError(describeFailure(s, argv, r));
    if (s.parser === 'string') return r.stdout;
    try {
      return JSON.parse(r.stdout);
    } catch (err) {
      throw new PluginSourceError(`${s.name}: command output is not valid JSON (set parser: string for text): ${(err as Error).message}`, { cause: err });
    }
  };
  const call = (raw: unknown[]): unknown => {
    const args = raw.map((v, i) => argText(s.name, i, v));
    return cache.get(JSON.stringify(args), () => exec(args));
  };

  const params = Array.from({ length: s.numArgs }, (_, i) => `arg${i}`);
  return {
    funcs: { [s.name]: withArity((...args: unknown[]) => call(args), 0, Infinity) },
    natives: { [s.name]: { params, fn: (...args: unknown[]) => call(args) } },
  };
}
