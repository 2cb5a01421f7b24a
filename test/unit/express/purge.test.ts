// purgeResources against fake clients: only purgeable items, in dependency order, a busy
// security group retried on the fake clock, and a certificate that is a shared listener's
// default left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AwsClients } from '../../../src/aws/clients.js';
import type { ReportItem } from '../../../src/express/classify.js';
import { purgeResources } from '../../../src/express/purge.js';
import type { ManagedResource, ManagedResourceKind } from '../../../src/express/resources.js';
import { FakeClock } from '../monitor/fixtures.js';

const res = (kind: ManagedResourceKind, name: string, arn = `arn:${kind}/${name}`): ManagedResource => ({ kind, arn, name, status: 'ACTIVE' });
const item = (r: ManagedResource, purgeable = true): ReportItem => ({ resource: r, outcome: 'left-behind', reason: '', purgeable });

/** Clients whose every call is recorded as `Command`; `answer` may throw or return per command. */
function fakeClients(answer: (cmd: string, input: any) => unknown = () => ({})): { clients: AwsClients; calls: string[] } {
  const calls: string[] = [];
  const client = { send: async (c: { constructor: { name: string }; input: unknown }) => {
    const name = c.constructor.name.replace(/Command$/, '');
    calls.push(name);
    return answer(name, c.input);
  } };
  const get = async () => client;
  const clients = { aws: {}, ecs: get, elbv2: get, logs: get, iam: get, ssm: get, secretsmanager: get, ec2: get, applicationAutoScaling: get, sts: get, cloudwatch: get, acm: get, destroy() {} };
  return { clients: clients as unknown as AwsClients, calls };
}

test('only purgeable items, in dependency order', async () => {
  const { clients, calls } = fakeClients((cmd) => (cmd === 'DescribeCertificate' ? { Certificate: { InUseBy: [] } } : {}));
  const items = [
    item(res('service-security-group', 'sg-svc', 'arn:aws:ec2:r:1:security-group/sg-svc')),
    item(res('certificate', 'c')),
    item(res('load-balancer', 'alb')),
    item(res('listener', 'l')),
    item(res('target-group', 'tg')),
    item(res('listener-rule', 'rule')),
    item(res('metric-alarm', 'alarm')),
    item(res('scaling-policy', 'p', 'arn:aws:autoscaling:r:1:scalingPolicy:u:resource/ecs/service/default/web:policyName/p')),
    item(res('log-group', '/aws/ecs/default/web-1'), false),
  ];
  const out = await purgeResources(clients, items, { clock: new FakeClock(), scalingId: 'service/default/web' });
  assert.deepEqual(calls, [
    'DeleteScalingPolicy',
    'DeleteAlarms',
    'DeleteRule',
    'DeleteTargetGroup',
    'DeleteListener',
    'DeleteLoadBalancer',
    'DescribeCertificate',
    'DeleteCertificate',
    'DeleteSecurityGroup',
  ]);
  assert.ok(out.every((o) => o.deleted));
});

test('a security group still in use is retried with back-off until it can go', async () => {
  let tries = 0;
  const busy = Object.assign(new Error('resource sg-svc has a dependent object'), { name: 'DependencyViolation' });
  const { clients } = fakeClients(() => {
    if (++tries < 3) throw busy;
    return {};
  });
  const clock = new FakeClock();
  const out = await purgeResources(clients, [item(res('service-security-group', 'sg-svc', 'arn:aws:ec2:r:1:security-group/sg-svc'))], { clock, scalingId: 's' });
  assert.deepEqual(clock.sleeps, [2000, 4000]);
  assert.equal(out[0]!.deleted, true);
});

test('already gone counts as deleted; other failures are reported and the rest goes on', async () => {
  const { clients, calls } = fakeClients((cmd) => {
    if (cmd === 'DeleteRule') throw Object.assign(new Error('not found'), { name: 'RuleNotFound' });
    if (cmd === 'DeleteTargetGroup') throw Object.assign(new Error('boom'), { name: 'ValidationError' });
    return {};
  });
  const out = await purgeResources(clients, [item(res('listener-rule', 'r')), item(res('target-group', 'tg')), item(res('metric-alarm', 'a'))], { clock: new FakeClock(), scalingId: 's' });
  assert.deepEqual(out.map((o) => `${o.resource.name}:${o.deleted}`), ['a:true', 'r:true', 'tg:false']);
  assert.match(out[2]!.error ?? '', /^target group tg: boom$/);
  assert.deepEqual(calls, ['DeleteAlarms', 'DeleteRule', 'DeleteTargetGroup']);
});

test('a certificate is taken off the listener first; a listener\'s default certificate is left alone', async () => {
  const listener = 'arn:aws:elasticloadbalancing:r:1:listener/app/alb/1/2';
  const extra = fakeClients((cmd) =>
    cmd === 'DescribeCertificate' ? { Certificate: { InUseBy: [listener] } } : cmd === 'DescribeListeners' ? { Listeners: [{ ListenerArn: listener, Certificates: [{ CertificateArn: 'other' }] }] } : {},
  );
  const a = await purgeResources(extra.clients, [item(res('certificate', 'c', 'mine'))], { clock: new FakeClock(), scalingId: 's' });
  assert.deepEqual(extra.calls, ['DescribeCertificate', 'DescribeListeners', 'RemoveListenerCertificates', 'DeleteCertificate']);
  assert.equal(a[0]!.deleted, true);

  const dflt = fakeClients((cmd) =>
    cmd === 'DescribeCertificate' ? { Certificate: { InUseBy: [listener] } } : cmd === 'DescribeListeners' ? { Listeners: [{ ListenerArn: listener, Certificates: [{ CertificateArn: 'mine' }] }] } : {},
  );
  const b = await purgeResources(dflt.clients, [item(res('certificate', 'c', 'mine'))], { clock: new FakeClock(), scalingId: 's' });
  assert.equal(b[0]!.deleted, false);
  assert.match(b[0]!.error ?? '', /default certificate of listener/);
  assert.ok(!dflt.calls.includes('DeleteCertificate'));
});
