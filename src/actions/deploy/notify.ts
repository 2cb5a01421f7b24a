/** Small helpers the classic actions share for talking to the IoHost. */
import type { ActionContext } from '../../context.js';
import type { IoHost, MessageLevel } from '../../io/messages.js';

/** Sends one message stamped with the context's clock. */
export function say(ctx: Pick<ActionContext, 'io' | 'clock'>, code: string, level: MessageLevel, message: string, data?: unknown): Promise<void> {
  return ctx.io.notify({ code, level, message, time: ctx.clock.now(), data });
}

/**
 * An IoHost that drops `ECSX_SERVICE_EVENT` messages for events created before `since` (epoch ms,
 * server time). The monitor reports events from the watched deployment's start; when no new
 * deployment was started (scale, `wait`, a no-op deploy) that start may be days ago, and only
 * events that happen while we watch are news.
 */
export function eventsSince(io: IoHost, since: number | undefined): IoHost {
  if (since === undefined) return io;
  return {
    notify: (msg) => {
      const at = (msg.data as { createdAt?: number } | undefined)?.createdAt;
      if (msg.code === 'ECSX_SERVICE_EVENT' && at !== undefined && at < since) return Promise.resolve();
      return io.notify(msg);
    },
    requestResponse: (req) => io.requestResponse(req),
  };
}
