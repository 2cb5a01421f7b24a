import picocolors from 'picocolors';
import type { StreamHostOptions } from '../../io/hosts.js';
import type { IoMessage, MessageLevel } from '../../io/messages.js';
import type { Colors } from './format.js';

/** Options shared by the progress hosts. */
export interface ProgressHostOptions extends StreamHostOptions {
  /** ANSI colours, default false. */
  color?: boolean;
  /** Terminal width, or a function read at each redraw (follows resizes); default 80. */
  columns?: number | (() => number);
  /** How message times are shown; default: `HH:MM:SS` local time (TTY), ISO-8601 UTC (plain). */
  formatTime?: (epochMs: number) => string;
}

const order: Record<MessageLevel, number> = { error: 0, warn: 1, result: 1, info: 2, debug: 3, trace: 4 };

/** Whether a message of `level` is shown when the host shows up to `max`. */
export function shows(level: MessageLevel, max: MessageLevel = 'info'): boolean {
  return order[level] <= order[max];
}

/** The colour functions for the option. */
export function colorsFor(o: ProgressHostOptions): Colors {
  return picocolors.createColors(o.color ?? false);
}

/** The current width. */
export function columnsOf(o: ProgressHostOptions): number {
  const c = typeof o.columns === 'function' ? o.columns() : o.columns;
  return c && c > 0 ? c : 80;
}

/** `14:03:07` in local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** When a service event happened (ECS's `createdAt`), else when it was reported. */
export function eventTime(msg: IoMessage): number {
  const at = (msg.data as { createdAt?: unknown } | undefined)?.createdAt;
  return typeof at === 'number' ? at : msg.time;
}
