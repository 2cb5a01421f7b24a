/**
 * The EcsxError hierarchy. The library throws only these; `cli/` maps them to exit codes.
 * `source` says whose fault it is: the user's input, AWS, or ours.
 */
export type ErrorSource = 'user' | 'aws' | 'internal';

/** A place in a user's file, 1-based line and column. */
export interface SourcePos {
  file: string;
  line?: number;
  col?: number;
}

export function formatPos(pos: SourcePos): string {
  if (pos.line === undefined) return pos.file;
  return pos.col === undefined ? `${pos.file}:${pos.line}` : `${pos.file}:${pos.line}:${pos.col}`;
}

export interface EcsxErrorOptions {
  cause?: unknown;
  pos?: SourcePos;
}

export class EcsxError extends Error {
  readonly code: string;
  readonly source: ErrorSource;
  readonly pos?: SourcePos;
  /** True when the action already told the user (through the IoHost); the CLI then only sets the exit code. */
  reported = false;
  constructor(code: string, source: ErrorSource, message: string, opts: EcsxErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.source = source;
    this.pos = opts.pos;
  }
  /** `file:line:col: message` when the error has a position, else the message. */
  describe(): string {
    return this.pos ? `${formatPos(this.pos)}: ${this.message}` : this.message;
  }
}

/** Bad input: config, template, definition, flag. Exit 2, nothing mutated. */
export class UserInputError extends EcsxError {
  constructor(code: string, message: string, opts: EcsxErrorOptions = {}) {
    super(code, 'user', message, opts);
  }
}

/** An error in a template: unclosed action, unknown function, failed function call. */
export class TemplateError extends UserInputError {
  constructor(message: string, pos: SourcePos, cause?: unknown) {
    super('TEMPLATE', message, { pos, cause });
  }
}

/** A config file that cannot be found, parsed or that fails validation. */
export class ConfigError extends UserInputError {
  constructor(message: string, pos?: SourcePos, cause?: unknown) {
    super('CONFIG', message, { pos, cause });
  }
}

/** A task / service / express definition that does not match the API shape. */
export class DefinitionError extends UserInputError {
  constructor(message: string, pos?: SourcePos, cause?: unknown) {
    super('DEFINITION', message, { pos, cause });
  }
}

/** An unknown or malformed command-line flag or argument. */
export class UsageError extends UserInputError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** An AWS call failed (after retries). `awsCode` is the service's error code. */
export class AwsCallError extends EcsxError {
  readonly awsCode?: string;
  readonly operation?: string;
  constructor(message: string, opts: EcsxErrorOptions & { awsCode?: string; operation?: string } = {}) {
    super('AWS', 'aws', message, opts);
    this.awsCode = opts.awsCode;
    this.operation = opts.operation;
  }
}

/** A deployment failed and ECS rolled the service back to the previous revision (exit 3). */
export class DeploymentRolledBackError extends EcsxError {
  constructor(message: string, opts: EcsxErrorOptions = {}) {
    super('ROLLED_BACK', 'aws', message, opts);
  }
}

/** A deployment failed or timed out and the final state is not confirmed (exit 4). */
export class DeploymentFailedError extends EcsxError {
  constructor(code: 'DEPLOYMENT_FAILED' | 'TIMEOUT', message: string, opts: EcsxErrorOptions = {}) {
    super(code, 'aws', message, opts);
  }
}

/** `diff --exit-code` found changes (exit 5). Not a failure of the tool. */
export class DiffFoundError extends EcsxError {
  constructor() {
    super('DIFF_FOUND', 'user', 'differences found');
  }
}

/** The user interrupted (Ctrl-C, exit 130). */
export class InterruptedError extends EcsxError {
  constructor(message = 'interrupted') {
    super('INTERRUPTED', 'user', message);
  }
}

/** A bug or an unexpected state in ecsx itself (exit 1). */
export class InternalError extends EcsxError {
  constructor(message: string, opts: EcsxErrorOptions = {}) {
    super('INTERNAL', 'internal', message, opts);
  }
}

/** Exit codes, documented in docs/output.md and the README. */
export const ExitCode = {
  OK: 0,
  INTERNAL: 1,
  USAGE: 2,
  ROLLED_BACK: 3,
  FAILED: 4,
  DIFF: 5,
  INTERRUPTED: 130,
} as const;

export function exitCodeFor(err: unknown): number {
  // A template or Jsonnet error that wraps an AWS or internal failure (an `ssm` call that could
  // not connect) is not bad input: the wrapped error decides.
  if (err instanceof UserInputError && err.cause instanceof EcsxError && err.cause.source !== 'user') return exitCodeFor(err.cause);
  if (err instanceof DiffFoundError) return ExitCode.DIFF;
  if (err instanceof InterruptedError) return ExitCode.INTERRUPTED;
  if (err instanceof UserInputError) return ExitCode.USAGE;
  if (err instanceof DeploymentRolledBackError) return ExitCode.ROLLED_BACK;
  if (err instanceof DeploymentFailedError) return ExitCode.FAILED;
  return ExitCode.INTERNAL;
}
