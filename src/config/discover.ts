import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';

/** Searched in this order in the working directory when no config is named. */
export const CONFIG_CANDIDATES = [
  'ecsx.yml',
  'ecsx.yaml',
  'ecsx.json',
  'ecsx.jsonnet',
  'ecspresso.yml',
  'ecspresso.yaml',
  'ecspresso.json',
  'ecspresso.jsonnet',
];

/**
 * Finds the config file: `--config`, then `ECSX_CONFIG`, then `ECSPRESSO_CONFIG`, else the first
 * candidate present in `cwd`. A named file that does not exist is an error (never silently
 * replaced by another file).
 */
export function discoverConfig(opts: { config?: string; cwd: string; env: NodeJS.ProcessEnv }): string {
  const named = opts.config ?? opts.env.ECSX_CONFIG ?? opts.env.ECSPRESSO_CONFIG;
  if (named) {
    const p = resolve(opts.cwd, named);
    if (!existsSync(p)) throw new ConfigError(`config file not found`, { file: named });
    return p;
  }
  for (const name of CONFIG_CANDIDATES) {
    const p = resolve(opts.cwd, name);
    if (existsSync(p)) return p;
  }
  throw new ConfigError(`no config file found in ${opts.cwd} (looked for ${CONFIG_CANDIDATES.join(', ')}); pass --config FILE or run \`ecsx init\``);
}
