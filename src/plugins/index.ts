/**
 * Template / Jsonnet plugins, ecspresso-compatible: `tfstate`, `ssm`, `secretsmanager`,
 * `cloudformation`, `external`. `loadPlugins` turns the config's `plugins:` entries into one map
 * of template functions and one of Jsonnet natives. Nothing is fetched here: each function
 * fetches its value on first use (see src/pending.ts) and caches it for the run.
 */
import { cloudFormationPlugin } from './cloudformation.js';
import { DuplicateFunctionError, PluginConfigError } from './errors.js';
import { externalPlugin } from './external.js';
import { secretsManagerPlugin } from './secretsmanager.js';
import { ssmPlugin } from './ssm.js';
import { tfstatePlugin } from './tfstate/plugin.js';
import type { FuncMap, NativeFunc, PluginConfig, PluginContext, PluginFactory } from './types.js';

export type { FuncMap, NativeFunc, PluginConfig, PluginContext, PluginFunctions, TemplateFunc } from './types.js';
export { SecretRegistry, MASK } from './secret-registry.js';
export { DuplicateFunctionError, PluginConfigError, PluginLookupError, PluginSourceError } from './errors.js';

/** All functions contributed by the plugins, `func_prefix` applied. */
export interface LoadedPlugins {
  /** Template functions. */
  funcs: FuncMap;
  /** Jsonnet native functions (`std.native(name)`). */
  natives: Record<string, NativeFunc>;
}

/** Plugin names ecsx knows (matched case-insensitively, as ecspresso does). */
export const PLUGIN_FACTORIES: Readonly<Record<string, PluginFactory>> = {
  tfstate: tfstatePlugin,
  ssm: ssmPlugin,
  secretsmanager: secretsManagerPlugin,
  cloudformation: cloudFormationPlugin,
  external: externalPlugin,
};

/** Plugins loaded before the user's, always. */
export const DEFAULT_PLUGINS: readonly string[] = ['ssm', 'secretsmanager'];

function checkEntry(entry: unknown, i: number): PluginConfig {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new PluginConfigError(`plugins[${i}] must be a map with a name`);
  const e = entry as Record<string, unknown>;
  if (typeof e.name !== 'string' || e.name === '') throw new PluginConfigError(`plugins[${i}] has no name`);
  if (e.config !== undefined && e.config !== null && (typeof e.config !== 'object' || Array.isArray(e.config))) {
    throw new PluginConfigError(`plugins[${i}] (${e.name}): config must be a map`);
  }
  if (e.func_prefix !== undefined && e.func_prefix !== null && typeof e.func_prefix !== 'string') {
    throw new PluginConfigError(`plugins[${i}] (${e.name}): func_prefix must be a string`);
  }
  return { name: e.name, config: (e.config ?? undefined) as Record<string, unknown> | undefined, func_prefix: (e.func_prefix ?? undefined) as string | undefined };
}

/**
 * Sets up the default plugins (`ssm`, `secretsmanager`) and then `configs` in order.
 *
 * A function name already taken is an error ending `template function NAME already exists. set
 * func_prefix to PLUGIN plugin` (or `jsonnet native function …`), except for a default plugin's
 * name: a user entry `ssm` / `secretsmanager` re-adds the same functions, which are skipped.
 * Throws `PluginConfigError` for an unknown plugin or a bad `config:` block.
 */
export function loadPlugins(configs: PluginConfig[], ctx: PluginContext): LoadedPlugins {
  const funcs: FuncMap = {};
  const natives: Record<string, NativeFunc> = {};
  const entries: PluginConfig[] = [...DEFAULT_PLUGINS.map((name) => ({ name })), ...configs.map(checkEntry)];
  for (const entry of entries) {
    const factory = PLUGIN_FACTORIES[entry.name.toLowerCase()];
    if (!factory) throw new PluginConfigError(`plugin ${entry.name} is not available (known: ${Object.keys(PLUGIN_FACTORIES).join(', ')})`);
    const isDefault = DEFAULT_PLUGINS.includes(entry.name.toLowerCase());
    const prefix = entry.func_prefix ?? '';
    const made = factory(entry.config ?? {}, ctx);
    const addFuncs: FuncMap = {};
    for (const [name, fn] of Object.entries(made.funcs)) {
      const full = prefix + name;
      if (Object.hasOwn(funcs, full) || Object.hasOwn(addFuncs, full)) {
        if (isDefault) continue;
        throw new DuplicateFunctionError('template function', full, entry.name);
      }
      addFuncs[full] = fn;
    }
    const addNatives: Record<string, NativeFunc> = {};
    for (const [name, fn] of Object.entries(made.natives)) {
      const full = prefix + name;
      if (Object.hasOwn(natives, full) || Object.hasOwn(addNatives, full)) {
        if (isDefault) continue;
        throw new DuplicateFunctionError('jsonnet native function', full, entry.name);
      }
      addNatives[full] = fn;
    }
    Object.assign(funcs, addFuncs);
    Object.assign(natives, addNatives);
  }
  return { funcs, natives };
}
