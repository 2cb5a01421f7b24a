/**
 * The control API under `/_sandbox/`: health, reset, clock, faults, request log, and
 * `/_sandbox/<engine>/...` forwarded to an engine (scenarios, inspection). Plain JSON over HTTP,
 * unsigned: it is a test harness, not an AWS service.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimClock } from './clock.js';
import type { FaultInjector, FaultRuleInput, ThrottleMode } from './faults.js';
import type { MotoServer } from './moto.js';
import type { RequestLog } from './request-log.js';
import { AwsError, type ServiceEngine } from './types.js';

/** Everything the control API operates on. */
export interface ControlDeps {
  clock: SimClock;
  faults: FaultInjector;
  log: RequestLog;
  engines: ReadonlyMap<string, ServiceEngine>;
  moto: MotoServer | undefined;
  /** Static facts for `GET /_sandbox/health`. */
  info: { endpoint: () => string; region: string; accountId: string };
}

/** A control-API error: `{ "error": { "code", "message" } }` with an HTTP status. */
class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Route = (body: unknown, url: URL) => Promise<unknown> | unknown;

/** Builds the request handler for `/_sandbox/*`. */
export function createControlHandler(deps: ControlDeps) {
  const { clock, faults, log } = deps;
  const routes: Record<string, Route> = {
    'GET /health': () => ({
      ok: true,
      endpoint: deps.info.endpoint(),
      region: deps.info.region,
      accountId: deps.info.accountId,
      moto: deps.moto ? { endpoint: deps.moto.endpoint, pid: deps.moto.pid } : null,
      engines: [...deps.engines.keys()],
      clock: clock.state(),
      throttle: faults.throttle,
    }),
    'POST /reset': async () => {
      // Under the clock mutex: no action of the old state may run halfway through the reset.
      await clock.exclusive(async () => {
        clock.clear();
        for (const engine of deps.engines.values()) await engine.reset();
      });
      faults.clear();
      log.clear();
      await deps.moto?.reset();
      return { ok: true, clock: clock.state() };
    },
    'GET /clock': () => clock.state(),
    'POST /clock': async (body) => {
      const b = asObject(body);
      if (b.timeScale !== undefined) clock.setTimeScale(num(b.timeScale, 'timeScale'));
      if (b.now !== undefined) {
        const t = typeof b.now === 'string' && !/^\d+$/.test(b.now) ? Date.parse(b.now) : Number(b.now);
        return clock.setTime(num(t, 'now'));
      }
      return clock.state();
    },
    'POST /clock/advance': (body) => {
      const b = asObject(body);
      const ms = b.ms !== undefined ? num(b.ms, 'ms') : num(b.seconds, 'seconds') * 1000;
      return clock.advance(ms);
    },
    'POST /clock/scale': (body) => clock.setTimeScale(num(asObject(body).timeScale, 'timeScale')),
    'GET /faults': () => ({ rules: faults.list(), seed: faults.seed, throttle: faults.throttle }),
    'POST /faults': (body) => faults.add(asObject(body) as unknown as FaultRuleInput),
    'DELETE /faults': () => {
      const removed = faults.list().length;
      faults.clear();
      return { removed };
    },
    'POST /faults/seed': (body) => {
      faults.setSeed(num(asObject(body).seed, 'seed'));
      return { seed: faults.seed };
    },
    'POST /faults/throttle': (body) => {
      faults.setThrottle(asObject(body).mode as ThrottleMode);
      return { throttle: faults.throttle };
    },
    'GET /requests': (_body, url) => {
      const q = url.searchParams;
      const afterSeq = q.get('afterSeq');
      return log.list({
        service: q.get('service') ?? undefined,
        operation: q.get('operation') ?? undefined,
        since: q.get('since') ?? undefined,
        afterSeq: afterSeq ? Number(afterSeq) : undefined,
      });
    },
    'DELETE /requests': () => {
      log.clear();
      return { ok: true };
    },
  };

  return async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const sub = url.pathname.slice('/_sandbox'.length) || '/';
    try {
      const body = await readJson(req);
      let result: unknown;
      const route = routes[`${method} ${sub.replace(/\/+$/, '') || '/'}`];
      const faultId = /^\/faults\/(f\d+)$/.exec(sub)?.[1];
      const engineName = /^\/([a-z0-9-]+)(?:\/|$)/.exec(sub)?.[1];
      if (route) {
        result = await route(body, url);
      } else if (faultId && method === 'DELETE') {
        if (!faults.remove(faultId)) throw new ControlError(404, 'NotFound', `no fault rule ${faultId}`);
        result = { removed: 1 };
      } else if (engineName && deps.engines.has(engineName)) {
        // The engine sees the path after `/_sandbox/<engine>`, query string included.
        const rest = sub.slice(engineName.length + 1) || '/';
        result = await deps.engines.get(engineName)!.control(rest + url.search, method, body);
      } else {
        throw new ControlError(404, 'NotFound', `no control endpoint ${method} ${url.pathname}`);
      }
      send(res, 200, result ?? { ok: true });
    } catch (err) {
      const [status, code, message] =
        err instanceof ControlError ? [err.status, err.code, err.message]
        : err instanceof AwsError ? [err.status, err.code, err.message]
        : err instanceof RangeError || err instanceof SyntaxError || err instanceof TypeError ? [400, 'BadRequest', err.message]
        : [500, 'InternalError', String((err as Error)?.stack ?? err)];
      send(res, status, { error: { code, message } });
    }
  };
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new SyntaxError('request body is not valid JSON');
  }
}

function asObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new TypeError('expected a JSON object body');
  return body as Record<string, unknown>;
}

function num(v: unknown, name: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new RangeError(`${name} must be a number`);
  return n;
}
