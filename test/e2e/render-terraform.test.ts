// Real Terraform writes state to S3 (the sandbox's, i.e. moto behind our endpoint); the real
// `ecsx render` CLI resolves `tfstate` lookups from that `s3://` URL and from the local
// `.terraform/terraform.tfstate` backend pointer, in the default and a named workspace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { runCli } from '../helpers/cli.js';

const run = promisify(execFile);
let sandbox: Sandbox;
let dir: string;
let env: Record<string, string>;

const mainTf = (endpoint: string) => `
terraform {
  backend "s3" {
    bucket                      = "infra-state"
    key                         = "web/terraform.tfstate"
    region                      = "us-east-1"
    endpoints                   = { s3 = "${endpoint}" }
    use_path_style              = true
    access_key                  = "test"
    secret_key                  = "test"
    skip_credentials_validation = true
    skip_requesting_account_id  = true
    skip_metadata_api_check     = true
    skip_region_validation      = true
    skip_s3_checksum            = true
  }
}
resource "terraform_data" "subnet" {
  count = 2
  input = { id = "subnet-\${terraform.workspace}-\${count.index}" }
}
resource "terraform_data" "sg" {
  for_each = toset(["app"])
  input    = { id = "sg-\${each.key}-\${terraform.workspace}" }
}
output "target_group_arn" {
  value = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-\${terraform.workspace}/abc"
}
`;

const serviceDef = JSON.stringify({
  desiredCount: 1,
  launchType: 'FARGATE',
  networkConfiguration: {
    awsvpcConfiguration: {
      subnets: ['{{ tfstate `terraform_data.subnet[0].output.value.id` }}', "{{ tfstatef `terraform_data.subnet[%d].output.value.id` 1 }}"],
      securityGroups: ["{{ tfstate `terraform_data.sg['app'].output.value.id` }}"],
    },
  },
  loadBalancers: [{ containerName: 'web', containerPort: 80, targetGroupArn: '{{ tfstate `output.target_group_arn` }}' }],
});

before(async () => {
  sandbox = await startSandbox({ region: 'us-east-1' });
  env = { ...sandbox.env(), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: '/dev/null' };
  const s3 = new S3Client({ region: 'us-east-1', endpoint: sandbox.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await s3.send(new CreateBucketCommand({ Bucket: 'infra-state' }));
  dir = mkdtempSync(join(tmpdir(), 'ecsx-tf-'));
  writeFileSync(join(dir, 'main.tf'), mainTf(sandbox.endpoint));
  const tf = (...args: string[]) => run('terraform', args, { cwd: dir, env: { ...process.env, ...env } });
  await tf('init', '-input=false', '-no-color');
  await tf('apply', '-auto-approve', '-input=false', '-no-color');
  await tf('workspace', 'new', '-no-color', 'staging');
  await tf('apply', '-auto-approve', '-input=false', '-no-color');
  writeFileSync(join(dir, 'sv.json'), serviceDef);
  const config = (plugin: string) => `region: us-east-1\ncluster: c\nservice: web\nservice_definition: sv.json\nplugins:\n  - name: tfstate\n    config:\n${plugin}`;
  writeFileSync(join(dir, 's3.yml'), config('      url: s3://infra-state/web/terraform.tfstate\n'));
  writeFileSync(join(dir, 'backend.yml'), config('      path: .terraform/terraform.tfstate\n'));
});

after(() => sandbox?.stop());

const render = async (config: string, extra: Record<string, string> = {}) => {
  const r = await runCli(['render', 'servicedef', '--config', config], { cwd: dir, env: { ...env, ...extra } });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
};

test('tfstate from an s3:// URL written by terraform (default workspace)', async () => {
  const sv = await render('s3.yml');
  assert.deepEqual(sv.networkConfiguration.awsvpcConfiguration.subnets, ['subnet-default-0', 'subnet-default-1']);
  assert.deepEqual(sv.networkConfiguration.awsvpcConfiguration.securityGroups, ['sg-app-default']);
  assert.equal(sv.loadBalancers[0].targetGroupArn, 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-default/abc');
});

test('tfstate through the .terraform backend pointer follows the selected workspace', async () => {
  // `terraform workspace new staging` selected it (.terraform/environment).
  const sv = await render('backend.yml');
  assert.deepEqual(sv.networkConfiguration.awsvpcConfiguration.subnets, ['subnet-staging-0', 'subnet-staging-1']);
  // TF_WORKSPACE wins over .terraform/environment.
  const def = await render('backend.yml', { TF_WORKSPACE: 'default' });
  assert.deepEqual(def.networkConfiguration.awsvpcConfiguration.securityGroups, ['sg-app-default']);
});
