/**
 * ECS routing through the real @aws-sdk/client-ecs to a fake engine, error shapes as the SDK
 * sees them, and the control-API plumbing. moto is off: nothing here is proxied.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateClusterCommand, DescribeClustersCommand, DescribeServicesCommand, ECSClient, ListClustersCommand,
  ServiceNotFoundException, UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { MotoNotInstalledError, startMoto } from '../../sandbox/moto.js';
import { AwsError, type RequestContext, type ServiceEngine } from '../../sandbox/types.js';

const ECS = 'AmazonEC2ContainerServiceV20141113.';

/** A fake engine: records calls, answers a handful of operations. */
function fakeEngine(calls: Array<{ op: string; input: unknown; ctx: RequestContext }>): ServiceEngine {
  let resets = 0;
  return {
    operations: ['ListClusters', 'CreateCluster', 'DescribeClusters', 'DescribeServices', 'UpdateService'],
    async handle(op, input, ctx) {
      calls.push({ op, input, ctx });
      switch (op) {
        case 'ListClusters':
          return { clusterArns: [`arn:aws:ecs:${ctx.region}:${ctx.accountId}:cluster/default`] };
        case 'CreateCluster':
          return { cluster: { clusterName: input.clusterName, status: 'ACTIVE' } };
        case 'DescribeServices':
          if ((input.services as string[])[0] === 'web') {
            return { services: [{ serviceName: 'web', createdAt: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)) }], failures: [] };
          }
          throw new AwsError('ServiceNotFoundException', 'Service not found.');
        case 'UpdateService':
          throw new AwsError('InvalidParameterException', 'Unable to Start a service that is still Draining.');
        default:
          throw new Error('boom');
      }
    },
    async control(path, method, body) {
      if (path === '/missing') throw new AwsError('NotFound', 'nothing here', 404);
      return { path, method, body, resets };
    },
    async reset() {
      resets++;
    },
  };
}

describe('sandbox server: ECS routing', () => {
  let sandbox: Sandbox;
  let ecs: ECSClient;
  const calls: Array<{ op: string; input: unknown; ctx: RequestContext }> = [];

  before(async () => {
    sandbox = await startSandbox({ moto: false, engines: { ecs: () => fakeEngine(calls) } });
    ecs = new ECSClient({
      endpoint: sandbox.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });
  after(() => sandbox.stop());

  it('routes JSON 1.1 calls to the engine with region from the SigV4 scope', async () => {
    const out = await ecs.send(new ListClustersCommand({}));
    assert.deepEqual(out.clusterArns, ['arn:aws:ecs:eu-west-1:123456789012:cluster/default']);
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    const last = calls.at(-1)!;
    assert.equal(last.op, 'ListClusters');
    assert.deepEqual(last.ctx, { region: 'eu-west-1', accountId: '123456789012', requestId: out.$metadata.requestId });
  });

  it('passes the input through and serialises Dates as epoch seconds', async () => {
    const out = await ecs.send(new CreateClusterCommand({ clusterName: 'web', tags: [{ key: 'a', value: 'b' }] }));
    assert.deepEqual(calls.at(-1)!.input, { clusterName: 'web', tags: [{ key: 'a', value: 'b' }] });
    assert.equal(out.cluster?.clusterName, 'web');
    const described = await ecs.send(new DescribeServicesCommand({ services: ['web'] }));
    assert.deepEqual(described.services?.[0]?.createdAt, new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)));
    const raw = await rawEcs('DescribeServices', '{"services":["web"]}');
    assert.equal(JSON.parse(raw.body).services[0].createdAt, 1735787045.678);
  });

  it('answers modelled AwsErrors as the SDK expects (name, message, status)', async () => {
    const err = await ecs.send(new DescribeServicesCommand({ services: ['nope'] })).catch((e: unknown) => e);
    assert.ok(err instanceof ServiceNotFoundException);
    assert.equal(err.name, 'ServiceNotFoundException');
    assert.equal(err.message, 'Service not found.');
    assert.equal(err.$metadata.httpStatusCode, 400);
    const err2 = (await ecs.send(new UpdateServiceCommand({ service: 's' })).catch((e: unknown) => e)) as Error;
    assert.equal(err2.name, 'InvalidParameterException');
    assert.equal(err2.message, 'Unable to Start a service that is still Draining.');
  });

  it('turns an engine crash into a 500 ServerException', async () => {
    const err = (await ecs.send(new DescribeClustersCommand({})).catch((e: unknown) => e)) as Error & {
      $metadata: { httpStatusCode: number };
    };
    assert.equal(err.name, 'ServerException');
    assert.match(err.message, /boom/);
    assert.equal(err.$metadata.httpStatusCode, 500);
  });

  it('answers unknown operations and malformed JSON like AWS JSON 1.1', async () => {
    const unknown = await rawEcs('DoSomethingElse', '{}');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.ok(unknown.headers.get('x-amzn-requestid'));
    assert.equal(JSON.parse(unknown.body).__type, 'UnknownOperationException');
    const bad = await rawEcs('ListClusters', '{"oops":');
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.body).__type, 'SerializationException');
    const notObject = await rawEcs('ListClusters', '[1]');
    assert.equal(JSON.parse(notObject.body).__type, 'SerializationException');
    const empty = await rawEcs('ListClusters', '');
    assert.equal(empty.status, 200);
  });

  it('logs every ECS call with service, operation, status and error code', async () => {
    const log = (await sandbox.client.requests({ service: 'ecs', operation: 'DescribeServices' })).filter((e) => e.status !== 200);
    assert.equal(log.length, 1);
    assert.equal(log[0]!.status, 400);
    assert.equal(log[0]!.errorCode, 'ServiceNotFoundException');
    assert.equal(log[0]!.region, 'eu-west-1');
    assert.ok(Date.parse(log[0]!.time) > 0 && Date.parse(log[0]!.realTime) > 0);
  });

  it('forwards /_sandbox/ecs/* to engine.control with path, query, method and body', async () => {
    const out = await sandbox.client.ecs('/scenarios/pull-failure?service=web', 'POST', { image: 'x' });
    assert.deepEqual(out, { path: '/scenarios/pull-failure?service=web', method: 'POST', body: { image: 'x' }, resets: 0 });
    await assert.rejects(sandbox.client.ecs('/missing'), { name: 'SandboxControlError', status: 404, code: 'NotFound' });
  });

  it('reports health, 404s unknown control paths, and reset clears engine and log', async () => {
    const health = await sandbox.client.health();
    assert.equal(health.ok, true);
    assert.equal(health.endpoint, sandbox.endpoint);
    assert.equal(health.moto, null);
    assert.deepEqual(health.engines, ['ecs']);
    const nope = await fetch(`${sandbox.endpoint}/_sandbox/nope`);
    assert.equal(nope.status, 404);
    assert.equal(((await nope.json()) as { error: { code: string } }).error.code, 'NotFound');
    await sandbox.client.reset();
    assert.deepEqual(await sandbox.client.requests(), []);
    assert.equal(((await sandbox.client.ecs('/state')) as { resets: number }).resets, 1);
  });

  it('proxied services answer NotImplemented in their own protocol when moto is off', async () => {
    const res = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(res.status, 501);
    assert.match(await res.text(), /<Code>NotImplemented<\/Code>/);
  });

  async function rawEcs(op: string, body: string) {
    const res = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': ECS + op,
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=x',
      },
      body,
    });
    return { status: res.status, headers: res.headers, body: await res.text() };
  }
});

describe('sandbox server: moto missing', () => {
  it('fails with an error that says how to install moto', async () => {
    // Neither python3 nor moto_server can be found on this PATH.
    const err = await startMoto({ region: 'us-east-1', env: { PATH: '/nonexistent' } }).catch((e: unknown) => e);
    assert.ok(err instanceof MotoNotInstalledError);
    assert.match(err.message, /pip install "moto\[server\]"/);
  });
});
