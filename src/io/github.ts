import { appendFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { IoHost, IoMessage, IoRequest } from './messages.js';
import type { SourcePos } from '../errors.js';

/** What a summary section is built from: every message the run produced, in order, and how it ended. */
export interface RunRecord {
  command: string;
  messages: IoMessage[];
  exitCode: number;
  error?: string;
}

export type SummaryRenderer = (run: RunRecord) => string;

/**
 * GitHub Actions: wraps another host, turns warnings and errors that carry a position into
 * workflow annotations (`::warning file=…,line=…,col=…::…`) so they show on the PR's files,
 * and at the end appends a job summary (markdown) to `$GITHUB_STEP_SUMMARY`.
 * Enabled when `GITHUB_ACTIONS=true`.
 */
export class GitHubActionsIoHost implements IoHost {
  readonly messages: IoMessage[] = [];
  constructor(
    private readonly inner: IoHost,
    private readonly opts: {
      out: (text: string) => void;
      summaryFile?: string;
      renderSummary?: SummaryRenderer;
      /** GITHUB_WORKSPACE: annotation paths must be relative to the repository root, not the working directory. */
      workspace?: string;
      cwd?: string;
    },
  ) {}

  /** A position with its file relative to the workspace, as GitHub wants for annotations. */
  workspacePos(pos: SourcePos): SourcePos {
    const abs = resolve(this.opts.cwd ?? process.cwd(), pos.file);
    const rel = this.opts.workspace ? relative(this.opts.workspace, abs) : relative(this.opts.cwd ?? process.cwd(), abs);
    return { ...pos, file: rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs };
  }

  async notify(msg: IoMessage): Promise<void> {
    this.messages.push(msg);
    if (msg.level === 'warn' || msg.level === 'error') {
      // Messages with a position carry the bare text too: the annotation shows the position itself.
      const data = msg.data as { pos?: SourcePos; text?: string } | undefined;
      this.opts.out(annotation(msg.level === 'warn' ? 'warning' : 'error', data?.pos && data.text ? data.text : msg.message, data?.pos ? this.workspacePos(data.pos) : undefined));
    }
    await this.inner.notify(msg);
  }

  requestResponse<R>(req: IoRequest<R>): Promise<R> {
    return this.inner.requestResponse(req);
  }

  /** Writes the job summary, if a summary file and renderer are set. Never throws: a summary must not fail a deploy. */
  finish(run: Omit<RunRecord, 'messages'>): void {
    if (!this.opts.summaryFile || !this.opts.renderSummary) return;
    try {
      appendFileSync(this.opts.summaryFile, this.opts.renderSummary({ ...run, messages: this.messages }) + '\n');
    } catch {
      // An unwritable summary file is GitHub's problem to report, not a reason to change our exit code.
    }
  }
}

/** A workflow command line; data and properties escaped as GitHub's toolkit does. */
export function annotation(kind: 'warning' | 'error' | 'notice', message: string, pos?: SourcePos): string {
  const props: string[] = [];
  if (pos?.file) props.push(`file=${escapeProperty(pos.file)}`);
  if (pos?.line) props.push(`line=${pos.line}`);
  if (pos?.col) props.push(`col=${pos.col}`);
  return `::${kind}${props.length ? ' ' + props.join(',') : ''}::${escapeData(message)}\n`;
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
