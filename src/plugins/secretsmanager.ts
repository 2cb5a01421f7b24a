/**
 * The `secretsmanager` plugin (loaded by default): `{{ secretsmanager_arn "name" }}` resolves a
 * secret's full ARN with DescribeSecret (the secret value is never read), once per run.
 * `secretsmanager_arnf "fmt" args...` formats the id first. Jsonnet: `secretsmanager_arn(id)`,
 * `secretsmanager_arnf(format, args)`.
 */
import { isNotFound, toAwsCallError } from '../aws/errors.js';
import { checkArity, stringArg, withArity } from './args.js';
import { lazyClient } from './aws-client.js';
import { FetchCache } from './fetch-cache.js';
import { sprintf } from './format.js';
import type { PluginContext, PluginFunctions } from './types.js';

export function secretsManagerPlugin(_config: Record<string, unknown>, ctx: PluginContext): PluginFunctions {
  const cache = new FetchCache<string>();
  const client = lazyClient(ctx, 'Secrets Manager', async (cfg) => new (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient(cfg));

  const describe = async (id: string): Promise<string> => {
    const { DescribeSecretCommand } = await import('@aws-sdk/client-secrets-manager');
    try {
      const res = await (await client()).send(new DescribeSecretCommand({ SecretId: id }));
      return res.ARN ?? '';
    } catch (err) {
      const what = isNotFound(err) ? `secret ${id} not found` : undefined;
      throw toAwsCallError(err, { service: 'secretsmanager', operation: 'DescribeSecret', what });
    }
  };
  const arn = (id: string): string => cache.get(id, () => describe(id));

  return {
    funcs: {
      secretsmanager_arn: withArity((...args: unknown[]) => {
        checkArity('secretsmanager_arn', args, 1);
        return arn(stringArg('secretsmanager_arn', 'id', args[0]));
      }, 1),
      secretsmanager_arnf: withArity((...args: unknown[]) => {
        checkArity('secretsmanager_arnf', args, 1, Infinity);
        return arn(sprintf(stringArg('secretsmanager_arnf', 'format', args[0]), args.slice(1)));
      }, 1, Infinity),
    },
    natives: {
      secretsmanager_arn: { params: ['id'], fn: (id: unknown) => arn(stringArg('secretsmanager_arn', 'id', id)) },
      secretsmanager_arnf: {
        params: ['format', 'args'],
        fn: (format: unknown, args: unknown) =>
          arn(sprintf(stringArg('secretsmanager_arnf', 'format', format), Array.isArray(args) ? args : args === undefined ? [] : [args])),
      },
    },
  };
}
