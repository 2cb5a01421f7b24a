import type { Command } from 'commander';
import { realClock } from '../clock.js';
import type { ActionContext } from '../context.js';
import { formatPos, type SourcePos } from '../errors.js';
import { JsonIoHost, PlainIoHost } from '../io/hosts.js';
import type { IoHost } from '../io/messages.js';
import { loadEnvFiles } from '../config/envfile.js';
import type { LoadedConfig } from '../config/load.js';
import { VERSION } from '../version.js';
import { applyEnvDefaults, parseKeyValues, parseTimeoutFlag, splitList, type GlobalOptions } from './global-options.js';

/** Per-invocation state of the CLI: options, output host, action context, lazy config. */
export interface Session {
  opts: GlobalOptions;
  io: IoHost;
  ctx: ActionContext;
  env: NodeJS.ProcessEnv;
  warn(message: string, pos?: SourcePos): void;
  loadConfig(): Promise<LoadedConfig>;
}

export interface SessionIo {
  out(text: string): void;
  err(text: string): void;
}

export function createSession(cmd: Command, streams: SessionIo, env: NodeJS.ProcessEnv, signal: AbortSignal): Session {
  const opts = applyEnvDefaults(cmd.optsWithGlobals() as GlobalOptions, env);
  const json = opts.output === 'json' || opts.logFormat === 'json';
  const hostOpts = { out: streams.out, err: streams.err, level: opts.debug ? ('debug' as const) : ('info' as const) };
  const io: IoHost = json ? new JsonIoHost(hostOpts) : new PlainIoHost(hostOpts);
  const ctx: ActionContext = { io, clock: realClock, signal };
  const warn = (message: string, pos?: SourcePos) =>
    void io.notify({ code: 'ECSX_WARNING', level: 'warn', message: pos ? `${formatPos(pos)}: ${message}` : message, time: realClock.now() });
  let loaded: Promise<LoadedConfig> | undefined;
  return {
    opts,
    io,
    ctx,
    env,
    warn,
    loadConfig: () =>
      (loaded ??= (async () => {
        // Env files are loaded before the config so templates see them (ecspresso's order).
        loadEnvFiles(splitList(opts.envfile), env);
        const { loadConfig } = await import('../config/load.js');
        return loadConfig({
          config: opts.config,
          env,
          extStr: parseKeyValues(opts.extStr, '--ext-str'),
          extCode: parseKeyValues(opts.extCode, '--ext-code'),
          region: opts.region,
          profile: opts.profile,
          timeoutMs: parseTimeoutFlag(opts.timeout),
          filterCommand: opts.filterCommand,
          version: VERSION,
          warn,
        });
      })()),
  };
}
