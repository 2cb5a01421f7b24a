// --assume-role-arn: ecsx gets the role's credentials with sts:AssumeRole once and makes its AWS
// calls with them (the sandbox's request log shows the AssumeRole call and the ECS calls after it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ECSClient, CreateClusterCommand } from '@aws-sdk/client-ecs';
import { IAMClient, CreateRoleCommand } from '@aws-sdk/client-iam';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { runCli } from '../helpers/cli.js';

let sandbox: Sandbox;
let dir: string;
let roleArn: string;

before(async () => {
  sandbox = await startSandbox({ region: 'us-east-1' });
  const cfg = { region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  await new ECSClient(cfg).send(new CreateClusterCommand({ clusterName: 'c' }));
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] };
  roleArn = (await new IAMClient(cfg).send(new CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
  dir = mkdtempSync(join(tmpdir(), 'ecsx-assume-'));
  writeFileSync(join(dir, 'ecsx.yml'), 'region: us-east-1\ncluster: c\nservice: nope\n');
});
after(() => sandbox?.stop());

test('every AWS call is made after one sts:AssumeRole on the given role', async () => {
  await sandbox.client.clearRequests();
  const r = await runCli(['status', '--assume-role-arn', roleArn], { cwd: dir, env: sandbox.env() });
  // The service does not exist: exit 2 after a DescribeServices made with the assumed role.
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /service nope not found/);
  const log = await sandbox.client.requests();
  const ops = log.map((e) => `${e.service}:${e.operation}`);
  const assume = ops.findIndex((o) => /sts:AssumeRole/i.test(o));
  const describe = ops.findIndex((o) => /ecs:DescribeServices/.test(o));
  assert.ok(assume >= 0, `no AssumeRole in ${ops.join(', ')}`);
  assert.ok(describe > assume, `DescribeServices before AssumeRole: ${ops.join(', ')}`);
  assert.equal(ops.filter((o) => /sts:AssumeRole/i.test(o)).length, 1);
});

test('a role that cannot be assumed is a clear error, before any ECS call', async () => {
  // moto lets anyone assume any role; the sandbox's fault injection plays IAM saying no.
  await sandbox.client.addFault({ service: 'sts', operation: 'AssumeRole', kind: 'error5xx', status: 403, code: 'AccessDenied', message: 'not authorized to perform sts:AssumeRole' });
  await sandbox.client.clearRequests();
  const r = await runCli(['status', '--assume-role-arn', roleArn], { cwd: dir, env: sandbox.env() });
  await sandbox.client.clearFaults();
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /sts:AssumeRole/);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
  const ops = (await sandbox.client.requests()).map((e) => `${e.service}:${e.operation}`);
  assert.ok(!ops.some((o) => o.startsWith('ecs:')), `ECS was called: ${ops.join(', ')}`);
});
