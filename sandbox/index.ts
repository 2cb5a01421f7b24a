/**
 * The sandbox's public entry: `startSandbox()` wires clock, faults, request log, moto, the ECS
 * engine and the HTTP endpoint together, and hands back one object to point SDKs at and stop.
 */
import { SandboxClient } from './client.js';
import { SimClock } from './clock.js';
import { FaultInjector, type ThrottleMode } from './faults.js';
import { startMoto, type MotoServer } from './moto.js';
import { RequestLog } from './request-log.js';
import { startServer } from './server.js';
import type { EngineDeps, MotoAccess, ServiceEngine } from './types.js';

export { SandboxClient, SandboxControlError } from './client.js';
export type { ClockState, FaultRule, FaultRuleInput, RequestLogEntry, RequestLogFilter, SandboxHealth } from './client.js';
export { MotoNotInstalledError } from './moto.js';
export { AwsError } from './types.js';
export type { EngineDeps, RequestContext, Scheduler, ServiceEngine } from './types.js';

/** Builds an engine; may be async (e.g. a lazy import). */
export type EngineFactory = (deps: EngineDeps) => ServiceEngine | Promise<ServiceEngine>;

/** Options for {@link startSandbox}. */
export interface SandboxOptions {
  /** Port on 127.0.0.1; default 0 (a free port). */
  port?: number;
  /** Simulated ms per real ms; 0 = frozen (stepped by `advance`). Default 1. */
  timeScale?: number;
  /** Simulated epoch ms at start. Default: now. */
  startTime?: number;
  /** Default region when a request carries none. Default `us-east-1`. */
  region?: string;
  /** Account id the engines put in ARNs. Default `123456789012`. */
  accountId?: string;
  /** Seed for the fault PRNG. Default 1. */
  seed?: number;
  /** Realistic ECS token-bucket throttling (`realistic`) or none (`off`, default). */
  throttle?: ThrottleMode;
  /** Engine factories by name. Default: `{ ecs: createEcsEngine }` from `./ecs/index.js`. */
  engines?: Record<string, EngineFactory>;
  /** Start moto_server for the other services. Default true. */
  moto?: boolean;
  /** Extra environment for moto_server. */
  motoEnv?: Record<string, string>;
  /** Receives moto's log lines. */
  onMotoLog?: (line: string) => void;
  /** Check every ECS response against the ECS model; see `GET /_sandbox/validation`. Default: env `ECSX_SANDBOX_VALIDATE=1`. */
  validate?: boolean;
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>`: the one endpoint for every AWS service. */
  endpoint: string;
  port: number;
  region: string;
  accountId: string;
  /** Typed control-API client for this sandbox. */
  client: SandboxClient;
  /** The simulated clock (in-process users may step it directly). */
  clock: SimClock;
  /** moto's own endpoint, if moto runs. Clients should use `endpoint`, not this. */
  motoEndpoint: string | undefined;
  /** Environment variables that point the AWS SDKs, the AWS CLI and ecsx at this sandbox. */
  env(): Record<string, string>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts a sandbox: moto (unless disabled), the engines, and the HTTP endpoint. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const region = opts.region ?? 'us-east-1';
  const accountId = opts.accountId ?? '123456789012';
  const clock = new SimClock({ timeScale: opts.timeScale ?? 1, startTime: opts.startTime });
  const faults = new FaultInjector({ seed: opts.seed, throttle: opts.throttle });
  const log = new RequestLog();
  let moto: MotoServer | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    if (opts.moto !== false) moto = await startMoto({ region, env: opts.motoEnv, onLog: opts.onMotoLog });
    const motoAccess: MotoAccess = moto?.access ?? {
      endpoint: '',
      region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    const deps: EngineDeps = { scheduler: clock, moto: motoAccess, region, accountId };
    const factories = opts.engines ?? { ecs: await defaultEcsFactory() };
    const engines = new Map<string, ServiceEngine>();
    for (const [name, factory] of Object.entries(factories)) engines.set(name, await factory(deps));
    server = await startServer({ clock, faults, log, engines, moto, region, accountId, port: opts.port ?? 0, validate: opts.validate });
  } catch (err) {
    clock.stop();
    await moto?.stop();
    throw err;
  }
  const { endpoint, port } = server;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clock.stop();
      await server.close();
      await moto?.stop();
    })());
  return {
    endpoint,
    port,
    region,
    accountId,
    client: new SandboxClient(endpoint),
    clock,
    motoEndpoint: moto?.endpoint,
    env: () => sandboxEnv(endpoint, region),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/**
 * The environment that sends AWS SDKs (JS v3, boto3), the AWS CLI and ecsx to `endpoint`.
 * Callers merging it into `process.env` should also drop `AWS_PROFILE` and `AWS_SESSION_TOKEN`:
 * with `AWS_PROFILE` set, the JS SDK skips environment credentials (and an empty value makes
 * botocore look for a profile named "").
 */
export function sandboxEnv(endpoint: string, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    // No IMDS probing: it costs seconds of timeouts off EC2.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

// Imported lazily so the HTTP layer (and its tests with fake engines) load without the engine.
async function defaultEcsFactory(): Promise<EngineFactory> {
  const { createEcsEngine } = await import('./ecs/index.js');
  return (deps) => createEcsEngine(deps);
}
