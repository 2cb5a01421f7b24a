/**
 * A real Terraform run against moto: a root with only built-in resources (`terraform_data`, a
 * `count`, a `for_each`, a local module) and an S3 backend on moto, in the default and a
 * `staging` workspace. The state is then read through `s3://` URLs and through the
 * `.terraform/terraform.tfstate` backend pointer.
 *
 * In this file `process.env.AWS_ENDPOINT_URL` points at a closed port: ecsx must take moto's
 * address from the plugin context env (s3:// URLs) or from the backend config (.terraform).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { startMoto, motoEnv, MOTO_CREDENTIALS, type Moto } from '../helpers/moto.js';
import { loadPlugins, SecretRegistry, type PluginConfig } from '../../src/plugins/index.js';
import { evaluateWithFetches } from '../../src/pending.js';
import { clientConfig } from '../../src/aws/client-config.js';

const run = promisify(execFile);
/** Without a terraform binary the file is skipped (with the reason), not failed. */
const NO_TERRAFORM = spawnSync('terraform', ['version'], { stdio: 'ignore' }).error ? 'terraform is not on PATH' : false;
const REGION = 'us-east-1';
let moto: Moto;
let root: string;
let tfEnv: NodeJS.ProcessEnv;
const timings: Record<string, number> = {};

const MAIN_TF = (endpoint: string) => `
terraform {
  backend "s3" {
    bucket                      = "tfstate"
    key                         = "app/terraform.tfstate"
    region                      = "${REGION}"
    endpoints                   = { s3 = "${endpoint}" }
    use_path_style              = true
    access_key                  = "${MOTO_CREDENTIALS.accessKeyId}"
    secret_key                  = "${MOTO_CREDENTIALS.secretAccessKey}"
    skip_credentials_validation = true
    skip_requesting_account_id  = true
    skip_metadata_api_check     = true
    skip_region_validation      = true
    skip_s3_checksum            = true
  }
}

resource "terraform_data" "single" {
  input = "hello-\${terraform.workspace}"
}

resource "terraform_data" "counted" {
  count = 2
  input = "n-\${count.index}"
}

resource "terraform_data" "each" {
  for_each = toset(["a", "b-c"])
  input    = { key = each.key, upper = upper(each.key), port = 8080 }
}

module "inner" {
  source = "./inner"
  name   = "in-\${terraform.workspace}"
}

output "workspace" {
  value = terraform.workspace
}

output "ids" {
  value = [for r in terraform_data.counted : r.output]
}

output "secret" {
  value     = "tf-secret-\${terraform.workspace}"
  sensitive = true
}
`;

const INNER_TF = `
variable "name" { type = string }
resource "terraform_data" "x" {
  input = { name = var.name, tags = { "team-name" = "core" } }
}
`;

async function terraform(args: string[]): Promise<void> {
  const t0 = Date.now();
  try {
    await run('terraform', args, { cwd: root, env: tfEnv, timeout: 120_000 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`terraform ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
  const label = args[0] === 'workspace' ? `workspace ${args[1]}` : args[0];
  timings[label] = (timings[label] ?? 0) + Date.now() - t0;
}

before(async () => {
  if (NO_TERRAFORM) return;
  moto = await startMoto();
  root = mkdtempSync(join(tmpdir(), 'ecsx-terraform-'));
  mkdirSync(join(root, 'inner'));
  writeFileSync(join(root, 'main.tf'), MAIN_TF(moto.endpoint));
  writeFileSync(join(root, 'inner/main.tf'), INNER_TF);
  // Built-in providers only: nothing to download. A CLI config of our own keeps ~/.terraformrc out.
  writeFileSync(join(root, 'terraformrc'), 'disable_checkpoint = true\n');
  tfEnv = {
    PATH: process.env.PATH,
    HOME: root,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    TF_INPUT: '0',
    TF_CLI_CONFIG_FILE: join(root, 'terraformrc'),
    TF_PLUGIN_CACHE_DIR: '',
    ...motoEnv(moto.endpoint, REGION),
  };
  const s3 = new S3Client(clientConfig({ region: REGION }, { service: 's3', env: motoEnv(moto.endpoint, REGION) }));
  await s3.send(new CreateBucketCommand({ Bucket: 'tfstate' }));
  s3.destroy();
  // Safety net and proof: anything reading process.env for an endpoint hits a closed port, never AWS.
  Object.assign(process.env, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: REGION });
  delete process.env.AWS_PROFILE;

  await terraform(['init', '-input=false', '-no-color']);
  await terraform(['apply', '-auto-approve', '-input=false', '-lock=false', '-no-color']);
  await terraform(['workspace', 'new', '-lock=false', '-no-color', 'staging']);
  await terraform(['apply', '-auto-approve', '-input=false', '-lock=false', '-no-color']);
});

after(async () => {
  await moto?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
  if (!NO_TERRAFORM) console.log(`# terraform timings (ms): ${JSON.stringify(timings)}`);
});

function plugins(config: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) {
  const secrets = new SecretRegistry();
  const p = loadPlugins([{ name: 'tfstate', config } as PluginConfig], { configDir: root, aws: { region: REGION }, env, secrets, warn: () => {} });
  const tf = (addr: string) => evaluateWithFetches(() => p.funcs.tfstate(addr));
  const native = (addr: string) => evaluateWithFetches(() => p.natives.tfstate.fn(addr));
  return { tf, native, secrets };
}

describe('state written by terraform, read from s3://', { skip: NO_TERRAFORM }, () => {
  const viaUrl = (key: string) => plugins({ url: `s3://tfstate/${key}` }, motoEnv(moto.endpoint, REGION));

  test('default workspace: resources, count, for_each, module, outputs', async () => {
    const { tf, native, secrets } = viaUrl('app/terraform.tfstate');
    assert.equal(await tf('terraform_data.single.output.value'), 'hello-default');
    assert.equal(await tf('terraform_data.counted[1].output.value'), 'n-1');
    assert.equal(await tf(`terraform_data.each['b-c'].output.value.upper`), 'B-C');
    assert.equal(await tf('terraform_data.each["a"].input.value.port'), '8080');
    assert.equal(await tf('module.inner.terraform_data.x.output.value.name'), 'in-default');
    assert.equal(await tf('module.inner.terraform_data.x.output.value.tags.team-name'), 'core');
    // terraform_data's input/output are dynamic values, stored (and looked up, as tfstate-lookup does) as {type, value}.
    assert.equal(await tf('terraform_data.single.output'), '{"type":"string","value":"hello-default"}');
    assert.equal(await tf('output.workspace'), 'default');
    assert.equal(await tf('output.ids[0]'), 'n-0');
    assert.equal(await tf('output.ids'), '["n-0","n-1"]');
    const each = (await native('terraform_data.each')) as Record<string, { output: { value: { key: string } } }>;
    assert.deepEqual(Object.keys(each).sort(), ['a', 'b-c']);
    const counted = (await native('terraform_data.counted')) as { output: { value: string } }[];
    assert.deepEqual(counted.map((c) => c.output.value), ['n-0', 'n-1']);
    assert.equal(await tf('output.secret'), 'tf-secret-default');
    assert.equal(secrets.mask('tf-secret-default'), '********');
  });

  test('staging workspace under env:/', async () => {
    const { tf } = viaUrl('env:/staging/app/terraform.tfstate');
    assert.equal(await tf('output.workspace'), 'staging');
    assert.equal(await tf('terraform_data.single.output.value'), 'hello-staging');
  });
});

describe('state found through .terraform/terraform.tfstate (S3 backend config)', { skip: NO_TERRAFORM }, () => {
  test('terraform wrote a backend pointer and selected staging', () => {
    const pointer = JSON.parse(readFileSync(join(root, '.terraform/terraform.tfstate'), 'utf8'));
    assert.equal(pointer.backend.type, 's3');
    assert.equal(readFileSync(join(root, '.terraform/environment'), 'utf8').trim(), 'staging');
  });

  test('workspace from .terraform/environment (staging)', async () => {
    const { tf } = plugins({ path: '.terraform/terraform.tfstate' });
    assert.equal(await tf('output.workspace'), 'staging');
    assert.equal(await tf('module.inner.terraform_data.x.output.value.name'), 'in-staging');
  });

  test('TF_WORKSPACE overrides the environment file', async () => {
    const { tf } = plugins({ path: '.terraform/terraform.tfstate' }, { TF_WORKSPACE: 'default' });
    assert.equal(await tf('output.workspace'), 'default');
  });

  test('the Terraform root directory itself', async () => {
    const { tf } = plugins({ path: '.' }, { TF_WORKSPACE: 'default' });
    assert.equal(await tf('terraform_data.counted[0].output.value'), 'n-0');
  });

  test('an unknown workspace is a clear S3 miss', async () => {
    const { tf } = plugins({ path: '.terraform/terraform.tfstate' }, { TF_WORKSPACE: 'nope' });
    await assert.rejects(tf('output.workspace'), { message: 's3: tfstate s3://tfstate/env:/nope/app/terraform.tfstate not found (NoSuchKey)' });
  });
});
