/**
 * Everything but ECS is proxied to moto: each protocol family through its real SDK v3 client
 * (S3 rest-xml, SSM/Logs JSON 1.1, CloudWatch JSON 1.0, ELBv2/STS query, EC2), errors included.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import type { LookupFunction } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand, PutLogEventsCommand, CreateLogStreamCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateSubnetCommand, CreateVpcCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import type { ServiceEngine } from '../../sandbox/types.js';

const nullEngine: ServiceEngine = {
  handle: async () => ({}),
  control: async () => ({}),
  reset: async () => undefined,
};

describe('sandbox server: proxy to moto', () => {
  let sandbox: Sandbox;
  let cfg: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; maxAttempts: number };

  before(async () => {
    sandbox = await startSandbox({ engines: { ecs: () => nullEngine } });
    cfg = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  });
  after(() => sandbox?.stop());

  it('S3 path style (the SDK picks it for an IP endpoint): create, put, get, list', async () => {
    const s3 = new S3Client(cfg);
    await s3.send(new CreateBucketCommand({ Bucket: 'sandbox-path' }));
    const body = Buffer.alloc(300_000, 'x'); // bigger than one chunk: exercises streaming both ways
    await s3.send(new PutObjectCommand({ Bucket: 'sandbox-path', Key: 'dir/a b.txt', Body: body }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'sandbox-path', Key: 'dir/a b.txt' }));
    assert.equal(Buffer.from(await got.Body!.transformToByteArray()).equals(body), true);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'sandbox-path' }));
    assert.deepEqual(listed.Contents?.map((o) => o.Key), ['dir/a b.txt']);
    const err = (await s3.send(new GetObjectCommand({ Bucket: 'sandbox-path', Key: 'missing' })).catch((e: unknown) => e)) as Error;
    assert.equal(err.name, 'NoSuchKey');
  });

  it('S3 virtual-host style (bucket.localhost) is rewritten to path style', async () => {
    // *.localhost does not resolve everywhere; pin it to loopback like a browser would.
    const lookup = ((_host: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) =>
      opts?.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) as unknown as LookupFunction;
    const s3 = new S3Client({
      ...cfg,
      endpoint: sandbox.endpoint.replace('127.0.0.1', 'localhost'),
      forcePathStyle: false,
      requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ lookup }) }),
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'sandbox-vhost' }));
    await s3.send(new PutObjectCommand({ Bucket: 'sandbox-vhost', Key: 'k', Body: 'virtual' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'sandbox-vhost', Key: 'k' }));
    assert.equal(await got.Body!.transformToString(), 'virtual');
    const log = await sandbox.client.requests({ service: 's3', operation: 'PutObject' });
    assert.ok(log.length >= 2);
    // A raw request with only the Host header naming the bucket reaches the same object.
    const raw = await new Promise<string>((resolve, reject) => {
      const req = request(`${sandbox.endpoint}/k`, {
        headers: {
          host: `sandbox-vhost.localhost:${sandbox.port}`,
          // moto refuses anonymous reads of a private bucket; any SigV4-looking header will do.
          authorization: 'AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0',
        },
      }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject).end();
    });
    assert.equal(raw, 'virtual');
    // Path-style client sees the same object: it really landed in bucket `sandbox-vhost`.
    const plain = await new S3Client(cfg).send(new GetObjectCommand({ Bucket: 'sandbox-vhost', Key: 'k' }));
    assert.equal(await plain.Body!.transformToString(), 'virtual');
  });

  it('SSM (JSON 1.1): SecureString round trip and modelled errors', async () => {
    const ssm = new SSMClient(cfg);
    await ssm.send(new PutParameterCommand({ Name: '/app/db', Value: 's3cr3t', Type: 'SecureString' }));
    const got = await ssm.send(new GetParameterCommand({ Name: '/app/db', WithDecryption: true }));
    assert.equal(got.Parameter?.Value, 's3cr3t');
    const err = (await ssm.send(new GetParameterCommand({ Name: '/nope' })).catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
    assert.equal(err.name, 'ParameterNotFound');
    assert.equal(err.$metadata.httpStatusCode, 400);
    const log = await sandbox.client.requests({ service: 'ssm', operation: 'GetParameter' });
    assert.deepEqual(log.map((e) => [e.status, e.errorCode]), [[200, undefined], [400, 'ParameterNotFound']]);
  });

  it('EC2 + ELBv2 (query protocol): VPC, subnets, load balancer, and a query-protocol error', async () => {
    const ec2 = new EC2Client(cfg);
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const vpcId = vpc.Vpc!.VpcId!;
    const subnets = await Promise.all(
      ['a', 'b'].map((az, i) => ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: `us-east-1${az}` }))),
    );
    assert.ok((await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs?.length === 1);
    const elb = new ElasticLoadBalancingV2Client(cfg);
    const lb = await elb.send(new CreateLoadBalancerCommand({ Name: 'web', Subnets: subnets.map((s) => s.Subnet!.SubnetId!) }));
    assert.match(lb.LoadBalancers![0]!.LoadBalancerArn!, /^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/web\//);
    const err = (await elb.send(new DescribeLoadBalancersCommand({ Names: ['missing'] })).catch((e: unknown) => e)) as Error;
    assert.equal(err.name, 'LoadBalancerNotFoundException');
    const log = await sandbox.client.requests({ service: 'elasticloadbalancing' });
    assert.deepEqual(log.map((e) => e.operation), ['CreateLoadBalancer', 'DescribeLoadBalancers']);
    assert.equal(log[1]!.errorCode, 'LoadBalancerNotFound');
    assert.ok((await sandbox.client.requests({ service: 'ec2', operation: 'CreateSubnet' })).length === 2);
  });

  it('CloudWatch (JSON 1.0) and Logs (JSON 1.1)', async () => {
    const cw = new CloudWatchClient(cfg);
    await cw.send(new PutMetricAlarmCommand({
      AlarmName: 'cpu-high', MetricName: 'CPUUtilization', Namespace: 'AWS/ECS', Statistic: 'Average',
      Period: 60, EvaluationPeriods: 1, Threshold: 80, ComparisonOperator: 'GreaterThanThreshold',
    }));
    const alarms = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['cpu-high'] }));
    assert.equal(alarms.MetricAlarms?.[0]?.AlarmName, 'cpu-high');
    const logs = new CloudWatchLogsClient(cfg);
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/web' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/ecs/web', logStreamName: 's' }));
    await logs.send(new PutLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'hi' }] }));
    const events = await logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: 's' }));
    assert.deepEqual(events.events?.map((e) => e.message), ['hi']);
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/' }));
    assert.deepEqual(groups.logGroups?.map((g) => g.logGroupName), ['/ecs/web']);
    const ops = (await sandbox.client.requests({ service: 'monitoring' })).map((e) => e.operation);
    assert.deepEqual(ops, ['PutMetricAlarm', 'DescribeAlarms']);
  });

  it('STS answers with the sandbox account', async () => {
    const id = await new STSClient(cfg).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, '123456789012');
  });

  it('reset clears moto too', async () => {
    const ssm = new SSMClient(cfg);
    await ssm.send(new PutParameterCommand({ Name: '/gone', Value: 'v', Type: 'String', Overwrite: true }));
    await sandbox.client.reset();
    const err = (await ssm.send(new GetParameterCommand({ Name: '/gone' })).catch((e: unknown) => e)) as Error;
    assert.equal(err.name, 'ParameterNotFound');
    assert.equal((await sandbox.client.requests()).length, 1);
  });
});
