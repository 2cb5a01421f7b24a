/**
 * A typed client for the sandbox's control API (`/_sandbox/*`), over fetch. Used by tests, by
 * `sandbox/main.ts` subcommands and by anyone scripting a running sandbox.
 */
import type { ClockState } from './clock.js';
import type { FaultRule, FaultRuleInput, ThrottleMode } from './faults.js';
import type { RequestLogEntry, RequestLogFilter } from './request-log.js';

export type { ClockState, FaultRule, FaultRuleInput, RequestLogEntry, RequestLogFilter, ThrottleMode };

/** `GET /_sandbox/health`. */
export interface SandboxHealth {
  ok: boolean;
  endpoint: string;
  region: string;
  accountId: string;
  moto: { endpoint: string; pid: number } | null;
  engines: string[];
  clock: ClockState;
  throttle: ThrottleMode;
}

/** `GET /_sandbox/faults`. */
export interface FaultsState {
  rules: FaultRule[];
  seed: number;
  throttle: ThrottleMode;
}

/** A non-2xx answer from the control API. */
export class SandboxControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxControlError';
  }
}

/** Talks to one sandbox's control API. */
export class SandboxClient {
  /** @param endpoint the sandbox endpoint, e.g. `http://127.0.0.1:4566` */
  constructor(readonly endpoint: string) {
    this.endpoint = endpoint.replace(/\/+$/, '');
  }

  health(): Promise<SandboxHealth> {
    return this.call('GET', '/health');
  }

  /** Clears engine state, scheduled actions, faults, the request log, and moto's state. */
  reset(): Promise<{ ok: true; clock: ClockState }> {
    return this.call('POST', '/reset');
  }

  clock(): Promise<ClockState> {
    return this.call('GET', '/clock');
  }

  /** Sets simulated time (forward only; due actions run) and/or the time scale. */
  setClock(body: { now?: number | string; timeScale?: number }): Promise<ClockState> {
    return this.call('POST', '/clock', body);
  }

  /** Steps simulated time; resolves after every action due on the way has run. */
  advance(seconds: number): Promise<ClockState> {
    return this.call('POST', '/clock/advance', { seconds });
  }

  /** 0 freezes time; 60 runs a minute per real second. */
  setTimeScale(timeScale: number): Promise<ClockState> {
    return this.call('POST', '/clock/scale', { timeScale });
  }

  addFault(rule: FaultRuleInput): Promise<FaultRule> {
    return this.call('POST', '/faults', rule);
  }

  faults(): Promise<FaultsState> {
    return this.call('GET', '/faults');
  }

  removeFault(id: string): Promise<{ removed: number }> {
    return this.call('DELETE', `/faults/${encodeURIComponent(id)}`);
  }

  clearFaults(): Promise<{ removed: number }> {
    return this.call('DELETE', '/faults');
  }

  setSeed(seed: number): Promise<{ seed: number }> {
    return this.call('POST', '/faults/seed', { seed });
  }

  setThrottle(mode: ThrottleMode): Promise<{ throttle: ThrottleMode }> {
    return this.call('POST', '/faults/throttle', { mode });
  }

  requests(filter: RequestLogFilter = {}): Promise<RequestLogEntry[]> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, String(v));
    const qs = q.toString();
    return this.call('GET', `/requests${qs ? `?${qs}` : ''}`);
  }

  clearRequests(): Promise<{ ok: true }> {
    return this.call('DELETE', '/requests');
  }

  /** Calls the ECS engine's control API: `/_sandbox/ecs<path>`. */
  ecs<T = unknown>(path: string, method = 'GET', body?: unknown): Promise<T> {
    return this.call(method, `/ecs${path.startsWith('/') ? path : `/${path}`}`, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.endpoint}/_sandbox${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      // fetch only says "fetch failed"; the useful part (ECONNREFUSED…) is in its cause.
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new SandboxControlError(0, 'Unreachable', `no sandbox answering at ${this.endpoint} (${why})`);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (!res.ok) {
      const e = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new SandboxControlError(res.status, e?.code ?? 'Error', e?.message ?? `HTTP ${res.status}: ${text.slice(0, 200)}`);
    }
    return parsed as T;
  }
}
