import { stringify as toYaml } from 'yaml';
import { UsageError } from '../errors.js';
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import { loadDefinition, type DefinitionKind } from '../config/load-definitions.js';
import type { JsonValue } from '../jsonnet/index.js';

/** Targets `render` accepts, with ecspresso's aliases. */
export const RENDER_TARGETS: Record<string, 'config' | DefinitionKind> = {
  config: 'config',
  servicedef: 'service',
  'service-definition': 'service',
  taskdef: 'task',
  'task-definition': 'task',
  expressdef: 'express',
  'express-definition': 'express',
};

export interface RenderOptions {
  targets: string[];
  /** Print Jsonnet instead of JSON/YAML. */
  jsonnet?: boolean;
}

export interface RenderedTarget {
  target: 'config' | DefinitionKind;
  file: string;
  value: unknown;
  /** The text printed for it, with secrets masked. */
  text: string;
}

export interface RenderResult {
  outputs: RenderedTarget[];
}

/** Renders the config and/or definitions as ecsx would send them to AWS. Secrets are masked. */
export async function render(ctx: ActionContext, loaded: LoadedConfig, opts: RenderOptions): Promise<RenderResult> {
  if (opts.targets.length === 0) throw new UsageError(`render needs a target: ${Object.keys(RENDER_TARGETS).join(', ')}`);
  const kinds = opts.targets.map((t) => {
    const k = RENDER_TARGETS[t];
    if (!k) throw new UsageError(`unknown render target "${t}": expected one of ${Object.keys(RENDER_TARGETS).join(', ')}`);
    return k;
  });
  const outputs: RenderedTarget[] = [];
  for (const target of kinds) {
    let file: string;
    let value: unknown;
    if (target === 'config') {
      file = loaded.config.file;
      value = loaded.config.rendered;
    } else {
      const d = await loadDefinition(loaded, target, { ctx });
      file = d.file;
      value = d.value;
    }
    const raw = opts.jsonnet
      ? (await import('../jsonnet/index.js')).toJsonnetText(value as JsonValue)
      : target === 'config'
        ? toYaml(value, { lineWidth: 0 })
        : JSON.stringify(value, null, 2) + '\n';
    const text = loaded.secrets.mask(raw);
    outputs.push({ target, file, value: JSON.parse(loaded.secrets.mask(JSON.stringify(value))), text });
    await ctx.io.notify({ code: 'ECSX_RENDER', level: 'result', message: text.replace(/\n$/, ''), time: ctx.clock.now(), data: { target, file, value: outputs.at(-1)!.value } });
  }
  return { outputs };
}
