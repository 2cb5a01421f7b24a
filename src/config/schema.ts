import { isAbsolute, resolve } from 'node:path';
import { ConfigError, type SourcePos } from '../errors.js';
import { parseDuration } from './duration.js';
import { CONFIG_KEYS, DEFAULT_TIMEOUT_MS, type EcsxConfig, type PluginEntry } from './types.js';

export interface ValidateConfigOptions {
  file: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  posOf(path: (string | number)[]): SourcePos;
  keyPosOf?(path: (string | number)[]): SourcePos;
  warn(msg: string, pos?: SourcePos): void;
}

const didYouMean = (key: string): string => {
  const near = CONFIG_KEYS.find((k) => distance(k, key) <= 2 || k.replace(/_/g, '') === key.toLowerCase().replace(/[-_]/g, ''));
  return near ? ` (did you mean "${near}"?)` : '';
};

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** Checks the rendered config object's keys and types and fills ecspresso's defaults. */
export function validateConfig(raw: unknown, o: ValidateConfigOptions): EcsxConfig {
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('config must be a mapping of keys to values', o.posOf([]));
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) o.warn(`unknown config key "${key}"${didYouMean(key)}`, (o.keyPosOf ?? o.posOf)([key]));
  }
  const str = (key: string): string | undefined => {
    const v = obj[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') throw new ConfigError(`${key} must be a string, got ${typeName(v)}`, o.posOf([key]));
    return v;
  };
  const path = (key: string): string | undefined => {
    const v = str(key);
    return v === undefined ? undefined : isAbsolute(v) ? v : resolve(o.dir, v);
  };
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (obj.timeout !== undefined && obj.timeout !== null) {
    timeoutMs = parseDuration(obj.timeout, o.posOf(['timeout']));
    if (typeof obj.timeout === 'number') {
      o.warn(`timeout ${obj.timeout} is a bare number, which ecspresso reads as nanoseconds; write a duration like "10m"`, o.posOf(['timeout']));
    }
  }
  const filterCommand = str('filter_command');
  if (filterCommand !== undefined) o.warn('filter_command in the config is deprecated; use --filter-command', o.posOf(['filter_command']));
  const express = path('express_definition');
  return {
    file: o.file,
    dir: o.dir,
    requiredVersion: str('required_version'),
    region: str('region') ?? o.env.AWS_REGION ?? o.env.AWS_DEFAULT_REGION,
    cluster: str('cluster') ?? 'default',
    service: str('service'),
    serviceDefinition: path('service_definition'),
    taskDefinition: path('task_definition'),
    expressDefinition: express,
    timeoutMs,
    plugins: validatePlugins(obj.plugins, o),
    ignore: { tags: ignoreTags(obj.ignore, o) },
    codedeploy: object(obj.codedeploy, 'codedeploy', o) as EcsxConfig['codedeploy'],
    appspec: obj.appspec ?? undefined,
    filterCommand,
    rendered: obj,
  };
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

function object(v: unknown, key: string, o: Pick<ValidateConfigOptions, 'posOf'>): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(`${key} must be a mapping, got ${typeName(v)}`, o.posOf([key]));
  return v as Record<string, unknown>;
}

/** Checks the `plugins` list (exported: the loader needs it before the rest of the config). */
export function validatePlugins(v: unknown, o: Pick<ValidateConfigOptions, 'posOf' | 'keyPosOf' | 'warn'>): PluginEntry[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ConfigError(`plugins must be a list, got ${typeName(v)}`, o.posOf(['plugins']));
  return v.map((p, i) => {
    if (!p || typeof p !== 'object' || Array.isArray(p)) throw new ConfigError(`plugins[${i}] must be a mapping with "name"`, o.posOf(['plugins', i]));
    const e = p as Record<string, unknown>;
    if (typeof e.name !== 'string' || e.name === '') throw new ConfigError(`plugins[${i}].name is required`, o.posOf(['plugins', i]));
    if (e.config !== undefined && e.config !== null && (typeof e.config !== 'object' || Array.isArray(e.config))) {
      throw new ConfigError(`plugins[${i}].config must be a mapping`, o.posOf(['plugins', i, 'config']));
    }
    if (e.func_prefix !== undefined && typeof e.func_prefix !== 'string') {
      throw new ConfigError(`plugins[${i}].func_prefix must be a string`, o.posOf(['plugins', i, 'func_prefix']));
    }
    for (const k of Object.keys(e)) {
      if (!['name', 'config', 'func_prefix'].includes(k)) o.warn(`unknown key "${k}" in plugins[${i}]`, (o.keyPosOf ?? o.posOf)(['plugins', i, k]));
    }
    return { name: e.name, config: (e.config ?? undefined) as Record<string, unknown> | undefined, func_prefix: e.func_prefix as string | undefined };
  });
}

function ignoreTags(v: unknown, o: Pick<ValidateConfigOptions, 'posOf'>): string[] {
  const ig = object(v, 'ignore', o);
  if (!ig || ig.tags === undefined || ig.tags === null) return [];
  if (!Array.isArray(ig.tags) || ig.tags.some((t) => typeof t !== 'string')) {
    throw new ConfigError('ignore.tags must be a list of tag keys', o.posOf(['ignore', 'tags']));
  }
  return ig.tags as string[];
}
