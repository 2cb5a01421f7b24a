// Checks before any change: a bring-your-own task definition Express can use, EC2's "not found"
// IDs, the transient errors a first create retries, and the retry loop on a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ECSClient, TaskDefinition } from '@aws-sdk/client-ecs';
import { checkByoTaskDefinition, missingIds } from '../../../src/express/preflight.js';
import { createExpressService, isTransientCreateError } from '../../../src/express/create.js';
import { MemoryIoHost } from '../../../src/io/hosts.js';
import { FakeClock } from '../monitor/fixtures.js';

const td = (x: Partial<TaskDefinition> = {}, mappings: object[] = [{ containerPort: 8080, name: 'http' }]): TaskDefinition => ({
  requiresCompatibilities: ['FARGATE'],
  containerDefinitions: [{ name: 'Main', image: 'app', portMappings: mappings }],
  ...x,
});

const tds: { name: string; td: TaskDefinition; problems: RegExp[] }[] = [
  { name: 'usable', td: td(), problems: [] },
  { name: 'no Main container', td: td({ containerDefinitions: [{ name: 'app' }] }), problems: [/no container named "Main" \(containers: app\)/] },
  { name: 'two port mappings', td: td({}, [{ containerPort: 80, name: 'a' }, { containerPort: 81, name: 'b' }]), problems: [/exactly one TCP port mapping \(it has 2\)/] },
  { name: 'a UDP mapping', td: td({}, [{ containerPort: 80, name: 'a', protocol: 'udp' }]), problems: [/exactly one TCP port mapping/] },
  { name: 'no port name', td: td({}, [{ containerPort: 80 }]), problems: [/has no name/] },
  { name: 'not Fargate', td: td({ requiresCompatibilities: ['EC2'] }), problems: [/not FARGATE-compatible/] },
];
for (const c of tds) {
  test(`checkByoTaskDefinition: ${c.name}`, () => {
    const p = checkByoTaskDefinition(c.td);
    assert.equal(p.length, c.problems.length, p.join('; '));
    c.problems.forEach((re, i) => assert.match(p[i]!, re));
  });
}

test('missingIds reads the IDs out of EC2 messages', () => {
  assert.deepEqual(missingIds("The security group 'sg-0abc' does not exist", 'sg'), ['sg-0abc']);
  assert.deepEqual(missingIds("The subnet ID 'subnet-1,subnet-2' does not exist", 'subnet'), ['subnet-1', 'subnet-2']);
});

const err = (name: string, message: string) => Object.assign(new Error(message), { name });
const transient: [Error, boolean][] = [
  [err('AccessDeniedException', 'Cannot assume role arn:aws:iam::1:role/infra.'), true],
  [err('AccessDeniedException', 'User is not authorized to perform: sts:AssumeRole'), true],
  [err('ClientException', 'AWS was not able to validate the provided access credentials'), true],
  [err('InvalidParameterException', 'Unable to assume the service linked role. Please verify that the ECS service linked role exists.'), true],
  [err('InvalidParameterException', 'Unable to Start a service that is still Draining.'), true],
  [err('InvalidParameterException', 'Invalid cpu value.'), false],
  [err('AccessDeniedException', 'User is not authorized to perform: ecs:CreateExpressGatewayService'), false],
];
for (const [e, want] of transient) test(`isTransientCreateError: ${e.name}: ${e.message}`, () => assert.equal(isTransientCreateError(e), want));

test('createExpressService retries IAM propagation errors with back-off, then succeeds', async () => {
  const clock = new FakeClock();
  const io = new MemoryIoHost();
  let calls = 0;
  const ecs = {
    send: async () => {
      if (++calls < 3) throw err('AccessDeniedException', 'Cannot assume role arn:aws:iam::1:role/infra.');
      return { service: { serviceArn: 'arn:svc' } };
    },
  } as unknown as ECSClient;
  const svc = await createExpressService(ecs, { infrastructureRoleArn: 'x' }, { io, clock });
  assert.equal(svc.serviceArn, 'arn:svc');
  assert.deepEqual(clock.sleeps, [5000, 10000]);
  assert.equal(io.withCode('ECSX_EXPRESS_CREATE_RETRY').length, 2);
});

test('createExpressService gives up after the retry window, and never retries other errors', async () => {
  const clock = new FakeClock();
  const always = { send: async () => Promise.reject(err('AccessDeniedException', 'Cannot assume role x')) } as unknown as ECSClient;
  await assert.rejects(createExpressService(always, { infrastructureRoleArn: 'x' }, { io: new MemoryIoHost(), clock, retryForMs: 60_000 }), /Cannot assume role/);
  assert.ok(clock.sleeps.reduce((a, b) => a + b, 0) <= 60_000);
  const bad = { send: async () => Promise.reject(err('InvalidParameterException', 'Invalid cpu value.')) } as unknown as ECSClient;
  const c2 = new FakeClock();
  await assert.rejects(createExpressService(bad, { infrastructureRoleArn: 'x' }, { io: new MemoryIoHost(), clock: c2 }), /Invalid cpu/);
  assert.deepEqual(c2.sleeps, []);
});
