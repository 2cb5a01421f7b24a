/** The external plugin against a small node script (no AWS). */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlugins, SecretRegistry, PluginSourceError, type PluginConfig } from '../../src/plugins/index.js';
import { evaluateWithFetches, PendingFetch } from '../../src/pending.js';
import { runCommand } from '../../src/plugins/run-command.js';

const script = fileURLToPath(new URL('./fixtures/ext.mjs', import.meta.url));
let dir: string;
let countFile: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecsx-external-'));
  countFile = join(dir, 'calls.log');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function load(config: Record<string, unknown>, prefix?: string) {
  const entry: PluginConfig = { name: 'external', config: { command: [process.execPath, script], ...config }, func_prefix: prefix };
  return loadPlugins([entry], { configDir: dir, aws: {}, env: { ...process.env, EXT_COUNT_FILE: countFile }, secrets: new SecretRegistry(), warn: () => {} });
}
const call = (fn: (...a: any[]) => unknown, ...args: unknown[]) => evaluateWithFetches(() => fn(...args));

describe('external plugin', () => {
  test('json parser (default): the parsed value; args appended to the command', async () => {
    const p = load({ name: 'ext', num_args: 2, env: { EXT_EXTRA: 'x' } });
    assert.deepEqual(await call(p.funcs.ext, 'json', 'a'), { args: ['a'], env: 'x' });
    assert.deepEqual(p.natives.ext.params, ['arg0', 'arg1']);
    assert.deepEqual(await call(p.natives.ext.fn, 'json', 'b'), { args: ['b'], env: 'x' });
    assert.equal(await call(p.funcs.ext, 'number'), 42);
  });

  test('string parser returns stdout as is', async () => {
    const p = load({ name: 'cat', parser: 'string', num_args: 1 });
    assert.equal(await call(p.funcs.cat, 'text', 'world'), 'hello world\n');
  });

  test('cached by arguments: each distinct call runs once', async () => {
    rmSync(countFile, { force: true });
    const p = load({ name: 'ext' });
    await call(p.funcs.ext, 'json', 'same');
    await call(p.funcs.ext, 'json', 'same');
    assert.deepEqual(p.funcs.ext('json', 'same'), { args: ['same'], env: null }); // no PendingFetch
    assert.throws(() => p.funcs.ext('json', 'other'), PendingFetch);
    await call(p.funcs.ext, 'json', 'other');
    assert.deepEqual(readFileSync(countFile, 'utf8').trim().split('\n'), ['json same', 'json other']);
  });

  test('func_prefix', async () => {
    const p = load({ name: 'ext' }, 'my_');
    assert.ok(p.funcs.my_ext && p.natives.my_ext && !p.funcs.ext);
  });

  test('failures are user errors with the exit code and stderr', async () => {
    const p = load({ name: 'ext' });
    await assert.rejects(call(p.funcs.ext, 'fail'), (e: unknown) =>
      e instanceof PluginSourceError && /ext: command failed \(exit code 3\)/.test(e.message) && /stderr: something broke/.test(e.message));
    await assert.rejects(call(p.funcs.ext, 'bad-json'), /ext: command output is not valid JSON/);
    const missing = loadPlugins([{ name: 'external', config: { name: 'nope', command: ['/no/such/binary-xyz'] } }], {
      configDir: dir, aws: {}, env: process.env, secrets: new SecretRegistry(), warn: () => {},
    });
    await assert.rejects(call(missing.funcs.nope), { message: 'nope: command not found: /no/such/binary-xyz' });
  });

  test('timeout: SIGTERM', async () => {
    const p = load({ name: 'ext', timeout: '300ms' });
    const t0 = Date.now();
    await assert.rejects(call(p.funcs.ext, 'sleep'), /ext: command timed out after 0.3s/);
    assert.ok(Date.now() - t0 < 5000);
  });

  test('timeout: SIGKILL after the grace period when SIGTERM is ignored', async () => {
    const t0 = Date.now();
    const r = await runCommand([process.execPath, script, 'stubborn'], { env: process.env, timeoutMs: 300, killAfterMs: 300 });
    assert.equal(r.timedOut, true);
    assert.equal(r.signal, 'SIGKILL');
    assert.ok(Date.now() - t0 < 5000);
  });

  test('numeric timeout is seconds', async () => {
    const p = load({ name: 'ext', timeout: 1 });
    assert.deepEqual(await call(p.funcs.ext, 'json'), { args: [], env: null });
  });
});
