/**
 * Fault injection as SDK clients experience it: throttling, 5xx, latency and connection resets,
 * retried (or not) by the SDK's own retry strategy; error shapes for each protocol family;
 * seeded rates; the realistic ECS token buckets. moto is off: faults answer before any proxying.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, ECSClient, ListClustersCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import type { ServiceEngine } from '../../sandbox/types.js';

type SdkError = Error & { $metadata: { httpStatusCode?: number; attempts?: number } };

const engine: ServiceEngine = {
  handle: async (op) => (op === 'ListClusters' ? { clusterArns: [] } : { service: { serviceName: 'web' }, services: [] }),
  control: async () => ({}),
  reset: async () => undefined,
};

describe('fault injection', () => {
  let sandbox: Sandbox;
  /** Same classification as the default strategy, 3 attempts, but 1 ms backoff. */
  const fast = () => new ConfiguredRetryStrategy(3, () => 1);
  let cfg: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  let ecs: ECSClient;

  before(async () => {
    sandbox = await startSandbox({ moto: false, seed: 7, engines: { ecs: () => engine } });
    cfg = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };
    ecs = new ECSClient({ ...cfg, retryStrategy: fast() });
  });
  after(() => sandbox.stop());
  beforeEach(() => sandbox.client.reset());

  it('throttle: the default SDK retry strategy backs off and succeeds on the third attempt', async () => {
    const rule = await sandbox.client.addFault({ service: 'ecs', operation: 'UpdateService', kind: 'throttle', count: 2 });
    const out = await new ECSClient(cfg).send(new UpdateServiceCommand({ service: 'web' }));
    assert.equal(out.$metadata.attempts, 3);
    const log = await sandbox.client.requests({ operation: 'UpdateService' });
    assert.deepEqual(log.map((e) => [e.status, e.errorCode, e.fault]), [
      [400, 'ThrottlingException', rule.id], [400, 'ThrottlingException', rule.id], [200, undefined, undefined],
    ]);
    assert.equal((await sandbox.client.faults()).rules[0]!.hits, 2);
  });

  it('throttle: fails with ThrottlingException "Rate exceeded" once attempts run out', async () => {
    await sandbox.client.addFault({ service: 'ecs', kind: 'throttle' });
    const err = (await ecs.send(new ListClustersCommand({})).catch((e: unknown) => e)) as SdkError;
    assert.equal(err.name, 'ThrottlingException');
    assert.equal(err.message, 'Rate exceeded');
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.equal(err.$metadata.attempts, 3);
  });

  it('error5xx: 503 is retried; 500 on ECS is a ServerException', async () => {
    await sandbox.client.addFault({ kind: 'error5xx', count: 1 });
    assert.equal((await ecs.send(new ListClustersCommand({}))).$metadata.attempts, 2);
    await sandbox.client.addFault({ kind: 'error5xx', status: 500, message: 'kaput' });
    const err = (await new ECSClient({ ...cfg, maxAttempts: 1 }).send(new ListClustersCommand({})).catch((e: unknown) => e)) as SdkError;
    assert.equal(err.name, 'ServerException');
    assert.equal(err.message, 'kaput');
    assert.equal(err.$metadata.httpStatusCode, 500);
    const [first] = await sandbox.client.requests();
    assert.deepEqual([first!.status, first!.errorCode], [503, 'ServiceUnavailableException']);
  });

  it('latency delays the answer by at least latencyMs (real time)', async () => {
    await sandbox.client.addFault({ operation: 'ListClusters', kind: 'latency', latencyMs: 250 });
    const t = performance.now();
    await ecs.send(new ListClustersCommand({}));
    assert.ok(performance.now() - t >= 245);
    const [entry] = await sandbox.client.requests();
    assert.ok(entry!.durationMs >= 245, `durationMs ${entry!.durationMs}`);
  });

  it('reset destroys the connection; the SDK treats it as transient and retries', async () => {
    await sandbox.client.addFault({ kind: 'reset', count: 1 });
    const out = await ecs.send(new ListClustersCommand({}));
    assert.equal(out.$metadata.attempts, 2);
    const log = await sandbox.client.requests();
    assert.deepEqual(log.map((e) => [e.status, e.errorCode]), [[0, 'ConnectionReset'], [200, undefined]]);
  });

  it('rules match by service (with aliases) and operation; the first firing rule wins', async () => {
    await sandbox.client.addFault({ service: 'elbv2', kind: 'throttle' });
    await sandbox.client.addFault({ operation: ['DescribeServices'], kind: 'error5xx', status: 500 });
    await sandbox.client.addFault({ operation: 'DescribeServices', kind: 'throttle' }); // never reached
    await ecs.send(new ListClustersCommand({}));
    const err = (await new ECSClient({ ...cfg, maxAttempts: 1 }).send(new DescribeServicesCommand({ services: ['web'] })).catch((e: unknown) => e)) as Error;
    assert.equal(err.name, 'ServerException');
    const rules = (await sandbox.client.faults()).rules;
    assert.deepEqual(rules.map((r) => [r.service, r.hits]), [['elasticloadbalancing', 0], [undefined, 1], [undefined, 0]]);
    await sandbox.client.removeFault(rules[1]!.id);
    assert.equal((await sandbox.client.faults()).rules.length, 2);
    await assert.rejects(sandbox.client.removeFault('f999'), { status: 404 });
    await assert.rejects(sandbox.client.addFault({ kind: 'explode' as 'reset' }), { status: 400 });
    await assert.rejects(sandbox.client.addFault({ kind: 'throttle', rate: 2 }), { status: 400 });
  });

  it('each protocol family gets its own throttling and 5xx shape', async () => {
    const one = { ...cfg, maxAttempts: 1 };
    await sandbox.client.addFault({ service: 'elasticloadbalancing', kind: 'throttle' });
    await sandbox.client.addFault({ service: 'ec2', kind: 'throttle' });
    await sandbox.client.addFault({ service: 's3', kind: 'throttle' });
    await sandbox.client.addFault({ service: 'ssm', kind: 'error5xx' });
    const cases: Array<[string, () => Promise<unknown>, string, number]> = [
      ['elbv2 (query)', () => new ElasticLoadBalancingV2Client(one).send(new DescribeLoadBalancersCommand({})), 'Throttling', 400],
      ['ec2', () => new EC2Client(one).send(new DescribeVpcsCommand({})), 'RequestLimitExceeded', 503],
      ['s3 (rest-xml)', () => new S3Client(one).send(new GetObjectCommand({ Bucket: 'bkt', Key: 'k' })), 'SlowDown', 503],
      ['ssm (json)', () => new SSMClient(one).send(new GetParameterCommand({ Name: 'p' })), 'ServiceUnavailableException', 503],
    ];
    for (const [label, call, name, status] of cases) {
      const err = (await call().catch((e: unknown) => e)) as SdkError;
      assert.equal(err.name, name, label);
      assert.equal(err.$metadata.httpStatusCode, status, label);
    }
    const services = (await sandbox.client.requests()).map((e) => `${e.service}:${e.operation}:${e.errorCode}`);
    assert.deepEqual(services, [
      'elasticloadbalancing:DescribeLoadBalancers:Throttling', 'ec2:DescribeVpcs:RequestLimitExceeded',
      's3:GetObject:SlowDown', 'ssm:GetParameter:ServiceUnavailableException',
    ]);
  });

  it('rates are drawn from a seeded PRNG: the same seed replays the same hits', async () => {
    const pattern = async () => {
      await sandbox.client.reset(); // re-seeds with the current seed
      await sandbox.client.addFault({ service: 'ecs', kind: 'throttle', rate: 0.5 });
      const one = new ECSClient({ ...cfg, maxAttempts: 1 });
      let bits = '';
      for (let i = 0; i < 24; i++) bits += await one.send(new ListClustersCommand({})).then(() => '.', () => 'T');
      return bits;
    };
    await sandbox.client.setSeed(42);
    const a = await pattern();
    assert.match(a, /T/);
    assert.match(a, /\./);
    assert.equal(await pattern(), a);
    await sandbox.client.setSeed(43);
    assert.notEqual(await pattern(), a);
  });

  it('realistic throttling: UpdateService has a burst of 50, other categories are separate', async () => {
    await sandbox.client.setThrottle('realistic');
    try {
      const one = new ECSClient({ ...cfg, maxAttempts: 1 });
      const results = await Promise.all(
        Array.from({ length: 70 }, () => one.send(new UpdateServiceCommand({ service: 'web' })).then(() => 'ok', (e: Error) => e.name)),
      );
      const ok = results.filter((r) => r === 'ok').length;
      // 50 from the burst, plus the few refilled at 5/s while the calls were in flight (more on a loaded machine).
      assert.ok(ok >= 50 && ok <= 60, `ok=${ok}`);
      assert.ok(results.includes('ThrottlingException'));
      await one.send(new ListClustersCommand({}));
      const throttled = await sandbox.client.requests({ operation: 'UpdateService' });
      assert.ok(throttled.some((e) => e.fault === 'realistic'));
    } finally {
      await sandbox.client.setThrottle('off');
    }
  });
});
