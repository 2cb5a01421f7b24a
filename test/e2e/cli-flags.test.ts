// ecspresso scripts pass the positive forms of boolean flags (`--wait`, `--color`); ecsx accepts
// them for every `--no-x` flag, on every command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

for (const args of [['deploy', '--wait', '--update-service'], ['rollback', '--deregister-task-definition'], ['diff', '--with-service', '--color'], ['verify', '--get-secrets']]) {
  test(`accepted: ecsx ${args.join(' ')}`, async () => {
    const r = await runCli([...args, '--config', 'missing.yml']);
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, /unknown option/);
    assert.match(r.stderr, /missing\.yml: config file not found/);
  });
}

test('the positive forms stay out of --help', async () => {
  const r = await runCli(['deploy', '--help']);
  assert.match(r.stdout, /--no-wait/);
  assert.doesNotMatch(r.stdout, /^\s+--wait\s/m);
});

test('a command-line parse error in JSON mode is a JSON error line with exit 2', async () => {
  const r = await runCli(['render', 'config', '--nope', '--output', 'json']);
  assert.equal(r.code, 2);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  const e = JSON.parse(lines[0]);
  assert.equal(e.error.code, 'USAGE');
  assert.equal(e.exitCode, 2);
  assert.match(e.message, /unknown option '--nope'/);
});
