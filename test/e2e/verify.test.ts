// `ecsx verify` through the built CLI against the sandbox (IAM, SSM, Secrets Manager, Logs, EC2
// and ELBv2 are moto's): everything OK, then definitions with a missing role, an untrusted role,
// missing secrets, a missing log group, a missing subnet and a target group / port mismatch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startProject, taskDefinition, type Project } from './deploy-fixture.js';

let p: Project;
let secretArn: string;
before(async () => {
  p = await startProject({ timeScale: 1 });
  const c = { region: p.sandbox.region, endpoint: p.sandbox.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const iam = new IAMClient(c);
  const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
  await iam.send(new CreateRoleCommand({ RoleName: 'ecsTaskExecutionRole', AssumeRolePolicyDocument: trust('ecs-tasks.amazonaws.com') }));
  await iam.send(new CreateRoleCommand({ RoleName: 'app', Path: '/service/', AssumeRolePolicyDocument: trust('ecs-tasks.amazonaws.com') }));
  await iam.send(new CreateRoleCommand({ RoleName: 'lambda', AssumeRolePolicyDocument: trust('lambda.amazonaws.com') }));
  const ssm = new SSMClient(c);
  await ssm.send(new PutParameterCommand({ Name: '/web/db-password', Value: 's3cret', Type: 'SecureString' }));
  const sm = new SecretsManagerClient(c);
  secretArn = (await sm.send(new CreateSecretCommand({ Name: 'web/api-key', SecretString: '{"key":"x"}' }))).ARN!;
  iam.destroy();
  ssm.destroy();
  sm.destroy();
});
after(() => p?.stop());

function writeTask(change: (td: any) => void) {
  const td: any = taskDefinition();
  change(td);
  writeFileSync(join(p.dir, 'ecs-task-def.json'), JSON.stringify(td, null, 2));
}

test('everything exists: OK tree, exit 0', async () => {
  writeTask((td) => {
    td.taskRoleArn = 'arn:aws:iam::123456789012:role/service/app';
    td.containerDefinitions[0].secrets = [
      { name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/web/db-password' },
      { name: 'API_KEY', valueFrom: `${secretArn}:key::` },
    ];
  });
  const r = await p.cli(['verify']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^OK {4}Cluster main$/m);
  assert.match(r.stdout, /^OK {4}TaskDefinition web \(ecs-task-def\.json\)$/m);
  assert.match(r.stdout, /^OK {6}TaskRole arn:aws:iam::123456789012:role\/service\/app$/m);
  assert.match(r.stdout, /^OK {8}Secret DB_PASSWORD /m);
  assert.match(r.stdout, /^OK {8}Secret API_KEY /m);
  assert.match(r.stdout, /^SKIP {6}Image public\.ecr\.aws\/nginx\/nginx:1\.27: registries are not checked$/m);
  assert.match(r.stdout, /^OK {8}Subnets subnet-/m);
  assert.match(r.stdout, /^OK {6}TargetGroup .*: app:80$/m);
  assert.match(r.stderr, /^verify OK$/m);
  assert.doesNotMatch(r.stdout + r.stderr, /s3cret/);
});

test('problems: NG lines, a summary and exit 1', async () => {
  writeTask((td) => {
    td.executionRoleArn = 'arn:aws:iam::123456789012:role/missing';
    td.taskRoleArn = 'arn:aws:iam::123456789012:role/lambda';
    td.containerDefinitions[0].secrets = [
      { name: 'DB_PASSWORD', valueFrom: '/web/nope' },
      { name: 'API_KEY', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:web/gone-AbCdEf' },
    ];
    td.containerDefinitions[0].logConfiguration.options['awslogs-create-group'] = 'false';
    td.containerDefinitions[0].portMappings = [{ containerPort: 8080 }];
  });
  p.writeServiceDefinition({ networkConfiguration: { awsvpcConfiguration: { subnets: [p.subnets[0], 'subnet-0123456789abcdef0'], securityGroups: [p.securityGroup] } } });
  const r = await p.cli(['verify']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^NG {6}ExecutionRole arn:aws:iam::123456789012:role\/missing: role not found$/m);
  assert.match(r.stdout, /^NG {6}TaskRole arn:aws:iam::123456789012:role\/lambda: the role's trust policy does not allow ecs-tasks\.amazonaws\.com/m);
  assert.match(r.stdout, /^NG {8}Secret DB_PASSWORD \/web\/nope: SSM parameter not found$/m);
  assert.match(r.stdout, /^NG {8}Secret API_KEY .*: secret not found$/m);
  assert.match(r.stdout, /^NG {8}LogConfiguration awslogs \/ecs\/web: log group \/ecs\/web does not exist/m);
  assert.match(r.stdout, /^NG {8}Subnets .*: not found: subnet-0123456789abcdef0$/m);
  assert.match(r.stdout, /^NG {6}TargetGroup .*: container app has no port mapping for containerPort 80$/m);
  assert.match(r.stdout, /^OK {4}Cluster main$/m);
  assert.match(r.stderr, /^error: verify found 7 problems:$/m);
  assert.match(r.stderr, /^ {2}TaskDefinition web \(ecs-task-def\.json\) > ExecutionRole .*: role not found$/m);
  // --no-get-secrets skips the secret checks.
  const skipped = await p.cli(['verify', '--no-get-secrets']);
  assert.match(skipped.stdout, /^SKIP {6}Secret DB_PASSWORD \/web\/nope: not checked \(--no-get-secrets\)$/m);
  assert.match(skipped.stderr, /verify found 5 problems/);
});

test('--output json: the tree and the problems', async () => {
  const r = await p.cli(['verify', '--output', 'json']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.stdout);
  assert.equal(j.ok, false);
  assert.equal(j.status, 'NG');
  assert.equal(j.problems.length, 7);
  assert.deepEqual(j.tree.map((n: { name: string }) => n.name.split(' ')[0]), ['Cluster', 'TaskDefinition', 'ServiceDefinition']);
});
