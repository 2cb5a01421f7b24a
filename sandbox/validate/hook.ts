/**
 * The server's opt-in fidelity hook: when enabled (`startSandbox({ validate: true })` or
 * `ECSX_SANDBOX_VALIDATE=1`), every ECS response the engine produces is checked against the ECS
 * model (validator.ts) and each distinct violation is recorded, for `GET /_sandbox/validation`.
 *
 * The validator and its shape table are loaded only when validation is on, so a sandbox without
 * it starts as fast as before.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatViolation, type Violation } from './format.js';

/** A recorded violation: how often it was seen, and the first request that showed it. */
export interface RecordedViolation extends Violation {
  count: number;
  requestId: string;
}

/** What `GET /_sandbox/validation` returns. */
export interface ValidationReport {
  enabled: boolean;
  /** ECS responses checked so far. */
  checked: number;
  violations: RecordedViolation[];
  /** Distinct violations not kept because `MAX_VIOLATIONS` were already recorded. */
  dropped: number;
}

export interface ValidationHook {
  readonly enabled: boolean;
  /** A successful ECS response, as the JSON text sent on the wire. */
  response(operation: string, text: string, requestId: string): void;
  /** An ECS error response written by the server (not an injected fault). */
  error(operation: string, status: number, code: string, message: string, requestId: string): void;
  report(): ValidationReport;
  clear(): void;
  /** Answers `GET` (report) and `DELETE` (clear) on `/_sandbox/validation`. */
  serve(req: IncomingMessage, res: ServerResponse): void;
}

const MAX_VIOLATIONS = 1000;
/** Answered by the protocol layer before the engine runs: they say nothing about the engine's fidelity. */
const PROTOCOL_ERRORS = new Set(['SerializationException', 'UnknownOperationException']);

/**
 * `warn` receives each distinct violation once, as one line (default: stderr), so violations show
 * in logs even when nobody asks `/_sandbox/validation`.
 */
export async function createValidationHook(
  enabled: boolean,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<ValidationHook> {
  const v = enabled ? await import('./validator.js') : undefined;
  const seen = new Map<string, RecordedViolation>();
  let checked = 0;
  let dropped = 0;
  const record = (found: Violation[], requestId: string) => {
    for (const x of found) {
      const key = `${x.operation}\u0000${x.path}\u0000${x.problem}`;
      const known = seen.get(key);
      if (known) known.count++;
      else if (seen.size < MAX_VIOLATIONS) {
        seen.set(key, { ...x, count: 1, requestId });
        warn(`[sandbox] ECS response does not match the model: ${formatViolation(x)}`);
      } else dropped++;
    }
  };
  // The response has been sent when validation runs: a validator bug must not reach the server.
  const guard = (operation: string, requestId: string, run: () => Violation[]) => {
    try {
      record(run(), requestId);
    } catch (err) {
      record([{ operation, path: '', problem: `validator failed: ${(err as Error)?.message ?? String(err)}` }], requestId);
    }
  };
  const hook: ValidationHook = {
    enabled,
    response(operation, text, requestId) {
      if (!v) return;
      checked++;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return record([{ operation, path: '', problem: 'response body is not JSON' }], requestId);
      }
      guard(operation, requestId, () => v.validateOutput(operation, body));
    },
    error(operation, status, code, message, requestId) {
      if (!v || PROTOCOL_ERRORS.has(code)) return;
      checked++;
      if (status >= 500 && code === 'ServerException') {
        // The server answers 500 ServerException only when the engine threw something unexpected.
        return record([{ operation, path: '', problem: `engine failure: ${message}` }], requestId);
      }
      guard(operation, requestId, () => v.validateError(operation, code, { __type: code, message }));
      if (status !== 400) record([{ operation, path: '', problem: `HTTP ${status} for client error ${code} (ECS uses 400)` }], requestId);
    },
    report: () => ({ enabled, checked, violations: [...seen.values()], dropped }),
    clear() {
      seen.clear();
      checked = 0;
      dropped = 0;
    },
    serve(req, res) {
      const method = req.method ?? 'GET';
      if (method === 'DELETE') hook.clear();
      const [status, value] =
        method === 'GET' || method === 'DELETE'
          ? [200, hook.report()]
          : [404, { error: { code: 'NotFound', message: `no control endpoint ${method} /_sandbox/validation` } }];
      const body = JSON.stringify(value);
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
  };
  return hook;
}
