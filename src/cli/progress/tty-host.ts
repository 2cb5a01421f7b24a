import { PlainIoHost } from '../../io/hosts.js';
import type { IoHost, IoMessage, IoRequest } from '../../io/messages.js';
import { MonitorCodes, type DeployFailureData, type ProgressSnapshot } from '../../monitor/index.js';
import { eraseLines } from './ansi.js';
import { frameLines, type Colors, type FinalState } from './format.js';
import { clockTime, colorsFor, columnsOf, eventTime, shows, type ProgressHostOptions } from './options.js';

/**
 * Live terminal view: the latest `ECSX_DEPLOY_PROGRESS` as a block redrawn in place on `err`
 * (cursor up + clear, one write per frame), with service events and every other message printed
 * above it as they arrive. The messages that end a watch (`ECSX_DEPLOY_SUCCEEDED`, a final
 * `ECSX_DEPLOY_FAILED`, `ECSX_DEPLOY_ROLLED_BACK`, `ECSX_DEPLOY_ROLLBACK_UNCONFIRMED`,
 * `ECSX_DEPLOY_INTERRUPTED`) draw the final frame, leave it on screen and print their message under
 * it, so the terminal never ends on a half-drawn frame. Lines are cut to the width, never wrapped.
 */
export class TtyProgressHost implements IoHost {
  private drawn = 0;
  private last?: ProgressSnapshot;
  private readonly inner: PlainIoHost;
  private readonly c: Colors;

  constructor(private readonly opts: ProgressHostOptions) {
    this.inner = new PlainIoHost(opts);
    this.c = colorsFor(opts);
  }

  async notify(msg: IoMessage): Promise<void> {
    switch (msg.code) {
      case MonitorCodes.PROGRESS:
        this.last = msg.data as ProgressSnapshot;
        this.draw();
        return;
      case MonitorCodes.SERVICE_EVENT:
        if (!shows(msg.level, this.opts.level)) return;
        return this.above(() => this.opts.err(this.eventLine(msg) + '\n'));
      case MonitorCodes.FAILED:
        // Not the end while ECS rolls back: print it above the live block.
        if ((msg.data as { final?: boolean } | undefined)?.final === false) return this.above(() => this.inner.notify(msg));
        this.finish(msg);
        return this.inner.notify(msg);
      case MonitorCodes.SUCCEEDED:
      case MonitorCodes.ROLLED_BACK:
      case MonitorCodes.ROLLBACK_UNCONFIRMED:
      case MonitorCodes.INTERRUPTED:
        this.finish(msg);
        return this.inner.notify(msg);
      default:
        return this.above(() => this.inner.notify(msg));
    }
  }

  async requestResponse<R>(req: IoRequest<R>): Promise<R> {
    let answer!: R;
    await this.above(async () => {
      answer = await this.inner.requestResponse(req);
    });
    return answer;
  }

  /** Leaves the current block on screen as it is and stops redrawing it (e.g. before exit). */
  close(): void {
    this.drawn = 0;
    this.last = undefined;
  }

  private eventLine(msg: IoMessage): string {
    const time = (this.opts.formatTime ?? clockTime)(eventTime(msg));
    const text = msg.level === 'warn' ? this.c.yellow(msg.message) : msg.message;
    // Events may wrap: they are above the block, not part of it.
    return `${this.c.dim(time)} ${text}`;
  }

  private frame(final?: FinalState): string {
    if (!this.last) return '';
    const lines = frameLines(this.last, columnsOf(this.opts), this.c, final);
    return lines.map((l) => l + '\n').join('');
  }

  /** Erases the block and draws the current frame, in one write. */
  private draw(final?: FinalState): void {
    const frame = this.frame(final);
    const out = eraseLines(this.drawn) + frame;
    this.drawn = frame ? frame.split('\n').length - 1 : 0;
    if (out) this.opts.err(out);
  }

  /** Prints something above the block: erase, print, redraw. */
  private async above(print: () => void | Promise<void>): Promise<void> {
    if (this.drawn) this.opts.err(eraseLines(this.drawn));
    this.drawn = 0;
    await print();
    this.draw();
  }

  /** Draws the final frame and leaves it. */
  private finish(msg: IoMessage): void {
    const data = msg.data as { snapshot?: ProgressSnapshot; state?: DeployFailureData['state']; reason?: string } | undefined;
    if (data?.snapshot) this.last = data.snapshot;
    // The end's own reason ("failed: circuit breaker…; rolled back to …"), not the last poll's.
    if (this.last && data?.reason) this.last = { ...this.last, reason: data.reason };
    const final: FinalState =
      msg.code === MonitorCodes.SUCCEEDED ? 'succeeded' : msg.code === MonitorCodes.INTERRUPTED ? 'interrupted' : msg.code === MonitorCodes.ROLLBACK_UNCONFIRMED ? 'failed' : (data?.state ?? 'failed');
    this.draw(final);
    this.close();
  }
}
