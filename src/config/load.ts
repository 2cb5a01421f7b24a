import { basename, dirname, extname } from 'node:path';
import { ConfigError, UserInputError, type SourcePos } from '../errors.js';
import { baseFuncs } from '../template/index.js';
import { loadPlugins, SecretRegistry } from '../plugins/index.js';
import type { AwsOptions } from '../aws/client-config.js';
import { baseNatives, stubMissing } from './base-functions.js';
import { discoverConfig } from './discover.js';
import { evaluateToText, parseJsonText, type Evaluator } from './evaluate.js';
import { checkRequiredVersion } from './required-version.js';
import { validateConfig, validatePlugins } from './schema.js';
import type { EcsxConfig } from './types.js';
import { parseYamlPositioned } from './yaml.js';

/** The ecspresso release whose config, template and definition behaviour ecsx follows. */
export const ECSPRESSO_COMPAT_VERSION = '2.8.7';

export interface LoadConfigOptions {
  /** `--config`; when absent ECSX_CONFIG / ECSPRESSO_CONFIG / the working directory are searched. */
  config?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  extStr?: Record<string, string>;
  extCode?: Record<string, string>;
  /** `--region`: wins over the config and AWS_REGION. */
  region?: string;
  profile?: string;
  /** `--assume-role-arn`: AWS calls use this role's credentials. */
  assumeRoleArn?: string;
  /** `--timeout` in ms: wins over the config. */
  timeoutMs?: number;
  filterCommand?: string;
  /** The running ecsx version, checked against `required_version`. */
  version: string;
  warn?(message: string, pos?: SourcePos): void;
}

export interface LoadedConfig {
  config: EcsxConfig;
  /** Template functions and Jsonnet natives (base + plugins) for definition files. */
  evaluator: Evaluator;
  /** Values that must never be printed (SecureString parameters, secrets). */
  secrets: SecretRegistry;
  aws: AwsOptions;
}

/**
 * Loads a config as ecspresso does — YAML: template, then parse; JSON/Jsonnet: Jsonnet, then
 * template — in two passes so plugin functions (tfstate …) work in top-level keys too: pass 1
 * learns `plugins` and `region` (YAML: unknown template functions stubbed; Jsonnet: only those two
 * fields forced), pass 2 (when a stub was called, and always for Jsonnet) evaluates the whole file
 * again with the real functions.
 */
export async function loadConfig(opts: LoadConfigOptions): Promise<LoadedConfig> {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const warn = opts.warn ?? (() => {});
  const file = discoverConfig({ config: opts.config, cwd, env });
  const dir = dirname(file);
  const ext = extname(file).toLowerCase();
  if (!['.yml', '.yaml', '.json', '.jsonnet'].includes(ext)) {
    throw new ConfigError(`unsupported config file type "${ext}": use .yml, .yaml, .json or .jsonnet`, { file });
  }
  const jsonnetFirst = ext === '.json' || ext === '.jsonnet';
  const ext_ = { extStr: opts.extStr ?? {}, extCode: opts.extCode ?? {} };
  const used = new Set<string>();
  const pass1: Evaluator = { funcs: baseFuncs(env), missingFunc: stubMissing(used), natives: baseNatives(env), ...ext_ };
  const onlyFields = jsonnetFirst ? ['plugins', 'region'] : undefined;
  let parsed = parse(await evaluateToText(file, pass1, { jsonnetFirst, what: 'config file', onlyFields }), file, jsonnetFirst);
  const first = (parsed.value ?? {}) as Record<string, unknown>;
  const region = opts.region ?? (typeof first.region === 'string' && first.region ? first.region : undefined) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const aws: AwsOptions = { region, profile: opts.profile, assumeRoleArn: opts.assumeRoleArn };
  const secrets = new SecretRegistry();
  const entries = validatePlugins(first.plugins, { posOf: parsed.posOf, warn: () => {} });
  let plugins: ReturnType<typeof loadPlugins>;
  try {
    plugins = loadPlugins(entries, { configDir: dir, aws, env, secrets, warn: (m: string) => warn(m) });
  } catch (err) {
    // Plugin set-up errors know the plugin, not the place: point at the `plugins:` key.
    if (err instanceof UserInputError && !err.pos) throw new ConfigError(err.message, parsed.posOf(['plugins']), err);
    throw err;
  }
  const evaluator: Evaluator = {
    funcs: { ...baseFuncs(env), ...plugins.funcs },
    natives: { ...baseNatives(env), ...plugins.natives },
    ...ext_,
  };
  if (used.size > 0 || onlyFields) {
    parsed = parse(await evaluateToText(file, evaluator, { jsonnetFirst, what: 'config file' }), file, jsonnetFirst);
  }
  const config = validateConfig(parsed.value, { file, dir, env, posOf: parsed.posOf, keyPosOf: 'keyPosOf' in parsed ? parsed.keyPosOf : undefined, warn });
  if (opts.region) config.region = opts.region;
  if (opts.timeoutMs !== undefined) config.timeoutMs = opts.timeoutMs;
  if (opts.filterCommand !== undefined) config.filterCommand = opts.filterCommand;
  aws.region = config.region;
  if (config.requiredVersion) {
    // An ecspresso.* file is shared with ecspresso: its required_version names ecspresso versions
    // (">= 2.0"), so it is checked against the ecspresso release ecsx is compatible with.
    const current = basename(file).startsWith('ecspresso') ? ECSPRESSO_COMPAT_VERSION : opts.version;
    const check = checkRequiredVersion(config.requiredVersion, current);
    if (!check.ok && check.reason === 'unsatisfied') throw new ConfigError(check.message, parsed.posOf(['required_version']));
    if (!check.ok) warn(`cannot check required_version: running version "${current}" is not a release version`);
  }
  return { config, evaluator, secrets, aws };
}

function parse(text: string, file: string, json: boolean) {
  if (json) {
    const value = parseJsonText(text, file);
    return { value, posOf: (): SourcePos => ({ file }) };
  }
  return parseYamlPositioned(text, file);
}
