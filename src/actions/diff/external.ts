/**
 * `diff --external CMD`: the two sides of each definition are written to a temporary directory
 * and CMD runs with the remote and the local path appended (ecspresso's ECSPRESSO_DIFF_COMMAND,
 * e.g. `difft` or `delta`). Its output is captured and returned, so the library never writes to
 * the terminal itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, UserInputError } from '../../errors.js';
import type { DefinitionDiff } from './compute.js';

/** Splits a command line into words as a POSIX shell would (quotes and backslashes; no expansion). */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else cur += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) cur += line[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) throw new UsageError(`--external: unterminated ${quote} quote in ${JSON.stringify(line)}`);
  if (has || cur) words.push(cur);
  return words;
}

/** Runs the external command on one definition's two sides; resolves with what it printed. */
function runOne(argv: string[], d: DefinitionDiff, dir: string, signal?: AbortSignal): Promise<string> {
  const base = d.kind === 'service' ? 'service' : 'task-definition';
  const remote = join(dir, `remote-${base}.json`);
  const local = join(dir, `local-${base}.json`);
  writeFileSync(remote, d.remoteText);
  writeFileSync(local, d.localText);
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, [...argv.slice(1), remote, local], { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.on('error', (e) => reject(new UserInputError('DIFF_EXTERNAL', `--external: cannot run ${argv[0]}: ${e.message}`, { cause: e })));
    child.on('close', (code) => {
      // diff(1) convention: 0 = same, 1 = different; anything else is trouble.
      if (code === 0 || code === 1) resolve(out + err);
      else reject(new UserInputError('DIFF_EXTERNAL', `--external: ${argv[0]} exited with code ${code}${err ? `: ${err.trim()}` : ''}`));
    });
  });
}

/** Runs `command` for every definition that differs; returns the outputs joined, in order. */
export async function runExternalDiff(command: string, diffs: (DefinitionDiff | undefined)[], signal?: AbortSignal): Promise<string> {
  const argv = splitCommand(command);
  if (argv.length === 0) throw new UsageError('--external: empty command');
  const dir = mkdtempSync(join(tmpdir(), 'ecsx-diff-'));
  try {
    let text = '';
    for (const d of diffs) if (d?.changed) text += await runOne(argv, d, dir, signal);
    return text;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
