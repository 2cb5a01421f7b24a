import { PlainIoHost } from '../../io/hosts.js';
import type { IoHost, IoMessage, IoRequest } from '../../io/messages.js';
import { MonitorCodes, summarizeSnapshot, type ProgressSnapshot } from '../../monitor/index.js';
import { formatElapsed } from './format.js';
import { eventTime, shows, type ProgressHostOptions } from './options.js';

/**
 * Progress for logs (CI, no TTY): one timestamped line per *change* of the deployment state, not
 * per poll, and one timestamped line per service event. Other messages are printed as PlainIoHost
 * prints them.
 */
export class PlainProgressHost implements IoHost {
  private lastKey?: string;
  private readonly inner: PlainIoHost;

  constructor(private readonly opts: ProgressHostOptions) {
    this.inner = new PlainIoHost(opts);
  }

  private time(ms: number): string {
    return (this.opts.formatTime ?? ((t: number) => new Date(t).toISOString()))(ms);
  }

  async notify(msg: IoMessage): Promise<void> {
    if (msg.code === MonitorCodes.PROGRESS) {
      const s = msg.data as ProgressSnapshot;
      const text = `[${s.phase}] ${summarizeSnapshot(s)}`;
      if (text === this.lastKey) return;
      this.lastKey = text;
      this.opts.err(`${this.time(msg.time)} ${text} (${formatElapsed(s.elapsedMs)})\n`);
      return;
    }
    if (msg.code === MonitorCodes.SERVICE_EVENT) {
      if (shows(msg.level, this.opts.level)) this.opts.err(`${this.time(eventTime(msg))} ${msg.message}\n`);
      return;
    }
    if (msg.code === MonitorCodes.SUCCEEDED || msg.code === MonitorCodes.FAILED) this.lastKey = undefined;
    return this.inner.notify(msg);
  }

  requestResponse<R>(req: IoRequest<R>): Promise<R> {
    return this.inner.requestResponse(req);
  }
}
