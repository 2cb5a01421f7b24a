/**
 * The one place that decides how AWS SDK v3 clients are configured. Every client (S3, SSM, ECS, …)
 * is built from `clientConfig()`, so region, profile, retries and local-endpoint handling agree.
 *
 * Endpoints: the SDK itself honours `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>` (for
 * example `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_SECRETS_MANAGER`), so nothing is done here
 * except switching S3 to path-style addressing: emulators such as moto cannot serve
 * `bucket.host:port` virtual-host names.
 */

/** Region and profile chosen by the user (config `region`, `--region`, `--profile`). */
export interface AwsOptions {
  region?: string;
  profile?: string;
}

/** Extra knobs for one client. */
export interface ClientConfigExtra {
  /** The service the client is for; `s3` turns on path-style addressing behind a custom endpoint. */
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
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Attempts per call, including the first. ECS control-plane calls throttle easily; adaptive mode backs off client-side. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** Region from the options, else `AWS_REGION`, else `AWS_DEFAULT_REGION`; undefined lets the SDK look at the profile. */
export function resolveRegion(opts: AwsOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return nonEmpty(opts.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
}

/** True when a custom endpoint for `service` is set in the environment (generic or service-specific). */
export function hasEndpointOverride(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const specific = `AWS_ENDPOINT_URL_${service.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  return Boolean(nonEmpty(env.AWS_ENDPOINT_URL) ?? nonEmpty(env[specific]));
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
  if (extra.endpoint) cfg.endpoint = extra.endpoint;
  if (extra.credentials) cfg.credentials = extra.credentials;
  if (extra.service === 's3') {
    const custom = Boolean(extra.endpoint) || hasEndpointOverride('s3', env);
    if (extra.forcePathStyle || custom) cfg.forcePathStyle = true;
    // Behind a custom endpoint there is no region to redirect to.
    if (!custom) cfg.followRegionRedirects = true;
  }
  return cfg;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}
