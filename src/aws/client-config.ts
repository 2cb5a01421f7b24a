/**
 * The one place that decides how AWS SDK v3 clients are configured. Every client (S3, SSM, ECS, …)
 * is built from `clientConfig()`, so region, profile, retries and local-endpoint handling agree.
 *
 * Endpoints: the SDK itself honours `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>` (for
 * example `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_SECRETS_MANAGER`) from `process.env`. When the
 * caller names the service, the same variables are also read from the injected `env` and passed
 * as an explicit `endpoint`, so a library user's env is honoured too. S3 is switched to path-style
 * addressing behind a custom endpoint: emulators such as moto cannot serve `bucket.host:port`.
 */

import { assumeRoleProvider, type CredentialProvider } from './assume-role.js';

/** Region and profile chosen by the user (config `region`, `--region`, `--profile`). */
export interface AwsOptions {
  region?: string;
  profile?: string;
  /** `--assume-role-arn`: every client uses this role's credentials (sts:AssumeRole). */
  assumeRoleArn?: string;
}

/** Extra knobs for one client. */
export interface ClientConfigExtra {
  /**
   * The SDK service id the client is for (`S3`, `SSM`, `Secrets Manager`, `CloudFormation`; case
   * and spacing free). Enables the env endpoint lookup; `s3` also turns on path-style addressing.
   */
  service?: string;
  /** Environment to read (defaults to `process.env`); injected by tests. */
  env?: NodeJS.ProcessEnv;
  /** An explicit endpoint (e.g. a Terraform S3 backend's `endpoints.s3`). */
  endpoint?: string;
  /** Force path-style S3 addressing regardless of the environment. */
  forcePathStyle?: boolean;
  /** Static credentials (e.g. a Terraform S3 backend's `access_key` / `secret_key`). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The subset of v3 client configuration ecsx sets; assignable to any v3 client's constructor input. */
export interface AwsClientConfig {
  region?: string;
  profile?: string;
  maxAttempts: number;
  retryMode: 'adaptive';
  endpoint?: string;
  forcePathStyle?: boolean;
  /** S3 only: retry in the bucket's own region when the bucket lives elsewhere (as tfstate-lookup does). */
  followRegionRedirects?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | CredentialProvider;
}

/** Attempts per call, including the first. ECS control-plane calls throttle easily; adaptive mode backs off client-side. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** Region from the options, else `AWS_REGION`, else `AWS_DEFAULT_REGION`; undefined lets the SDK look at the profile. */
export function resolveRegion(opts: AwsOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return nonEmpty(opts.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
}

function serviceKey(service: string): string {
  return service.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * The endpoint the environment sets for `service`: `AWS_ENDPOINT_URL_<SERVICE>`, else
 * `AWS_ENDPOINT_URL`; none when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (as the SDK does).
 */
export function endpointFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return undefined;
  return nonEmpty(env[`AWS_ENDPOINT_URL_${serviceKey(service)}`]) ?? nonEmpty(env.AWS_ENDPOINT_URL);
}

/** True when a custom endpoint for `service` is set in the environment (generic or service-specific). */
export function hasEndpointOverride(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return endpointFromEnv(service, env) !== undefined;
}

/**
 * Builds the configuration object for any v3 client: `new SSMClient(clientConfig(opts))`.
 * For S3, `forcePathStyle` is set when a custom endpoint is in use (env or `extra.endpoint`).
 */
export function clientConfig(opts: AwsOptions = {}, extra: ClientConfigExtra = {}): AwsClientConfig {
  const env = extra.env ?? process.env;
  const cfg: AwsClientConfig = { maxAttempts: DEFAULT_MAX_ATTEMPTS, retryMode: 'adaptive' };
  const region = resolveRegion(opts, env);
  if (region) cfg.region = region;
  const profile = nonEmpty(opts.profile);
  if (profile) cfg.profile = profile;
  const endpoint = extra.endpoint ?? (extra.service ? endpointFromEnv(extra.service, env) : undefined);
  if (endpoint) cfg.endpoint = endpoint;
  const creds = extra.credentials ?? (profile || nonEmpty(env.AWS_PROFILE) ? undefined : credentialsFromEnv(env));
  if (creds) cfg.credentials = creds;
  // An assumed role applies to ecsx's own calls, not to explicit credentials (a Terraform backend's keys).
  const role = nonEmpty(opts.assumeRoleArn);
  if (role && !extra.credentials) cfg.credentials = assumeRoleProvider({ ...opts, assumeRoleArn: role }, { region: cfg.region, profile: cfg.profile });
  if (extra.service && serviceKey(extra.service) === 'S3') {
    const custom = endpoint !== undefined;
    if (extra.forcePathStyle || custom) cfg.forcePathStyle = true;
    // Behind a custom endpoint there is no region to redirect to.
    if (!custom) cfg.followRegionRedirects = true;
  }
  return cfg;
}

/**
 * Static credentials from the injected env (`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` /
 * `AWS_SESSION_TOKEN`), the SDK's first choice when no profile is selected; used only when the env
 * is not `process.env`, where the SDK finds them itself (and keeps its full provider chain).
 */
function credentialsFromEnv(env: NodeJS.ProcessEnv): AwsClientConfig['credentials'] {
  if (env === process.env) return undefined;
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}
