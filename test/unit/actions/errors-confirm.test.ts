// Mapping SDK errors to user-facing errors, the debug call log, and confirmations.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toEcsxError, createClients, withClients } from '../../../src/aws/clients.js';
import { AwsCallError, exitCodeFor, UserInputError } from '../../../src/errors.js';
import { MemoryIoHost } from '../../../src/io/hosts.js';
import { confirm } from '../../../src/actions/deregister/confirm.js';
import { awsError, FakeClock } from './fakes.js';

const at = (err: Error, service: string, operation: string) =>
  Object.defineProperties(err, { $ecsxService: { value: service }, $ecsxOperation: { value: operation } });

describe('toEcsxError', () => {
  const cases: { name: string; err: Error; hint?: { cluster?: string; service?: string }; code: string; exit: number; message: RegExp }[] = [
    {
      name: 'ServiceNotFoundException names the service and cluster (exit 2)',
      err: at(awsError('ServiceNotFoundException', 'Service not found.'), 'ecs', 'UpdateService'),
      hint: { cluster: 'prod', service: 'web' },
      code: 'SERVICE_NOT_FOUND',
      exit: 2,
      message: /^service web not found in cluster prod \(UpdateService\): check `service` and `cluster` in the config$/,
    },
    { name: 'ClusterNotFoundException (exit 2)', err: at(awsError('ClusterNotFoundException', 'Cluster not found.'), 'ecs', 'ListTasks'), hint: { cluster: 'nope' }, code: 'CLUSTER_NOT_FOUND', exit: 2, message: /^cluster nope not found \(ListTasks\)/ },
    {
      name: 'access denied names the IAM permission from the message',
      err: at(awsError('AccessDeniedException', 'User: arn:aws:iam::1:user/ci is not authorized to perform: ecs:DeleteService on resource: x', 400), 'ecs', 'DeleteService'),
      code: 'AWS',
      exit: 1,
      message: /^ecs: access denied to DeleteService: the credentials in use need the IAM permission ecs:DeleteService \(AccessDeniedException\)$/,
    },
    {
      name: 'access denied without the action in the message: service prefix + operation',
      err: at(awsError('AccessDenied', 'denied', 403), 'application-autoscaling', 'DescribeScalableTargets'),
      code: 'AWS',
      exit: 1,
      message: /need the IAM permission application-autoscaling:DescribeScalableTargets/,
    },
    { name: 'expired credentials', err: at(awsError('ExpiredTokenException', 'The security token included in the request is expired'), 'ecs', 'DescribeServices'), code: 'AWS', exit: 1, message: /^ecs: DescribeServices: AWS credentials are missing, expired or invalid \(ExpiredTokenException\)/ },
    { name: 'throttling after retries', err: at(awsError('ThrottlingException', 'Rate exceeded'), 'ecs', 'DescribeServices'), code: 'AWS', exit: 1, message: /throttled and the retries ran out/ },
    { name: 'no region configured (SDK config error) is exit 2', err: Object.assign(new Error('Region is missing'), { name: 'Error' }), code: 'NO_REGION', exit: 2, message: /^no AWS region: set `region` in the config, pass --region, or set AWS_REGION$/ },
    { name: 'anything else keeps the SDK message', err: at(awsError('InvalidParameterException', 'bad thing'), 'ecs', 'CreateService'), code: 'AWS', exit: 1, message: /^ecs: CreateService failed: bad thing \(InvalidParameterException\)$/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const e = toEcsxError(c.err, c.hint);
      assert.equal(e.code, c.code);
      assert.equal(exitCodeFor(e), c.exit);
      assert.match(e.message, c.message);
      assert.equal(e.cause, c.err);
    });
  }
  it('EcsxErrors pass through', () => {
    const e = new UserInputError('X', 'x');
    assert.equal(toEcsxError(e), e);
  });
});

describe('clients', () => {
  it('log every call at debug level with the input masked, and mark failures with the call site', async () => {
    const io = new MemoryIoHost();
    const clients = createClients({ region: 'us-east-1' }, { io, clock: new FakeClock(), env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, mask: (t) => t.replaceAll('topsecret', '***') });
    const { PutParameterCommand } = await import('@aws-sdk/client-ssm');
    const ssm = await clients.ssm();
    // Fail in the build step, before retries and before any network I/O.
    ssm.middlewareStack.add(() => async () => {
      throw awsError('AccessDeniedException', 'no');
    }, { step: 'build', name: 'testFail' });
    const err = await ssm.send(new PutParameterCommand({ Name: '/x', Type: 'SecureString', Value: 'topsecret', Description: 'has topsecret' })).catch((e) => e);
    clients.destroy();
    const call = io.withCode('ECSX_AWS_CALL')[0]!;
    assert.equal(call.level, 'debug');
    assert.equal(call.message, 'aws ssm PutParameter {"Name":"/x","Type":"SecureString","Value":"********","Description":"has ***"}');
    assert.equal(err.$ecsxOperation, 'PutParameter');
    assert.equal(err.$ecsxService, 'ssm');
    assert.ok(toEcsxError(err) instanceof AwsCallError);
    assert.match(toEcsxError(err).message, /need the IAM permission ssm:PutParameter/);
  });
  it('withClients uses injected clients and maps escaping errors', async () => {
    const io = new MemoryIoHost();
    const injected = createClients({});
    const seen = await withClients({ io, clock: new FakeClock(), clients: injected }, {}, {}, async (c) => c);
    assert.equal(seen, injected);
    await assert.rejects(
      withClients({ io, clock: new FakeClock() }, {}, { hint: { service: 's', cluster: 'c' } }, async () => {
        throw awsError('ServiceNotFoundException', 'Service not found.');
      }),
      /service s not found in cluster c/,
    );
  });
});

describe('confirm', () => {
  const ctx = (answers: unknown[]) => ({ io: new MemoryIoHost(answers), clock: new FakeClock() });
  it('yes / y confirms; anything else cancels (exit 2)', async () => {
    await confirm(ctx(['y']), { code: 'Q', question: 'Go? [y/N]', action: 'go' });
    await confirm(ctx(['YES']), { code: 'Q', question: 'Go? [y/N]', action: 'go' });
    await assert.rejects(confirm(ctx(['n']), { code: 'Q', question: 'Go?', action: 'go' }), (e: any) => e.code === 'NOT_CONFIRMED' && /cancelled \(not confirmed\): did not go/.test(e.message));
  });
  it('a typed word must match exactly', async () => {
    await confirm(ctx(['web']), { code: 'Q', question: 'Name?', action: 'delete web', expect: 'web' });
    await assert.rejects(confirm(ctx(['Web']), { code: 'Q', question: 'Name?', action: 'delete web', expect: 'web' }), /the answer did not match "web"/);
  });
  it('no one to ask: refused, naming the flag', async () => {
    await assert.rejects(confirm(ctx([]), { code: 'Q', question: 'Overwrite?', action: 'overwrite x', forceFlag: '--force-overwrite' }), /refusing to overwrite x without confirmation: .*pass --force-overwrite/);
  });
});
