/**
 * The `tfstate` plugin: template functions `tfstate "addr"` and `tfstatef "fmt" args...`, and the
 * Jsonnet native `tfstate(address)`. The state is read once per run, on first use.
 */
import { checkArity, stringArg, withArity } from '../args.js';
import { PluginLookupError } from '../errors.js';
import { FetchCache } from '../fetch-cache.js';
import { sprintf, toTemplateText } from '../format.js';
import type { PluginContext, PluginFunctions } from '../types.js';
import { indexState, lookupAddress, normalizeAddress, type TfstateIndex } from './lookup.js';
import { readTfstate } from './read.js';
import { describeSource, resolveTfstateSettings } from './source.js';
import { emptyState } from './state.js';

/** Registers every string inside a sensitive value, so it is masked wherever it is printed. */
function registerSecrets(value: unknown, ctx: PluginContext): void {
  if (typeof value === 'string') ctx.secrets.add(value);
  else if (Array.isArray(value)) value.forEach((v) => registerSecrets(v, ctx));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => registerSecrets(v, ctx));
}

/** Builds the tfstate plugin from its `config:` (`path` | `url`, `optional`). */
export function tfstatePlugin(config: Record<string, unknown>, ctx: PluginContext): PluginFunctions {
  const { source, optional } = resolveTfstateSettings(config, ctx.configDir);
  const cache = new FetchCache<TfstateIndex>();

  const load = async (): Promise<TfstateIndex> => {
    try {
      return indexState(await readTfstate(source, { aws: ctx.aws, env: ctx.env, configDir: ctx.configDir }));
    } catch (err) {
      if (!optional) throw err;
      ctx.warn(`tfstate ${describeSource(source)} could not be read; using an empty state (optional: true): ${(err as Error).message}`);
      return indexState(emptyState());
    }
  };

  const lookup = (address: string): unknown => {
    const index = cache.get('state', load);
    const addr = normalizeAddress(address);
    const res = lookupAddress(index, addr);
    if (!res.found) throw new PluginLookupError(`${addr} is not found in tfstate`);
    if (res.sensitive) registerSecrets(res.value, ctx);
    return res.value;
  };

  return {
    funcs: {
      tfstate: withArity((...args: unknown[]) => {
        checkArity('tfstate', args, 1);
        return toTemplateText(lookup(stringArg('tfstate', 'address', args[0])));
      }, 1),
      tfstatef: withArity((...args: unknown[]) => {
        checkArity('tfstatef', args, 1, Infinity);
        const format = stringArg('tfstatef', 'format', args[0]);
        return toTemplateText(lookup(sprintf(format, args.slice(1))));
      }, 1, Infinity),
    },
    natives: {
      tfstate: {
        params: ['address'],
        fn: (address: unknown) => lookup(stringArg('tfstate', 'address', address)),
      },
    },
  };
}
