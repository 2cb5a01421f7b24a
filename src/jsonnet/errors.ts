import { UserInputError, formatPos, type SourcePos } from '../errors.js';

/** A position in a Jsonnet file (1-based line and column). */
export interface JsonnetPos extends SourcePos {
  file: string;
  line: number;
  col: number;
}

/** One entry of a Jsonnet stack trace: where a call or field evaluation happened. */
export interface JsonnetFrame {
  pos: JsonnetPos;
  /** What was being evaluated there, e.g. `function <f>` or `field <name>`. */
  name: string;
}

/** Whether the error was found before evaluation (syntax, scoping) or while evaluating. */
export type JsonnetErrorKind = 'static' | 'runtime';

const MAX_FRAMES = 20;

/**
 * A static or runtime Jsonnet error. `pos` is the offending expression; `trace` lists the
 * enclosing calls and field evaluations, innermost first (like go-jsonnet's stack trace).
 */
export class JsonnetError extends UserInputError {
  readonly kind: JsonnetErrorKind;
  readonly trace: JsonnetFrame[] = [];
  declare readonly pos: JsonnetPos;

  constructor(message: string, pos: JsonnetPos, kind: JsonnetErrorKind = 'runtime', cause?: unknown) {
    super('JSONNET', message, { pos: { file: pos.file, line: pos.line, col: pos.col }, cause });
    this.kind = kind;
  }

  /** Records an enclosing frame (kept short: the first 20 frames only). */
  addFrame(pos: JsonnetPos, name: string): void {
    if (this.trace.length >= MAX_FRAMES) return;
    const last = this.trace[this.trace.length - 1];
    if (last && last.pos === pos && last.name === name) return;
    this.trace.push({ pos, name });
  }

  /** `file:line:col: message`, followed by the stack trace, one frame a line. */
  override describe(): string {
    const head = `${formatPos(this.pos)}: ${this.kind === 'static' ? 'STATIC' : 'RUNTIME'} ERROR: ${this.message}`;
    if (this.trace.length === 0) return head;
    return [head, ...this.trace.map((f) => `\t${formatPos(f.pos)}\t${f.name}`)].join('\n');
  }
}

/**
 * A failure raised inside a builtin, without a position yet: the call site turns it into a
 * JsonnetError at the position of the `std.xxx(...)` call.
 */
export class BuiltinFailure extends Error {}

/** Throws a builtin failure with the given message. */
export function fail(message: string): never {
  throw new BuiltinFailure(message);
}
