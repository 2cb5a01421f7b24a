/** Small helpers shared by the Express actions. */
import type { ActionContext } from '../context.js';
import type { EcsxConfig } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type { MessageLevel } from '../io/messages.js';
import type { ExpressRef } from './plan.js';

/** The config's Express service (`cluster` + `service`), or a ConfigError when `service` is missing. */
export function expressRefOf(config: EcsxConfig, command: string): ExpressRef {
  if (!config.service) throw new ConfigError(`${command} of an Express service needs \`service\` in the config (the Express service name)`, { file: config.file });
  return { cluster: config.cluster, service: config.service };
}

/** What is left of `timeoutMs` since `start` (0 = no limit stays 0; never below 1 ms otherwise). */
export function remainingMs(ctx: Pick<ActionContext, 'clock'>, start: number, timeoutMs: number): number {
  if (timeoutMs <= 0) return 0;
  return Math.max(1, timeoutMs - (ctx.clock.now() - start));
}

/** Sends one message to the context's IoHost. */
export function say(ctx: Pick<ActionContext, 'io' | 'clock'>, level: MessageLevel, code: string, message: string, data?: unknown): Promise<void> {
  return ctx.io.notify({ code, level, message, time: ctx.clock.now(), ...(data === undefined ? {} : { data }) });
}
