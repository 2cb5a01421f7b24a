/**
 * The sandbox's one loopback HTTP endpoint. ECS JSON 1.1 calls go to the sandbox's own engine;
 * `/_sandbox/*` is the control API; every other request (any service, any protocol) is proxied
 * byte-for-byte to moto_server. Signatures are never checked.
 */
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { SimClock } from './clock.js';
import { createControlHandler } from './control.js';
import type { FaultDecision, FaultInjector } from './faults.js';
import type { MotoServer } from './moto.js';
import {
  ECS_TARGET_PREFIX, detectProtocol, extractErrorCode, inferOperation, jsonBody, parseCredentialScope,
  serverErrorCode, throttleError, virtualHostBucket, writeWireError, type Protocol,
} from './protocol.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import { AwsError, type ServiceEngine } from './types.js';
import { createValidationHook } from './validate/hook.js';

/** Everything the server routes to. */
export interface SandboxServerOptions {
  clock: SimClock;
  faults: FaultInjector;
  log: RequestLog;
  engines: ReadonlyMap<string, ServiceEngine>;
  moto: MotoServer | undefined;
  region: string;
  accountId: string;
  /** Port to listen on (127.0.0.1); 0 = a free one. */
  port: number;
  /** Check every ECS response against the model (GET /_sandbox/validation). Default: env ECSX_SANDBOX_VALIDATE=1. */
  validate?: boolean;
}

/** A listening sandbox endpoint. */
export interface SandboxServer {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

const MAX_JSON_BODY = 16 * 1024 * 1024;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'expect']);

type Finish = (status: number, extra?: Partial<RequestLogEntry>) => void;

/** Starts the HTTP endpoint on 127.0.0.1. */
export async function startServer(opts: SandboxServerOptions): Promise<SandboxServer> {
  const { clock, faults, log } = opts;
  let endpoint = '';
  const control = createControlHandler({
    clock, faults, log, engines: opts.engines, moto: opts.moto,
    info: { endpoint: () => endpoint, region: opts.region, accountId: opts.accountId },
  });
  // moto (werkzeug) answers `Connection: close`, so pooling sockets to it buys nothing.
  const upstreamAgent = new Agent({ keepAlive: false });
  const validation = await createValidationHook(opts.validate ?? process.env.ECSX_SANDBOX_VALIDATE === '1');

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (url.pathname === '/_sandbox/validation') return validation.serve(req, res);
    if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) return control(req, res, url);

    const requestId = randomUUID();
    const target = typeof req.headers['x-amz-target'] === 'string' ? req.headers['x-amz-target'] : undefined;
    const isEcs = target?.startsWith(ECS_TARGET_PREFIX) ?? false;
    const scope = parseCredentialScope(req.headers, url);
    const bucket = isEcs ? undefined : virtualHostBucket(req.headers.host);
    const service = isEcs ? 'ecs' : (scope?.service ?? (bucket ? 's3' : 'unknown'));
    const region = scope?.region ?? opts.region;
    // Virtual-host S3 (`bucket.localhost`) becomes path style, which moto always understands.
    const path = bucket ? `/${bucket}${url.pathname === '/' ? '' : url.pathname}${url.search}` : (req.url ?? '/');
    const pathUrl = new URL(path, 'http://sandbox');

    // JSON and query-protocol bodies are small and needed to name the operation: buffer them.
    const buffered = isEcs || isForm(req) ? await readBody(req, MAX_JSON_BODY) : undefined;
    const operation = isEcs
      ? target!.slice(ECS_TARGET_PREFIX.length)
      : inferOperation(req.method ?? 'GET', pathUrl, req.headers, service, buffered?.toString('utf8'));
    const protocol: Protocol = isEcs ? 'json' : detectProtocol(req.headers, service, pathUrl);

    const base = {
      time: new Date(clock.now()).toISOString(), realTime: new Date().toISOString(),
      service, operation, region, requestId,
    };
    let logged = false;
    const finish: Finish = (status, extra) => {
      if (logged) return;
      logged = true;
      log.add({ ...base, status, durationMs: Math.round(performance.now() - started), ...extra });
    };

    const decision = faults.decide(service, operation);
    if (decision.latencyMs > 0) await delay(decision.latencyMs);
    if (injectFault(decision, req, res, { protocol, service, requestId, finish })) return;

    if (isEcs) {
      await handleEcs(operation, buffered!, res, { region, requestId, finish });
    } else {
      proxy(req, res, { path, rewriteHost: bucket !== undefined, buffered, protocol, service, requestId, finish });
    }
  }

  function injectFault(
    d: FaultDecision, req: IncomingMessage, res: ServerResponse,
    c: { protocol: Protocol; service: string; requestId: string; finish: Finish },
  ): boolean {
    if (d.rule?.kind === 'reset') {
      // Like a load balancer dropping the connection: the SDK sees ECONNRESET / socket hang up.
      req.socket.destroy();
      c.finish(0, { errorCode: 'ConnectionReset', fault: d.rule.id });
      return true;
    }
    let err: { status: number; code: string; message: string } | undefined;
    if (d.throttled) err = throttleError(c.protocol);
    if (d.rule?.kind === 'throttle') err = throttleError(c.protocol);
    if (d.rule?.kind === 'error5xx') {
      const status = d.rule.status ?? 503;
      err = { status, code: serverErrorCode(c.protocol, status, c.service), message: status === 503 ? 'Service Unavailable' : 'Internal Server Error' };
    }
    if (!err) return false;
    const rule = d.rule;
    const wire = {
      status: rule?.status ?? err.status, code: rule?.code ?? err.code, message: rule?.message ?? err.message,
      requestId: c.requestId, contentType: jsonContentType(req),
    };
    writeWireError(res, c.protocol, wire);
    c.finish(wire.status, { errorCode: wire.code, fault: rule?.id ?? d.throttled });
    return true;
  }

  async function handleEcs(
    operation: string, body: Buffer, res: ServerResponse,
    c: { region: string; requestId: string; finish: Finish },
  ): Promise<void> {
    const fail = (status: number, code: string, message: string) => {
      writeWireError(res, 'json', { status, code, message, requestId: c.requestId });
      validation.error(operation, status, code, message, c.requestId);
      c.finish(status, { errorCode: code });
    };
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return fail(400, 'SerializationException', 'Start of structure or map found where not expected.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return fail(400, 'SerializationException', 'Expected a JSON object as the request body.');
    }
    const engine = opts.engines.get('ecs');
    if (!engine || (engine.operations && !engine.operations.includes(operation))) {
      return fail(400, 'UnknownOperationException', `The operation ${operation} is not supported by this sandbox.`);
    }
    try {
      const ctx = { region: c.region, accountId: opts.accountId, requestId: c.requestId };
      // Due actions first, then the call, all under the clock mutex: a request never observes
      // an action half-applied, and actions never interleave with each other.
      const result = await clock.exclusive(async () => {
        await clock.runDue();
        return engine.handle(operation, input as Record<string, unknown>, ctx);
      });
      const text = jsonBody(result);
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        'content-length': Buffer.byteLength(text),
        'x-amzn-RequestId': c.requestId,
      });
      res.end(text);
      validation.response(operation, text, c.requestId);
      c.finish(200);
    } catch (err) {
      if (err instanceof AwsError) return fail(err.status, err.code, err.message);
      console.error(`[sandbox] ECS ${operation} failed:`, err);
      fail(500, 'ServerException', `Server Exception: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  function proxy(
    req: IncomingMessage, res: ServerResponse,
    c: { path: string; rewriteHost: boolean; buffered: Buffer | undefined; protocol: Protocol; service: string; requestId: string; finish: Finish },
  ): void {
    const moto = opts.moto;
    if (!moto) {
      writeWireError(res, c.protocol, { status: 501, code: 'NotImplemented', message: `moto is disabled in this sandbox; ${c.service} is unavailable`, requestId: c.requestId });
      return c.finish(501, { errorCode: 'NotImplemented' });
    }
    // Keep the client's Host (moto builds URLs such as S3 Locations from it) unless we rewrote
    // a virtual-host S3 request to path style.
    const headers: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      const lower = name.toLowerCase();
      if (HOP_BY_HOP.has(lower)) continue;
      if (lower === 'host' && c.rewriteHost) continue;
      if (lower === 'content-length' && c.buffered) continue;
      headers.push(name, req.rawHeaders[i + 1]!);
    }
    if (c.rewriteHost) headers.push('Host', endpoint.replace(/^http:\/\//, ''));
    if (c.buffered) headers.push('Content-Length', String(c.buffered.length));

    const upstream = httpRequest(`${moto.endpoint}${c.path}`, { method: req.method, headers, agent: upstreamAgent });
    upstream.on('response', (up) => {
      const out: string[] = [];
      for (let i = 0; i < up.rawHeaders.length; i += 2) {
        if (!HOP_BY_HOP.has(up.rawHeaders[i]!.toLowerCase())) out.push(up.rawHeaders[i]!, up.rawHeaders[i + 1]!);
      }
      const status = up.statusCode ?? 502;
      res.writeHead(status, out);
      // Keep the start of error bodies to name the error code in the request log.
      const head: Buffer[] = [];
      let kept = 0;
      if (status >= 400) {
        up.on('data', (chunk: Buffer) => {
          if (kept >= 8192) return;
          head.push(chunk);
          kept += chunk.length;
        });
      }
      up.pipe(res);
      up.on('end', () => {
        const errorCode = status >= 400 ? extractErrorCode(up.headers, Buffer.concat(head).toString('utf8')) : undefined;
        const upstreamId = up.headers['x-amzn-requestid'] ?? up.headers['x-amz-request-id'];
        c.finish(status, {
          ...(errorCode ? { errorCode } : {}),
          ...(typeof upstreamId === 'string' ? { requestId: upstreamId } : {}),
        });
      });
    });
    upstream.on('error', (err) => {
      if (res.headersSent) {
        res.destroy(err);
        return c.finish(502, { errorCode: 'UpstreamError' });
      }
      writeWireError(res, c.protocol, { status: 502, code: 'ServiceUnavailable', message: `moto_server unreachable: ${err.message}`, requestId: c.requestId });
      c.finish(502, { errorCode: 'UpstreamError' });
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    if (c.buffered) upstream.end(c.buffered);
    else req.pipe(upstream);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err) => {
      console.error('[sandbox] request failed:', err);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      } else res.destroy();
    });
  });
  // Longer than SDK socket reuse windows, so a pooled connection is rarely closed under a request.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        upstreamAgent.destroy();
      }),
  };
}

function isForm(req: IncomingMessage): boolean {
  return String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

function jsonContentType(req: IncomingMessage): string | undefined {
  const ct = req.headers['content-type'];
  return typeof ct === 'string' && ct.startsWith('application/x-amz-json') ? ct : undefined;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
