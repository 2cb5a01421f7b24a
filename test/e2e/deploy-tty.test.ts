// The live progress view in a real pseudo-terminal: `script` gives the built CLI a TTY on
// stderr; the block must be redrawn in place (cursor up + erase) and end on the final state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { ECSX_BIN } from '../helpers/cli.js';
import { startProject, type Project } from './deploy-fixture.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
let p: Project;
before(async () => {
  if (hasScript) p = await startProject({ timeScale: 30 });
});
after(() => p?.stop());

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Runs the CLI under `script -qfec` and returns everything the terminal received. */
function inPty(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const cmd = [process.execPath, ECSX_BIN, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: p.dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color', ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

test('deploy on a terminal redraws one progress block in place and ends on the final state', { skip: !hasScript && 'script(1) is not installed' }, async () => {
  const { code, out } = await inPty(['deploy'], { ...p.env, IMAGE: 'public.ecr.aws/nginx/nginx:1.27' });
  assert.equal(code, 0, out);
  // Redrawn in place: carriage return, cursor up N lines, erase to the end of the screen.
  const redraws = out.match(/\r\x1b\[\d+A\x1b\[J/g) ?? [];
  assert.ok(redraws.length >= 2, `expected several redraws, got ${redraws.length}:\n${JSON.stringify(out)}`);
  assert.match(out, /\x1b\[3\dm/, 'colours on a terminal');
  // The last frame (after the last erase) is the final state, left on screen.
  const last = strip(out.slice(out.lastIndexOf('\x1b[J') + 3));
  assert.match(last, /^✔ web {2}succeeded {2}\d+s {2}deployment of web:1 successful/);
  assert.match(last, /PRIMARY {2}web:1 {2}desired 4 pending 0 running 4 .* COMPLETED/);
  assert.match(last, /deployment of web:1 successful \(\d+s\)/);
  assert.match(last, /created service web in cluster main: web:1/);
  // Events are printed above the block, once each.
  assert.equal(strip(out).match(/has started 4 tasks/g)?.length, 1);
});
