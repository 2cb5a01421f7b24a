/**
 * Lazily created SDK clients for plugins: the client package is imported on the first fetch, so
 * loading a config that never calls `ssm` does not pay for `@aws-sdk/client-ssm`.
 */
import { clientConfig, type AwsClientConfig } from '../aws/client-config.js';
import type { PluginContext } from './types.js';

/**
 * Returns a getter that builds the client for `service` (SDK service id, e.g. `SSM`) once, from the context's AWS options as they are at
 * the first call (the config loader may still set the region after the plugins are created).
 */
export function lazyClient<C>(ctx: PluginContext, service: string, create: (cfg: AwsClientConfig) => Promise<C>): () => Promise<C> {
  let client: Promise<C> | undefined;
  return () => {
    client ??= create(clientConfig(ctx.aws, { env: ctx.env, service })).catch((err) => {
      client = undefined;
      throw err;
    });
    return client;
  };
}
