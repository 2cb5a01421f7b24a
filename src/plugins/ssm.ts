/**
 * The `ssm` plugin (loaded by default): `{{ ssm "/name" }}`, `{{ ssm "/list" 1 }}` and Jsonnet
 * `ssm(name)`, `ssm_list(name, index)`. Parameters are read with decryption, once per run;
 * SecureString values are registered as secrets.
 */
import { toAwsCallError, isNotFound } from '../aws/errors.js';
import { checkArity, indexArg, stringArg, withArity } from './args.js';
import { lazyClient } from './aws-client.js';
import { PluginLookupError } from './errors.js';
import { FetchCache } from './fetch-cache.js';
import type { PluginContext, PluginFunctions } from './types.js';

interface Parameter {
  name: string;
  type: string;
  value: string;
}

export function ssmPlugin(_config: Record<string, unknown>, ctx: PluginContext): PluginFunctions {
  const cache = new FetchCache<Parameter>();
  const client = lazyClient(ctx, 'SSM', async (cfg) => new (await import('@aws-sdk/client-ssm')).SSMClient(cfg));

  const fetchParameter = async (name: string): Promise<Parameter> => {
    const { GetParameterCommand } = await import('@aws-sdk/client-ssm');
    try {
      const res = await (await client()).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      const p = res.Parameter;
      const param = { name: p?.Name ?? name, type: String(p?.Type ?? 'String'), value: p?.Value ?? '' };
      if (param.type === 'SecureString') ctx.secrets.add(param.value);
      return param;
    } catch (err) {
      const what = isNotFound(err) ? `parameter ${name} not found` : undefined;
      throw toAwsCallError(err, { service: 'ssm', operation: 'GetParameter', what });
    }
  };

  const get = (fn: string, name: string, index: number | undefined): string => {
    const p = cache.get(name, () => fetchParameter(name));
    if (p.type === 'StringList') {
      if (index === undefined) {
        throw new PluginLookupError(`${fn}: parameter ${name} is a StringList: pass the index as the second argument`);
      }
      const values = p.value.split(',');
      if (index >= values.length) {
        throw new PluginLookupError(`${fn}: index ${index} is out of range for StringList parameter ${name} (${values.length} values)`);
      }
      return values[index];
    }
    if (index !== undefined) {
      throw new PluginLookupError(`${fn}: the index argument is supported only for StringList parameters, but ${name} is of type ${p.type}`);
    }
    return p.value;
  };

  return {
    funcs: {
      ssm: withArity((...args: unknown[]) => {
        checkArity('ssm', args, 1, 2);
        const name = stringArg('ssm', 'name', args[0]);
        return get('ssm', name, args.length > 1 ? indexArg('ssm', 'index', args[1]) : undefined);
      }, 1, 2),
    },
    natives: {
      ssm: { params: ['name'], fn: (name: unknown) => get('ssm', stringArg('ssm', 'name', name), undefined) },
      ssm_list: {
        params: ['name', 'index'],
        fn: (name: unknown, index: unknown) => get('ssm_list', stringArg('ssm_list', 'name', name), indexArg('ssm_list', 'index', index)),
      },
    },
  };
}
