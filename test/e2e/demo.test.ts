// `npm run demo` (after the build `npm test` already did) must walk through every step and say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);

test('the demo shows each step: Express create, Terraform-backed deploy, caught broken image, delete report', async () => {
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  const { stdout, stderr } = await run(process.execPath, ['scripts/demo.mjs'], { cwd: repo, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 });
  const out = stdout + stderr;
  assert.match(out, /https:\/\/[a-z0-9]{2}-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws/, 'Express endpoint printed');
  assert.match(out, /no differences/);
  assert.match(out, /terraform apply/);
  assert.match(out, /deployment of web:1 successful/);
  assert.match(out, /CannotPullContainerError/);
  assert.match(out, /\(exit 3, as expected\)/);
  assert.match(out, /Retained by design:/);
  assert.match(out, /demo finished: every step behaved as expected/);
});
