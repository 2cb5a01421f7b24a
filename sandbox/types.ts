/**
 * Contracts between the sandbox's HTTP layer (server, control API, faults, clock) and its
 * behavioural ECS engine (sandbox/ecs/). The sandbox never imports src/ (see docs/architecture.md).
 */

/** An AWS-style error: serialised by the protocol layer as `{"__type": code, "message": ...}`. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export interface RequestContext {
  region: string;
  accountId: string;
  requestId: string;
}

/**
 * Simulated time. `now()` is the simulated epoch in ms; actions scheduled with `at`/`after` run
 * in time order when simulated time reaches them (on the next request, on a control-API step,
 * or from the background ticker when time runs at a scale). Actions may be async; they run one
 * at a time, so engine state is never touched by two actions at once.
 */
export interface Scheduler {
  now(): number;
  at(time: number, action: () => void | Promise<void>): void;
  after(ms: number, action: () => void | Promise<void>): void;
  /** Runs every action due at or before now(). Called before each request is handled. */
  runDue(): Promise<void>;
}

/** Where the sandbox's moto_server listens, and credentials that moto accepts. */
export interface MotoAccess {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** A service implemented by the sandbox itself (today: ECS), addressed by JSON-1.1 operation name. */
export interface ServiceEngine {
  /**
   * Optional: the operation names the engine implements. When given, the server answers any
   * other operation with `UnknownOperationException` without calling `handle`.
   */
  readonly operations?: readonly string[];
  handle(operation: string, input: Record<string, unknown>, ctx: RequestContext): Promise<unknown>;
  /**
   * Handles `/_sandbox/<engine>/...` control calls (scenarios, inspection). `path` is the part
   * after `/_sandbox/<engine>`, starting with `/`, query string included (`/tasks?cluster=x`);
   * `body` is the parsed JSON body or undefined. The result is sent as JSON; throw an `AwsError`
   * to answer with its status and `{ "error": { code, message } }`.
   */
  control(path: string, method: string, body: unknown): Promise<unknown>;
  /** Forget all state (control API `reset`). */
  reset(): Promise<void>;
}

export interface EngineDeps {
  scheduler: Scheduler;
  moto: MotoAccess;
  region: string;
  accountId: string;
}
