/**
 * The `cloudformation` plugin: `{{ cfn_output "Stack" "OutputKey" }}` (DescribeStacks, once per
 * stack) and `{{ cfn_export "ExportName" }}` (ListExports, all pages, once per run).
 * Jsonnet: `cfn_output(stack, key)`, `cfn_export(name)`.
 */
import { isNotFound, toAwsCallError } from '../aws/errors.js';
import { checkArity, stringArg, withArity } from './args.js';
import { lazyClient } from './aws-client.js';
import { PluginLookupError } from './errors.js';
import { FetchCache } from './fetch-cache.js';
import type { PluginContext, PluginFunctions } from './types.js';

export function cloudFormationPlugin(_config: Record<string, unknown>, ctx: PluginContext): PluginFunctions {
  const outputs = new FetchCache<Map<string, string>>();
  const exports = new FetchCache<Map<string, string>>();
  const client = lazyClient(ctx, 'CloudFormation', async (cfg) => new (await import('@aws-sdk/client-cloudformation')).CloudFormationClient(cfg));

  const describeStack = async (stack: string): Promise<Map<string, string>> => {
    const { DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
    try {
      const res = await (await client()).send(new DescribeStacksCommand({ StackName: stack }));
      const s = res.Stacks?.[0];
      if (!s) throw new PluginLookupError(`cfn_output: stack ${stack} not found`);
      return new Map((s.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
    } catch (err) {
      // CloudFormation reports a missing stack as `ValidationError: Stack with id X does not exist`.
      const what = isNotFound(err) ? `stack ${stack} not found` : undefined;
      throw toAwsCallError(err, { service: 'cloudformation', operation: 'DescribeStacks', what });
    }
  };

  const listExports = async (): Promise<Map<string, string>> => {
    const { ListExportsCommand } = await import('@aws-sdk/client-cloudformation');
    const all = new Map<string, string>();
    let token: string | undefined;
    try {
      do {
        const res = await (await client()).send(new ListExportsCommand({ NextToken: token }));
        for (const e of res.Exports ?? []) if (e.Name) all.set(e.Name, e.Value ?? '');
        token = res.NextToken;
      } while (token);
    } catch (err) {
      throw toAwsCallError(err, { service: 'cloudformation', operation: 'ListExports' });
    }
    return all;
  };

  const output = (stack: string, key: string): string => {
    const map = outputs.get(stack, () => describeStack(stack));
    const v = map.get(key);
    if (v === undefined) throw new PluginLookupError(`cfn_output: output ${key} is not found in stack ${stack}`);
    return v;
  };
  const exported = (name: string): string => {
    const v = exports.get('exports', listExports).get(name);
    if (v === undefined) throw new PluginLookupError(`cfn_export: export ${name} is not found`);
    return v;
  };

  return {
    funcs: {
      cfn_output: withArity((...args: unknown[]) => {
        checkArity('cfn_output', args, 2);
        return output(stringArg('cfn_output', 'stack', args[0]), stringArg('cfn_output', 'output key', args[1]));
      }, 2),
      cfn_export: withArity((...args: unknown[]) => {
        checkArity('cfn_export', args, 1);
        return exported(stringArg('cfn_export', 'name', args[0]));
      }, 1),
    },
    natives: {
      cfn_output: {
        params: ['stack', 'key'],
        fn: (stack: unknown, key: unknown) => output(stringArg('cfn_output', 'stack', stack), stringArg('cfn_output', 'output key', key)),
      },
      cfn_export: { params: ['name'], fn: (name: unknown) => exported(stringArg('cfn_export', 'name', name)) },
    },
  };
}
