import { JsonIoHost } from '../../io/hosts.js';
import type { IoHost } from '../../io/messages.js';
import type { ProgressHostOptions } from './options.js';
import { PlainProgressHost } from './plain-host.js';
import { TtyProgressHost } from './tty-host.js';

export { TtyProgressHost } from './tty-host.js';
export { PlainProgressHost } from './plain-host.js';
export { frameLines, deploymentLine, bar, layoutFor, formatElapsed, type Layout, type FinalState } from './format.js';
export { eraseLines, fitLine, stripAnsi, visibleWidth } from './ansi.js';
export type { ProgressHostOptions } from './options.js';

/** Options of {@link createProgressHost}. */
export interface CreateProgressHostOptions extends ProgressHostOptions {
  /** stderr is a terminal (and TERM is not `dumb`): use the live view. */
  isTTY: boolean;
  /** `--output json` / `--log-format json`: JSON lines, whatever the terminal. */
  json?: boolean;
}

/** The IoHost for a command that deploys: JSON lines, the live TTY view, or plain timestamped lines. */
export function createProgressHost(o: CreateProgressHostOptions): IoHost {
  if (o.json) return new JsonIoHost(o);
  return o.isTTY ? new TtyProgressHost(o) : new PlainProgressHost(o);
}
