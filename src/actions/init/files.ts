/** What `init` writes where: paths (with `--jsonnet` renaming) and the config text. Pure. */
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { toJsonnetText, type JsonValue } from '../../jsonnet/index.js';

/** `ecs-task-def.json` → `ecs-task-def.jsonnet` (and `.yml`/`.yaml` configs too), as ecspresso's `init --jsonnet`. */
export function jsonnetPath(path: string): string {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonnet') return path;
  if (ext === '.json' || ext === '.yml' || ext === '.yaml') return path.slice(0, -ext.length) + '.jsonnet';
  return path + '.jsonnet';
}

/** Where a definition path written in the config lives: relative to the config's directory. */
export function definitionLocation(configPath: string, path: string): string {
  return isAbsolute(path) ? path : join(dirname(configPath), path);
}

/** Absolute config path: `--config`, else `ecsx.yml` (`ecsx.jsonnet` with `--jsonnet`) in `cwd`. */
export function configLocation(cwd: string, config: string | undefined, jsonnet: boolean): string {
  const p = resolve(cwd, config ?? 'ecsx.yml');
  return jsonnet ? jsonnetPath(p) : p;
}

/** The config's keys in ecspresso's order. */
export interface InitConfig {
  region: string;
  cluster: string;
  service?: string;
  service_definition?: string;
  task_definition: string;
  timeout: string;
}

/** The config file's text: YAML, or Jsonnet (by the path's extension). */
export function configText(path: string, c: InitConfig): string {
  const obj: Record<string, string> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) obj[k] = v;
  if (extname(path).toLowerCase() === '.jsonnet' || extname(path).toLowerCase() === '.json') return toJsonnetText(obj as JsonValue);
  return toYaml(obj, { lineWidth: 0 });
}

/** A definition file's text: JSON with 2-space indent, or Jsonnet. */
export function definitionText(path: string, value: unknown): string {
  if (extname(path).toLowerCase() === '.jsonnet') return toJsonnetText(value as JsonValue);
  return JSON.stringify(value, null, 2) + '\n';
}
