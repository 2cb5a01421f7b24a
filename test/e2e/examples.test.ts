// The examples run as documented, against a sandbox: classic-with-terraform applies real
// Terraform (S3 backend on the sandbox) and deploys with the built CLI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { ECSX_BIN } from '../helpers/cli.js';

const run = promisify(execFile);
const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ region: 'us-east-1', timeScale: 600 });
});
after(() => sandbox?.stop());

test('examples/classic-with-terraform: run-on-sandbox.sh applies Terraform, verifies and deploys', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecsx-example-'));
  cpSync(join(examples, 'classic-with-terraform'), dir, { recursive: true, filter: (p) => !p.includes('.terraform') });
  const env: NodeJS.ProcessEnv = { ...process.env, ...sandbox.env(), ECSX: `${process.execPath} ${ECSX_BIN}`, IMAGE_URI: 'nginx:1.27', TF_CLI_CONFIG_FILE: '/dev/null', NO_COLOR: '1' };
  delete env.AWS_PROFILE;
  const r = await run('bash', [join(dir, 'run-on-sandbox.sh')], { env, cwd: dir });
  const out = r.stdout + r.stderr;
  assert.match(out, /verify OK/);
  assert.match(out, /deployment of web:1 successful/);
  assert.match(out, /created service web in cluster demo/);
});

test('examples/monorepo: deploy-all.sh deploys both services, then finds nothing to change', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecsx-example-'));
  cpSync(join(examples, 'monorepo'), dir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ...sandbox.env(), ECSX: `${process.execPath} ${ECSX_BIN}`, IMAGE_TAG: '1.27', NO_COLOR: '1' };
  delete env.AWS_PROFILE;
  const r = await run('bash', [join(dir, 'run-on-sandbox.sh')], { env, cwd: dir });
  const out = r.stdout + r.stderr;
  assert.match(out, /created service api in cluster monorepo: monorepo-api:1/);
  assert.match(out, /created service worker in cluster monorepo: monorepo-worker:1/);
  const again = out.slice(out.indexOf('== again'));
  assert.match(again, /api: no changes/);
  assert.match(again, /worker: no changes/);
});

test('examples/classic: renders with values from its Terraform state file', async () => {
  const r = await run(process.execPath, [ECSX_BIN, 'render', 'servicedef', 'taskdef', '--config', join(examples, 'classic', 'ecsx.yml')], { env: { ...process.env, IMAGE: 'nginx:1.27' } });
  const [sv, td] = r.stdout.split(/\n(?=\{)/).map((t) => JSON.parse(t));
  assert.deepEqual(sv.networkConfiguration.awsvpcConfiguration.securityGroups, ['sg-0123456789abcdef0']);
  assert.match(sv.loadBalancers[0].targetGroupArn, /^arn:aws:elasticloadbalancing:.*targetgroup\/example\//);
  assert.equal(td.containerDefinitions[0].image, 'nginx:1.27');
  assert.equal(td.executionRoleArn, 'arn:aws:iam::123456789012:role/example-execution');
});
