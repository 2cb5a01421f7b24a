import type { IoHost, IoMessage, IoRequest, MessageLevel } from './messages.js';

const order: Record<MessageLevel, number> = { error: 0, warn: 1, result: 1, info: 2, debug: 3, trace: 4 };

export interface StreamHostOptions {
  /** Where results go (stdout). */
  out: (text: string) => void;
  /** Where everything else goes (stderr). */
  err: (text: string) => void;
  /** Most verbose level shown, default `info`. */
  level?: MessageLevel;
}

/** Plain text: results as-is to `out`, other messages as lines to `err`, prefixed by level. */
export class PlainIoHost implements IoHost {
  constructor(private readonly opts: StreamHostOptions) {}
  async notify(msg: IoMessage): Promise<void> {
    if (order[msg.level] > order[this.opts.level ?? 'info']) return;
    if (msg.level === 'result') {
      this.opts.out(msg.message.endsWith('\n') ? msg.message : msg.message + '\n');
      return;
    }
    const prefix = msg.level === 'error' ? 'error: ' : msg.level === 'warn' ? 'warning: ' : '';
    this.opts.err(prefix + msg.message + '\n');
  }
  async requestResponse<R>(req: IoRequest<R>): Promise<R> {
    await this.notify({ ...req, level: 'info' });
    return req.defaultResponse;
  }
}

/** JSON lines: results as JSON on `out` (their `data`), other messages as JSON lines on `err`. */
export class JsonIoHost implements IoHost {
  constructor(private readonly opts: StreamHostOptions) {}
  async notify(msg: IoMessage): Promise<void> {
    if (order[msg.level] > order[this.opts.level ?? 'info']) return;
    if (msg.level === 'result') {
      this.opts.out(JSON.stringify(msg.data ?? msg.message, null, 2) + '\n');
      return;
    }
    const line = { time: new Date(msg.time).toISOString(), level: msg.level, code: msg.code, message: msg.message, data: msg.data };
    this.opts.err(JSON.stringify(line) + '\n');
  }
  async requestResponse<R>(req: IoRequest<R>): Promise<R> {
    await this.notify({ ...req, level: 'info' });
    return req.defaultResponse;
  }
}

/** Keeps every message; answers requests from a queue or with their default. For tests. */
export class MemoryIoHost implements IoHost {
  readonly messages: IoMessage[] = [];
  constructor(private readonly answers: unknown[] = []) {}
  async notify(msg: IoMessage): Promise<void> {
    this.messages.push(msg);
  }
  async requestResponse<R>(req: IoRequest<R>): Promise<R> {
    this.messages.push(req);
    return (this.answers.length ? this.answers.shift() : req.defaultResponse) as R;
  }
  /** Messages with the given code. */
  withCode(code: string): IoMessage[] {
    return this.messages.filter((m) => m.code === code);
  }
  /** Text of all results, joined. */
  results(): string {
    return this.messages.filter((m) => m.level === 'result').map((m) => m.message).join('\n');
  }
}

/** Discards everything. */
export class SilentIoHost implements IoHost {
  async notify(): Promise<void> {}
  async requestResponse<R>(req: IoRequest<R>): Promise<R> {
    return req.defaultResponse;
  }
}
