import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';

/**
 * Parses an env file as hashicorp/go-envparse (ecspresso's `--envfile`) does: `KEY=value` lines,
 * optional `export ` prefix, `#` comments, single-quoted (literal) and double-quoted (escapes)
 * values. Returns the pairs in file order.
 */
export function parseEnvFile(text: string, file: string): [string, string][] {
  const out: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, idx) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const body = line.startsWith('export ') ? line.slice(7).trimStart() : line;
    const eq = body.indexOf('=');
    const pos = { file, line: idx + 1, col: raw.indexOf(body) + 1 };
    if (eq <= 0) throw new ConfigError(`invalid line in env file: expected KEY=value`, pos);
    const key = body.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(key)) throw new ConfigError(`invalid variable name ${JSON.stringify(key)} in env file`, pos);
    out.push([key, unquote(body.slice(eq + 1).trim(), { ...pos, col: pos.col + eq + 1 })]);
  });
  return out;
}

function unquote(v: string, pos: { file: string; line: number; col: number }): string {
  if (v.startsWith("'")) {
    if (!v.endsWith("'") || v.length < 2) throw new ConfigError('unterminated single-quoted value', pos);
    return v.slice(1, -1);
  }
  if (v.startsWith('"')) {
    if (!v.endsWith('"') || v.length < 2) throw new ConfigError('unterminated double-quoted value', pos);
    return v.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
  }
  const hash = v.search(/\s#/);
  return hash >= 0 ? v.slice(0, hash).trimEnd() : v;
}

/** Loads env files in order into `env` (later files win), like ecspresso's `--envfile`. */
export function loadEnvFiles(paths: string[], env: NodeJS.ProcessEnv): void {
  for (const p of paths) {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read env file: ${(err as NodeJS.ErrnoException).code ?? err}`, { file: p }, err);
    }
    for (const [k, v] of parseEnvFile(text, p)) env[k] = v;
  }
}
