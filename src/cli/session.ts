import type { Command } from 'commander';
import { realClock } from '../clock.js';
import type { ActionContext } from '../context.js';
import type { SourcePos } from '../errors.js';
import { displayPos, withPos } from './paths.js';
import { createProgressHost } from './progress/index.js';
import { GitHubActionsIoHost } from '../io/github.js';
import { renderSummary } from './summary.js';
import type { IoHost } from '../io/messages.js';
import { loadEnvFiles } from '../config/envfile.js';
import type { LoadedConfig } from '../config/load.js';
import { VERSION } from '../version.js';
import { applyEnvDefaults, parseKeyValues, parseTimeoutFlag, splitList, type GlobalOptions } from './global-options.js';

/** Per-invocation state of the CLI: options, output host, action context, lazy config. */
export interface Session {
  opts: GlobalOptions;
  io: IoHost;
  /** Set in GitHub Actions: writes the job summary when the command ends. */
  github?: GitHubActionsIoHost;
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
  // Deployment progress: a live block redrawn in place on a terminal, change lines otherwise (src/cli/progress).
  const isTTY = Boolean(process.stderr.isTTY) && env.TERM !== 'dumb';
  const color = opts.color !== false && !env.NO_COLOR && isTTY;
  const base: IoHost = createProgressHost({ ...hostOpts, json, isTTY, color, columns: () => process.stderr.columns ?? 80 });
  // In GitHub Actions: annotations on stderr (stdout carries results) and a job summary at the end.
  const github = env.GITHUB_ACTIONS === 'true' ? new GitHubActionsIoHost(base, { out: streams.err, summaryFile: env.GITHUB_STEP_SUMMARY, renderSummary, workspace: env.GITHUB_WORKSPACE }) : undefined;
  const io: IoHost = github ?? base;
  const ctx: ActionContext = { io, clock: realClock, signal };
  const warn = (message: string, pos?: SourcePos) =>
    void io.notify({ code: 'ECSX_WARNING', level: 'warn', message: withPos(message, pos), time: realClock.now(), data: pos ? { pos: displayPos(pos), text: message } : undefined });
  let loaded: Promise<LoadedConfig> | undefined;
  return {
    opts,
    io,
    github,
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
          assumeRoleArn: opts.assumeRoleArn,
          timeoutMs: parseTimeoutFlag(opts.timeout),
          filterCommand: opts.filterCommand,
          version: VERSION,
          warn,
        });
      })()),
  };
}
