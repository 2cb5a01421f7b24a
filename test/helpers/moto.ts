/**
 * A private moto_server for one test file, for tests of the plugins against moto itself (no
 * sandbox in between):
 *
 *   const moto = await startMoto();
 *   useMotoInProcess(moto.endpoint);   // or pass motoEnv(moto.endpoint) to a child process
 *   ...
 *   await moto.stop();
 *
 * Starting, waiting and killing (also when this process exits) is the sandbox's own moto
 * launcher (sandbox/moto.ts); this file only adds the environment helpers tests need.
 */
import { freePort, startMoto as startSandboxMoto, type MotoServer } from '../../sandbox/moto.js';

export { freePort };

/** A running moto_server. */
export type Moto = Pick<MotoServer, 'endpoint' | 'port' | 'pid' | 'stop'>;

export interface StartMotoOptions {
  /** Extra environment for moto (e.g. `MOTO_ECS_SERVICE_RUNNING`). */
  env?: Record<string, string>;
  /** How long to wait for moto to answer; default 30 s. */
  startTimeoutMs?: number;
}

/** Static test credentials; moto accepts anything. */
export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/**
 * Environment that points every AWS SDK / CLI / Terraform call at moto, with test credentials and
 * a region, and no profile (so nothing can fall back to real AWS).
 */
export function motoEnv(endpoint: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Applies `motoEnv` to `process.env` (dropping AWS_PROFILE / AWS_SESSION_TOKEN); the SDK reads endpoints and credentials from there. */
export function useMotoInProcess(endpoint: string, region = 'us-east-1'): void {
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_ENDPOINT_URL_')) delete process.env[k];
  Object.assign(process.env, motoEnv(endpoint, region));
}

/** Starts moto_server on a free port; rejects with an install hint when moto is missing. */
export async function startMoto(opts: StartMotoOptions = {}): Promise<Moto> {
  return startSandboxMoto({ region: 'us-east-1', env: opts.env, startTimeoutMs: opts.startTimeoutMs ?? 30_000 });
}
