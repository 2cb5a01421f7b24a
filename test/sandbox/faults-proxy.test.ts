/**
 * Faults on proxied services: the SDK retries a throttled, failed or reset call and the retry
 * reaches moto, so the caller sees success, and the request log shows every attempt.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

describe('fault injection on proxied services', () => {
  let sandbox: Sandbox;
  let cfg: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; retryStrategy: ConfiguredRetryStrategy };

  before(async () => {
    sandbox = await startSandbox({
      engines: { ecs: () => ({ handle: async () => ({}), control: async () => ({}), reset: async () => undefined }) },
    });
    cfg = {
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      retryStrategy: new ConfiguredRetryStrategy(3, () => 1),
    };
  });
  after(() => sandbox?.stop());

  it('SSM: two throttles, then the third attempt reaches moto', async () => {
    const ssm = new SSMClient(cfg);
    await ssm.send(new PutParameterCommand({ Name: '/p', Value: 'v', Type: 'String' }));
    await sandbox.client.addFault({ service: 'ssm', operation: 'GetParameter', kind: 'throttle', count: 2 });
    const out = await ssm.send(new GetParameterCommand({ Name: '/p' }));
    assert.equal(out.Parameter?.Value, 'v');
    assert.equal(out.$metadata.attempts, 3);
    const log = await sandbox.client.requests({ service: 'ssm', operation: 'GetParameter' });
    assert.deepEqual(log.map((e) => [e.status, e.errorCode ?? null]), [[400, 'ThrottlingException'], [400, 'ThrottlingException'], [200, null]]);
  });

  it('S3: a 503 ServiceUnavailable is retried, then the object arrives', async () => {
    const s3 = new S3Client(cfg);
    await s3.send(new CreateBucketCommand({ Bucket: 'faulty' }));
    await s3.send(new PutObjectCommand({ Bucket: 'faulty', Key: 'k', Body: 'body' }));
    await sandbox.client.addFault({ service: 's3', operation: 'GetObject', kind: 'error5xx', count: 1 });
    const got = await s3.send(new GetObjectCommand({ Bucket: 'faulty', Key: 'k' }));
    assert.equal(await got.Body!.transformToString(), 'body');
    assert.equal(got.$metadata.attempts, 2);
  });

  it('ELBv2: a reset connection and added latency are survived', async () => {
    await sandbox.client.addFault({ service: 'elasticloadbalancing', kind: 'reset', count: 1 });
    await sandbox.client.addFault({ service: 'elasticloadbalancing', kind: 'latency', latencyMs: 100 });
    const out = await new ElasticLoadBalancingV2Client(cfg).send(new DescribeLoadBalancersCommand({}));
    assert.deepEqual(out.LoadBalancers, []);
    assert.equal(out.$metadata.attempts, 2);
    const log = await sandbox.client.requests({ service: 'elasticloadbalancing' });
    assert.deepEqual(log.map((e) => e.status), [0, 200]);
    assert.ok(log.every((e) => e.durationMs >= 95));
  });
});
