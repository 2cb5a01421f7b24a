import { evaluateToText, isJsonnetFile } from './evaluate.js';
import type { LoadedConfig } from './load.js';
import { ConfigError, formatPos, type SourcePos } from '../errors.js';
import type { ActionContext } from '../context.js';
import { parseExpressDefinition, parseServiceDefinition, parseTaskDefinition } from '../definitions/index.js';

export type DefinitionKind = 'task' | 'service' | 'express';

const what: Record<DefinitionKind, string> = { task: 'task definition', service: 'service definition', express: 'express definition' };
const key: Record<DefinitionKind, string> = { task: 'task_definition', service: 'service_definition', express: 'express_definition' };

export interface LoadedDefinition<T> {
  file: string;
  value: T;
}

/** Path of a definition named by the config, or a clear error saying which key is missing. */
export function definitionPath(loaded: LoadedConfig, kind: DefinitionKind): string {
  const c = loaded.config;
  const p = kind === 'task' ? c.taskDefinition : kind === 'service' ? c.serviceDefinition : c.expressDefinition;
  if (!p) throw new ConfigError(`${key[kind]} is not set in the config`, { file: c.file });
  return p;
}

/**
 * Renders and parses a definition file: `.jsonnet` → Jsonnet then template, anything else →
 * template only (ecspresso's order), with the config's template functions and plugins; then
 * API-shape checks; then `ignore.tags` applied.
 */
export async function loadDefinition(
  loaded: LoadedConfig,
  kind: DefinitionKind,
  opts: { file?: string; ctx?: ActionContext; warn?(msg: string, pos?: SourcePos): void } = {},
): Promise<LoadedDefinition<any>> {
  const file = opts.file ?? definitionPath(loaded, kind);
  const text = await evaluateToText(file, loaded.evaluator, { jsonnetFirst: isJsonnetFile(file), what: what[kind] });
  const src = { file, text };
  const warn = (m: string, pos?: SourcePos) => {
    if (opts.warn) return opts.warn(m, pos);
    if (!opts.ctx) return;
    // Messages arrive as "file:line:col: text"; keep the bare text too, for annotations.
    const text = pos && m.startsWith(`${formatPos(pos)}: `) ? m.slice(formatPos(pos).length + 2) : m;
    void opts.ctx.io.notify({ code: 'ECSX_DEFINITION_WARNING', level: 'warn', message: m, time: opts.ctx.clock.now(), data: pos ? { pos, text } : undefined });
  };
  const value: any =
    kind === 'task' ? parseTaskDefinition(src, { warn }) : kind === 'service' ? parseServiceDefinition(src, { warn }) : parseExpressDefinition(src, { warn });
  if (kind === 'service' && loaded.config.service) value.serviceName = loaded.config.service;
  const ignored = loaded.config.ignore.tags;
  if (ignored.length > 0 && Array.isArray(value.tags)) {
    value.tags = value.tags.filter((t: { key?: string }) => !ignored.includes(t.key ?? ''));
    if (value.tags.length === 0) delete value.tags;
  }
  return { file, value };
}
