import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadPlugins, SecretRegistry, DuplicateFunctionError, PluginConfigError, PluginLookupError, type PluginContext, type PluginConfig } from '../../../src/plugins/index.js';
import { evaluateWithFetches, PendingFetch } from '../../../src/pending.js';
import { UserInputError } from '../../../src/errors.js';

const compatDir = fileURLToPath(new URL('../../../../shared/compat/ecspresso/tests/', import.meta.url));
const fixtureDir = fileURLToPath(new URL('../../fixtures/tfstate/', import.meta.url));

function context(configDir = compatDir): PluginContext & { warnings: string[] } {
  const warnings: string[] = [];
  // No endpoint, no credentials: these tests must never reach AWS (nothing here calls it).
  return { configDir, aws: { region: 'us-east-1' }, env: {}, secrets: new SecretRegistry(), warn: (m) => warnings.push(m), warnings };
}

/** Calls a template function as the config loader does: re-running after each PendingFetch. */
const call = (fn: (...a: any[]) => unknown, ...args: unknown[]) => evaluateWithFetches(() => fn(...args));

describe('loadPlugins: registration', () => {
  test('default plugins are always loaded', () => {
    const p = loadPlugins([], context());
    assert.deepEqual(Object.keys(p.funcs).sort(), ['secretsmanager_arn', 'secretsmanager_arnf', 'ssm']);
    assert.deepEqual(Object.keys(p.natives).sort(), ['secretsmanager_arn', 'secretsmanager_arnf', 'ssm', 'ssm_list']);
    assert.deepEqual(p.natives.ssm_list.params, ['name', 'index']);
  });

  test('a user entry for a default plugin without prefix is skipped silently; with a prefix it adds functions', () => {
    const p = loadPlugins([{ name: 'ssm' }, { name: 'SecretsManager' }, { name: 'ssm', func_prefix: 'other_' }], context());
    assert.ok(p.funcs.ssm && p.funcs.other_ssm && p.natives.other_ssm_list);
  });

  test('two tfstate plugins without prefix: ecspresso config_duplicate_plugins.yaml error', () => {
    const configs: PluginConfig[] = [
      { name: 'tfstate', config: { path: 'bucket.tfstate' } },
      { name: 'tfstate', config: { path: 'terraform.tfstate' } },
    ];
    assert.throws(
      () => loadPlugins(configs, context()),
      (e: unknown) => e instanceof DuplicateFunctionError && e instanceof UserInputError && e.message.endsWith('already exists. set func_prefix to tfstate plugin'),
    );
    try {
      loadPlugins(configs, context());
    } catch (e) {
      assert.equal((e as Error).message, 'template function tfstate already exists. set func_prefix to tfstate plugin');
    }
  });

  test('func_prefix applies to template and Jsonnet names (config_multiple_plugins.yaml)', () => {
    const p = loadPlugins(
      [
        { name: 'tfstate', config: { path: 'bucket.tfstate' }, func_prefix: 'bucket_' },
        { name: 'tfstate', config: { path: 'terraform.tfstate' } },
      ],
      context(),
    );
    for (const n of ['tfstate', 'tfstatef', 'bucket_tfstate', 'bucket_tfstatef']) assert.equal(typeof p.funcs[n], 'function', n);
    assert.ok(p.natives.bucket_tfstate && p.natives.tfstate);
    assert.equal(p.natives.bucket_tfstatef, undefined);
  });

  test('an external function clashing with a default plugin function', () => {
    assert.throws(
      () => loadPlugins([{ name: 'external', config: { name: 'ssm', command: ['true'] } }], context()),
      { message: 'template function ssm already exists. set func_prefix to external plugin' },
    );
  });

  test('template functions declare their arity for the template engine', () => {
    const p = loadPlugins([{ name: 'tfstate', config: { path: 'terraform.tfstate' } }, { name: 'cloudformation' }], context());
    assert.deepEqual((p.funcs.tfstate as { arity?: unknown }).arity, { min: 1, max: 1 });
    assert.deepEqual((p.funcs.tfstatef as { arity?: unknown }).arity, { min: 1, max: Infinity });
    assert.deepEqual((p.funcs.ssm as { arity?: unknown }).arity, { min: 1, max: 2 });
    assert.deepEqual((p.funcs.cfn_output as { arity?: unknown }).arity, { min: 2, max: 2 });
  });

  test('unknown plugin and malformed entries', () => {
    assert.throws(() => loadPlugins([{ name: 'vault' }], context()), (e: unknown) => e instanceof PluginConfigError && /plugin vault is not available/.test((e as Error).message));
    assert.throws(() => loadPlugins([{ name: '' }], context()), /plugins\[0\] has no name/);
    assert.throws(() => loadPlugins([{ name: 'tfstate', config: [] as unknown as Record<string, unknown> }], context()), /config must be a map/);
    assert.throws(() => loadPlugins([{ name: 'tfstate' }], context()), { message: 'tfstate plugin requires path or url for tfstate location' });
    assert.throws(() => loadPlugins([{ name: 'external', config: { name: 'x' } }], context()), /config.command is required/);
    assert.throws(() => loadPlugins([{ name: 'external', config: { name: 'x', command: ['a'], parser: 'yaml' } }], context()), /unsupported parser: yaml/);
    assert.throws(() => loadPlugins([{ name: 'external', config: { name: 'x', command: ['a'], mode: 'jsonrpc' } }], context()), /jsonrpc is not supported/);
    assert.throws(() => loadPlugins([{ name: 'external', config: { name: 'x', command: ['a'], timeout: 'soon' } }], context()), /timeout/);
  });
});

describe('tfstate functions', () => {
  const load = () =>
    loadPlugins(
      [
        { name: 'tfstate', config: { path: 'bucket.tfstate' }, func_prefix: 'bucket_' },
        { name: 'tfstate', config: { url: 'terraform.tfstate' } },
        { name: 'tfstate', config: { path: `${fixtureDir}lookup.tfstate` }, func_prefix: 'fx_' },
      ],
      context(),
    );

  test('first call throws PendingFetch, then the value is cached', async () => {
    const p = load();
    assert.throws(() => p.funcs.tfstate('aws_subnet.private-a.id'), PendingFetch);
    assert.equal(await call(p.funcs.tfstate, 'aws_subnet.private-a.id'), 'subnet-07ac54af5e41a4fc4');
    assert.equal(p.funcs.tfstate('aws_subnet.private-a.id'), 'subnet-07ac54af5e41a4fc4'); // sync now
  });

  test('tfstate / tfstatef as in ecspresso fixtures', async () => {
    const p = load();
    assert.equal(await call(p.funcs.tfstate, `aws_ecr_repository.all['app'].repository_url`), '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app');
    assert.equal(await call(p.funcs.tfstatef, `data.aws_security_group.default['%s'].id`, 'first'), 'sg-12345678');
    assert.match(String(await call(p.funcs.bucket_tfstate, 'aws_s3_bucket.main.bucket')), /./);
  });

  test('template output of non-strings: numbers, bools, JSON', async () => {
    const p = load();
    assert.equal(await call(p.funcs.fx_tfstate, 'output.desired'), '3');
    assert.equal(await call(p.funcs.fx_tfstate, 'output.enabled'), 'false');
    assert.equal(await call(p.funcs.fx_tfstate, 'output.ports'), '{"http":80,"https":443}');
    assert.equal(await call(p.funcs.fx_tfstatef, 'aws_instance.web[%d].id', 1), 'i-1');
  });

  test('Jsonnet native returns raw values', async () => {
    const p = load();
    const sgs = (await call(p.natives.tfstate.fn, 'data.aws_security_group.default')) as Record<string, { id: string }>;
    assert.deepEqual(Object.values(sgs).map((s) => s.id).sort(), ['sg-12345678', 'sg-12345679']);
    assert.equal(await call(p.natives.fx_tfstate.fn, 'output.desired'), 3);
    assert.deepEqual(p.natives.tfstate.params, ['address']);
  });

  test('a miss is a user error naming the address', async () => {
    const p = load();
    await assert.rejects(call(p.funcs.tfstate, `aws_subnet.private['x'].id`), (e: unknown) =>
      e instanceof PluginLookupError && e.message === 'aws_subnet.private["x"].id is not found in tfstate');
    await assert.rejects(call(p.natives.tfstate.fn, 'nope.nope'), { message: 'nope.nope is not found in tfstate' });
  });

  test('bad arguments', async () => {
    const p = load();
    assert.throws(() => p.funcs.tfstate(), /wrong number of arguments/);
    assert.throws(() => p.funcs.tfstate(1), /address must be a string/);
    assert.throws(() => p.funcs.tfstate('a', 'b'), /want 1, got 2/);
  });

  test('sensitive outputs are registered as secrets', async () => {
    const ctx = context();
    const p = loadPlugins([{ name: 'tfstate', config: { path: `${fixtureDir}lookup.tfstate` } }], ctx);
    assert.equal(await call(p.funcs.tfstate, 'output.db_password'), 's3cr3t-pa55');
    assert.equal(ctx.secrets.mask('pw=s3cr3t-pa55'), 'pw=********');
  });

  test('an unreadable state: the error is cached and rethrown synchronously on each call', async () => {
    const p = loadPlugins([{ name: 'tfstate', config: { path: 'does-not-exist.tfstate' } }], context());
    await assert.rejects(call(p.funcs.tfstate, 'output.x'), /cannot read tfstate .*does-not-exist\.tfstate: no such file/);
    assert.throws(() => p.funcs.tfstate('output.y'), /no such file/); // no PendingFetch: cached failure
  });

  test('optional: true turns an unreadable state into an empty one with a warning', async () => {
    const ctx = context();
    const p = loadPlugins([{ name: 'tfstate', config: { path: 'does-not-exist.tfstate', optional: true } }], ctx);
    await assert.rejects(call(p.funcs.tfstate, 'output.x'), { message: 'output.x is not found in tfstate' });
    assert.equal(ctx.warnings.length, 1);
    assert.match(ctx.warnings[0], /could not be read; using an empty state/);
  });

  test('each plugin instance reads its state once per run', async () => {
    const p = load();
    let fetches = 0;
    await evaluateWithFetches(() => {
      try {
        return [p.funcs.tfstate('aws_subnet.private-a.id'), p.funcs.tfstate(`aws_ecr_repository.all["app"].id`), p.funcs.bucket_tfstate('aws_s3_bucket.main.id')];
      } catch (e) {
        if (e instanceof PendingFetch) fetches++;
        throw e;
      }
    });
    assert.equal(fetches, 2);
  });
});

describe('ssm / secretsmanager argument checks (no AWS call)', () => {
  test('ssm arity and index type', () => {
    const p = loadPlugins([], context());
    assert.throws(() => p.funcs.ssm(), /ssm: wrong number of arguments: want 1 to 2, got 0/);
    assert.throws(() => p.funcs.ssm('/a', 'x'), /index must be a non-negative integer/);
    assert.throws(() => p.natives.ssm_list.fn('/a', -1), /index must be a non-negative integer/);
    assert.throws(() => p.funcs.secretsmanager_arn(1), /id must be a string/);
  });
});
