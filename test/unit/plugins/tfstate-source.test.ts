import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendSource, parseTfstateUrl, resolveTfstateSettings, describeSource } from '../../../src/plugins/tfstate/source.js';
import { readTfstate } from '../../../src/plugins/tfstate/read.js';
import { PluginConfigError, PluginSourceError } from '../../../src/plugins/errors.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/tfstate/${p}`, import.meta.url));
const state = (outputs: Record<string, string>) =>
  JSON.stringify({ version: 4, outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v, type: 'string' }])), resources: [] });
const backend = (type: string, config: object) => JSON.stringify({ version: 3, backend: { type, config, hash: 1 } });

describe('tfstate plugin config', () => {
  test('path is relative to the config dir', () => {
    assert.deepEqual(resolveTfstateSettings({ path: 'tf/terraform.tfstate' }, '/cfg'), { source: { kind: 'file', path: '/cfg/tf/terraform.tfstate' }, optional: false });
    assert.deepEqual(resolveTfstateSettings({ path: '/abs/x.tfstate', optional: true }, '/cfg').source, { kind: 'file', path: '/abs/x.tfstate' });
  });
  test('url forms', () => {
    assert.deepEqual(parseTfstateUrl('s3://bucket/path/to/terraform.tfstate', '/c'), { kind: 's3', bucket: 'bucket', key: 'path/to/terraform.tfstate' });
    assert.deepEqual(parseTfstateUrl('https://example.com/x.tfstate', '/c'), { kind: 'http', url: 'https://example.com/x.tfstate' });
    assert.deepEqual(parseTfstateUrl('file:///tmp/a.tfstate', '/c'), { kind: 'file', path: '/tmp/a.tfstate' });
    assert.deepEqual(parseTfstateUrl('file://rel/a.tfstate', '/c'), { kind: 'file', path: '/c/rel/a.tfstate' });
    assert.deepEqual(parseTfstateUrl('./terraform.tfstate', '/c'), { kind: 'file', path: '/c/terraform.tfstate' });
  });
  test('bad config', () => {
    assert.throws(() => resolveTfstateSettings({}, '/c'), { message: 'tfstate plugin requires path or url for tfstate location' });
    assert.throws(() => resolveTfstateSettings({ path: 1 }, '/c'), PluginConfigError);
    assert.throws(() => resolveTfstateSettings({ path: 'x', optional: 'yes' }, '/c'), /optional/);
    assert.throws(() => parseTfstateUrl('s3://bucket', '/c'), /s3:\/\/BUCKET\/KEY/);
    assert.throws(() => parseTfstateUrl('gs://b/k', '/c'), /scheme gs is not supported/);
  });
  test('describeSource hides URL credentials', () => {
    assert.equal(describeSource({ kind: 'http', url: 'https://u:p@h/x?token=1' }), 'https://h/x?…');
  });
});

describe('backend → source', () => {
  test('s3 default workspace', () => {
    assert.deepEqual(backendSource({ type: 's3', config: { bucket: 'b', key: 'app/tf.tfstate', region: 'eu-west-1' } }, 'default', '/r'), {
      kind: 's3', bucket: 'b', key: 'app/tf.tfstate', region: 'eu-west-1',
    });
  });
  test('s3 non-default workspace, default and custom prefix', () => {
    assert.equal((backendSource({ type: 's3', config: { bucket: 'b', key: 'k.tfstate' } }, 'staging', '/r') as { key: string }).key, 'env:/staging/k.tfstate');
    assert.equal((backendSource({ type: 's3', config: { bucket: 'b', key: 'k.tfstate', workspace_key_prefix: 'ws' } }, 'dev', '/r') as { key: string }).key, 'ws/dev/k.tfstate');
  });
  test('s3 endpoint, path style and static credentials', () => {
    const s = backendSource(
      { type: 's3', config: { bucket: 'b', key: 'k', endpoints: { s3: 'http://127.0.0.1:1' }, use_path_style: true, access_key: 'AK', secret_key: 'SK' } },
      'default', '/r',
    );
    assert.deepEqual(s, { kind: 's3', bucket: 'b', key: 'k', endpoint: 'http://127.0.0.1:1', forcePathStyle: true, credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } });
    const legacy = backendSource({ type: 's3', config: { bucket: 'b', key: 'k', endpoint: 'http://e', force_path_style: true } }, 'default', '/r');
    assert.equal((legacy as { endpoint: string }).endpoint, 'http://e');
    assert.equal((legacy as { forcePathStyle: boolean }).forcePathStyle, true);
  });
  test('local backend paths', () => {
    assert.deepEqual(backendSource({ type: 'local', config: {} }, 'default', '/r'), { kind: 'file', path: '/r/terraform.tfstate' });
    assert.deepEqual(backendSource({ type: 'local', config: { path: 'st/x.tfstate' } }, 'default', '/r'), { kind: 'file', path: '/r/st/x.tfstate' });
    assert.deepEqual(backendSource({ type: 'local', config: {} }, 'dev', '/r'), { kind: 'file', path: '/r/terraform.tfstate.d/dev/terraform.tfstate' });
  });
  test('unsupported backends', () => {
    assert.throws(() => backendSource({ type: 'gcs', config: {} }, 'default', '/r'), /backend type gcs is not supported/);
    assert.throws(() => backendSource({ type: 's3', config: { bucket: 'b' } }, 'default', '/r'), PluginSourceError);
  });
});

describe('readTfstate (local and http)', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const ctx = (env: NodeJS.ProcessEnv = {}) => ({ aws: {}, env, configDir: dir });
  const out = async (src: Parameters<typeof readTfstate>[0], env: NodeJS.ProcessEnv = {}) =>
    (await readTfstate(src, ctx(env))).outputs?.which?.value;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ecsx-tfstate-'));
    // A Terraform root with a local backend and two workspaces.
    mkdirSync(join(dir, 'root/.terraform'), { recursive: true });
    mkdirSync(join(dir, 'root/terraform.tfstate.d/staging'), { recursive: true });
    writeFileSync(join(dir, 'root/.terraform/terraform.tfstate'), backend('local', { path: null, workspace_dir: null }));
    writeFileSync(join(dir, 'root/terraform.tfstate'), state({ which: 'default' }));
    writeFileSync(join(dir, 'root/terraform.tfstate.d/staging/terraform.tfstate'), state({ which: 'staging' }));
    // A root with no backend block at all.
    mkdirSync(join(dir, 'plain'));
    writeFileSync(join(dir, 'plain/terraform.tfstate'), state({ which: 'plain' }));
    copyFileSync(fixture('v3.tfstate'), join(dir, 'v3.tfstate'));
    writeFileSync(join(dir, 'unsupported.tfstate'), backend('azurerm', {}));
    server = createServer((req, res) => {
      if (req.url === '/state') res.end(state({ which: 'http' }));
      else { res.statusCode = 404; res.end('nope'); }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a directory follows .terraform to the local backend', async () => {
    assert.equal(await out({ kind: 'file', path: join(dir, 'root') }), 'default');
  });
  test('the pointer file itself', async () => {
    assert.equal(await out({ kind: 'file', path: join(dir, 'root/.terraform/terraform.tfstate') }), 'default');
  });
  test('workspace from .terraform/environment', async () => {
    writeFileSync(join(dir, 'root/.terraform/environment'), 'staging');
    try {
      assert.equal(await out({ kind: 'file', path: join(dir, 'root') }), 'staging');
    } finally {
      rmSync(join(dir, 'root/.terraform/environment'));
    }
  });
  test('TF_WORKSPACE wins', async () => {
    assert.equal(await out({ kind: 'file', path: join(dir, 'root/.terraform/terraform.tfstate') }, { TF_WORKSPACE: 'staging' }), 'staging');
  });
  test('a directory without .terraform uses terraform.tfstate', async () => {
    assert.equal(await out({ kind: 'file', path: join(dir, 'plain') }), 'plain');
  });
  test('http(s)', async () => {
    assert.equal(await out({ kind: 'http', url: `${base}/state` }), 'http');
    await assert.rejects(out({ kind: 'http', url: `${base}/missing` }), /cannot read tfstate .*\/missing: HTTP 404/);
  });
  test('missing file, old version, unsupported backend', async () => {
    await assert.rejects(out({ kind: 'file', path: join(dir, 'nope.tfstate') }), (e: unknown) => e instanceof PluginSourceError && /no such file/.test(e.message));
    await assert.rejects(out({ kind: 'file', path: join(dir, 'v3.tfstate') }), /unsupported state version 3/);
    await assert.rejects(out({ kind: 'file', path: join(dir, 'unsupported.tfstate') }), /backend type azurerm is not supported/);
  });
});
