/**
 * Non-JS clients through the sandbox (AWS CLI v1, boto3), and the sandbox's own CLI
 * (`sandbox/main.ts`) talking to a running sandbox's control API.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { AwsError, type ServiceEngine } from '../../sandbox/types.js';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../../sandbox/main.ts', import.meta.url));

const engine: ServiceEngine = {
  async handle(op, input, ctx) {
    if (op === 'ListClusters') return { clusterArns: [`arn:aws:ecs:${ctx.region}:${ctx.accountId}:cluster/boto`] };
    if (op === 'DescribeServices') throw new AwsError('ClusterNotFoundException', `Cluster not found: ${String(input.cluster)}`);
    return {};
  },
  control: async () => ({}),
  reset: async () => undefined,
};

describe('AWS CLI, boto3 and the sandbox CLI', () => {
  let sandbox: Sandbox;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    sandbox = await startSandbox({ timeScale: 0, engines: { ecs: () => engine } });
    env = { ...process.env, ...sandbox.env() };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
  });
  after(() => sandbox?.stop());

  it('aws --endpoint-url … ssm put-parameter / get-parameter', async () => {
    const base = ['--endpoint-url', sandbox.endpoint, '--region', 'us-east-1', '--output', 'json'];
    await run('aws', [...base, 'ssm', 'put-parameter', '--name', '/cli/p', '--value', 'from-cli', '--type', 'String'], { env });
    const { stdout } = await run('aws', [...base, 'ssm', 'get-parameter', '--name', '/cli/p'], { env });
    assert.equal(JSON.parse(stdout).Parameter.Value, 'from-cli');
    // The AWS CLI also honours AWS_ENDPOINT_URL from the environment, ECS included.
    const ecs = await run('aws', ['ecs', 'list-clusters', '--output', 'json'], { env });
    assert.deepEqual(JSON.parse(ecs.stdout).clusterArns, ['arn:aws:ecs:us-east-1:123456789012:cluster/boto']);
  });

  it('boto3 through AWS_ENDPOINT_URL: S3, STS, ECS success and ECS error codes', async () => {
    const script = `
import boto3, botocore, json
s3 = boto3.client("s3")
s3.create_bucket(Bucket="boto-bucket")
s3.put_object(Bucket="boto-bucket", Key="k", Body=b"from boto3")
body = s3.get_object(Bucket="boto-bucket", Key="k")["Body"].read().decode()
account = boto3.client("sts").get_caller_identity()["Account"]
ecs = boto3.client("ecs")
clusters = ecs.list_clusters()["clusterArns"]
try:
    ecs.describe_services(cluster="nope", services=["x"])
    code = None
except botocore.exceptions.ClientError as e:
    code = [e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps({"body": body, "account": account, "clusters": clusters, "error": code}))
`;
    const { stdout } = await run('python3', ['-c', script], { env });
    assert.deepEqual(JSON.parse(stdout), {
      body: 'from boto3',
      account: '123456789012',
      clusters: ['arn:aws:ecs:us-east-1:123456789012:cluster/boto'],
      error: ['ClusterNotFoundException', 'Cluster not found: nope', 400],
    });
  });

  it('sandbox CLI: status, advance, fault add/clear, requests, reset, usage errors', async () => {
    const cli = async (...args: string[]) => (await run(process.execPath, ['--import', 'tsx', MAIN, ...args], { env })).stdout;
    const status = JSON.parse(await cli('status', '--json'));
    assert.equal(status.endpoint, sandbox.endpoint);
    assert.equal(status.clock.timeScale, 0);
    const before = status.clock.now as number;
    assert.match(await cli('advance', '90'), /^clock \S+ \(0 pending\)/);
    assert.equal((await sandbox.client.clock()).now, before + 90_000);
    const rule = JSON.parse(await cli('fault', 'add', '--kind', 'throttle', '--service', 'ecs', '--operation', 'UpdateService,CreateService', '--count', '3'));
    assert.deepEqual([rule.kind, rule.operation, rule.count], ['throttle', ['UpdateService', 'CreateService'], 3]);
    assert.equal((await sandbox.client.faults()).rules.length, 1);
    assert.deepEqual(JSON.parse(await cli('fault', 'clear')), { removed: 1 });
    const requests = JSON.parse(await cli('requests', '--service', 'ssm', '--json')) as Array<{ operation: string }>;
    assert.ok(requests.some((r) => r.operation === 'GetParameter'));
    assert.match(await cli('reset'), /sandbox reset/);
    assert.deepEqual(await sandbox.client.requests(), []);
    const bad = await run(process.execPath, ['--import', 'tsx', MAIN, 'advance', 'soon'], { env }).catch((e: { code: number; stderr: string }) => e);
    assert.equal((bad as { code: number }).code, 2);
    assert.match((bad as { stderr: string }).stderr, /seconds must be a number/);
  });
});
