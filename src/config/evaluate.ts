import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { UserInputError, ConfigError } from '../errors.js';
import { evaluateWithFetches } from '../pending.js';
import { renderTemplate, type FuncMap, type TemplateFunc } from '../template/index.js';
import type { NativeFunction } from '../jsonnet/index.js';

/** Everything needed to turn a config or definition file into text: template functions, Jsonnet natives, ext vars. */
export interface Evaluator {
  funcs: FuncMap;
  /** Supplies functions `funcs` lacks (config pass 1 stubs plugin functions). */
  missingFunc?: (name: string) => TemplateFunc | undefined;
  natives: Record<string, NativeFunction>;
  extStr: Record<string, string>;
  extCode: Record<string, string>;
}

/** Reads a file, turning fs errors into a user error naming the file. */
export function readUserFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(err);
    throw new ConfigError(`cannot read ${what}: ${why}`, { file }, err);
  }
}

export function isJsonnetFile(file: string): boolean {
  return extname(file).toLowerCase() === '.jsonnet' || extname(file).toLowerCase() === '.libsonnet';
}

/**
 * Evaluates a file the way ecspresso does and returns its text:
 * - `jsonnetFirst` (config .json/.jsonnet, definition .jsonnet): Jsonnet, then the template engine on the JSON output;
 * - otherwise (YAML config, .json definitions): the template engine on the file text.
 * Plugin values that need a fetch are fetched between evaluation rounds (see pending.ts).
 */
export async function evaluateToText(
  file: string,
  ev: Evaluator,
  opts: { jsonnetFirst: boolean; what: string; onlyFields?: string[] },
): Promise<string> {
  if (!opts.jsonnetFirst) {
    const text = readUserFile(file, opts.what);
    return evaluateWithFetches(() => renderTemplate(text, { file, funcs: ev.funcs, missingFunc: ev.missingFunc }));
  }
  // Read first so a missing file is reported as such, not as a Jsonnet import error.
  readUserFile(file, opts.what);
  // Loaded only for Jsonnet files: most configs are YAML + JSON and should not pay for it.
  const { evaluateFile, evaluateSnippet } = await import('../jsonnet/index.js');
  const jsonnetOpts = { extStr: ev.extStr, extCode: ev.extCode, nativeFunctions: ev.natives };
  // `onlyFields` evaluates just those fields; Jsonnet is lazy, so the others (which may call
  // functions that do not exist yet) are never forced.
  const value = await evaluateWithFetches(() =>
    opts.onlyFields
      ? evaluateSnippet(
          file,
          `local c = import ${JSON.stringify(file)}; { [k]: c[k] for k in std.objectFields(c) if std.member(${JSON.stringify(opts.onlyFields)}, k) }`,
          jsonnetOpts,
        )
      : evaluateFile(file, jsonnetOpts),
  );
  const json = JSON.stringify(value, null, 2);
  return evaluateWithFetches(() => renderTemplate(json, { file: `${file} (Jsonnet output)`, funcs: ev.funcs, missingFunc: ev.missingFunc }));
}

/** Parses JSON produced by evaluation; a template that broke the JSON is reported with its position. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec(String((err as Error).message));
    let pos: { file: string; line?: number; col?: number } = { file };
    if (m) {
      const before = text.slice(0, Number(m[1]));
      const lines = before.split('\n');
      pos = { file, line: lines.length, col: lines[lines.length - 1].length + 1 };
    }
    throw new UserInputError('CONFIG', `invalid JSON: ${(err as Error).message.replace(/ in JSON at position \d+.*$/, '')}`, { pos, cause: err });
  }
}
