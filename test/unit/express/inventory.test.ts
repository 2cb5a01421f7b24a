// The managed-resource inventory: flattening ECSManagedResources, names from ARNs, endpoints,
// merging revisions, and following statuses from poll to poll (failed, hopeless, stuck).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ECSManagedResources } from '@aws-sdk/client-ecs';
import { flattenManagedResources, mergeInventories, normalizeEndpoint, resourceName, type ManagedResource } from '../../../src/express/resources.js';
import { ResourceTracker, stuckAfterDeployment } from '../../../src/express/resource-tracker.js';

const A = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);
const base = (arn: string, status = 'ACTIVE', s = 0) => ({ arn, status: status as 'ACTIVE', updatedAt: at(s) });

const managed: ECSManagedResources = {
  ingressPaths: [
    {
      accessType: 'PUBLIC',
      endpoint: 'we-0123.ecs.us-east-1.on.aws',
      loadBalancer: { ...base(`${A}:loadbalancer/app/ecs-express-gateway-alb-1/abc`), scheme: 'internet-facing' },
      loadBalancerSecurityGroups: [base('arn:aws:ec2:us-east-1:123456789012:security-group/sg-lb')],
      certificate: { ...base('arn:aws:acm:us-east-1:123456789012:certificate/c-1', 'PROVISIONING'), domainName: 'we-0123.ecs.us-east-1.on.aws' },
      listener: base(`${A}:listener/app/ecs-express-gateway-alb-1/abc/l1`),
      rule: base(`${A}:listener-rule/app/ecs-express-gateway-alb-1/abc/l1/r1`),
      targetGroups: [{ ...base(`${A}:targetgroup/ecs-gw-web-1/t1`), healthCheckPath: '/', healthCheckPort: 80, port: 80 }],
    },
  ],
  autoScaling: {
    scalableTarget: { ...base('arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/0abc'), minCapacity: 1, maxCapacity: 10 },
    applicationAutoScalingPolicies: [
      {
        ...base('arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:uuid:resource/ecs/service/default/web:policyName/web-cpu'),
        policyType: 'TargetTrackingScaling',
        targetValue: 60,
        metric: 'ECSServiceAverageCPUUtilization',
      },
    ],
  },
  metricAlarms: [base('arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-error-rate')],
  serviceSecurityGroups: [base('arn:aws:ec2:us-east-1:123456789012:security-group/sg-svc')],
  logGroups: [{ ...base('arn:aws:logs:us-east-1:123456789012:log-group:/aws/ecs/default/web-1234:*'), logGroupName: '/aws/ecs/default/web-1234' }],
};

test('flattenManagedResources lists every resource with a short name', () => {
  const list = flattenManagedResources(managed, 'rev-1');
  assert.deepEqual(
    list.map((r) => `${r.kind} ${r.name} ${r.status}`),
    [
      'load-balancer ecs-express-gateway-alb-1 ACTIVE',
      'load-balancer-security-group sg-lb ACTIVE',
      'listener ecs-express-gateway-alb-1/…/l1 ACTIVE',
      'listener-rule ecs-express-gateway-alb-1/…/r1 ACTIVE',
      'target-group ecs-gw-web-1 ACTIVE',
      'certificate we-0123.ecs.us-east-1.on.aws PROVISIONING',
      'service-security-group sg-svc ACTIVE',
      'scalable-target 1-10 tasks ACTIVE',
      'scaling-policy web-cpu ACTIVE',
      'metric-alarm web-error-rate ACTIVE',
      'log-group /aws/ecs/default/web-1234 ACTIVE',
    ],
  );
  assert.ok(list.every((r) => r.revisionArn === 'rev-1'));
});

test('resourceName for each ARN form', () => {
  assert.equal(resourceName('log-group', 'arn:aws:logs:r:1:log-group:/a/b:*'), '/a/b');
  assert.equal(resourceName('metric-alarm', 'arn:aws:cloudwatch:r:1:alarm:x:y'), 'x:y');
  assert.equal(resourceName('service-security-group', 'arn:aws:ec2:r:1:security-group/sg-1'), 'sg-1');
});

test('normalizeEndpoint adds https:// and drops other schemes and trailing slashes', () => {
  assert.equal(normalizeEndpoint('we-1.ecs.us-east-1.on.aws'), 'https://we-1.ecs.us-east-1.on.aws');
  assert.equal(normalizeEndpoint('http://we-1.ecs.us-east-1.on.aws/'), 'https://we-1.ecs.us-east-1.on.aws');
  assert.equal(normalizeEndpoint(''), undefined);
});

test('mergeInventories keeps one entry per resource, the newest report', () => {
  const a = flattenManagedResources(managed, 'old');
  const newer = a.map((r) => ({ ...r, status: 'DEPROVISIONING', updatedAt: (r.updatedAt ?? 0) + 1000, revisionArn: 'new' }));
  const merged = mergeInventories([a, newer]);
  assert.equal(merged.length, a.length);
  assert.ok(merged.every((r) => r.status === 'DEPROVISIONING'));
});

const r = (status: string, extra: Partial<ManagedResource> = {}): ManagedResource => ({ kind: 'certificate', arn: 'arn:c', name: 'cert', status, updatedAt: 0, ...extra });

test('ResourceTracker reports status changes once, and when every resource is ACTIVE', () => {
  const t = new ResourceTracker();
  const first = t.observe([r('PROVISIONING')], 0);
  assert.deepEqual(first.changes.map((c) => [c.from, c.resource.status]), [[undefined, 'PROVISIONING']]);
  assert.equal(first.allActive, false);
  assert.deepEqual(t.observe([r('PROVISIONING')], 1000).changes, []);
  const done = t.observe([r('ACTIVE')], 2000);
  assert.deepEqual(done.changes.map((c) => [c.from, c.resource.status]), [['PROVISIONING', 'ACTIVE']]);
  assert.equal(done.allActive, true);
});

const failures: { name: string; res: ManagedResource; now?: number; serverNow?: number; reason?: RegExp }[] = [
  { name: 'FAILED fails with its reason', res: r('FAILED', { statusReason: 'Limit exceeded.' }), reason: /^certificate cert FAILED: Limit exceeded$/ },
  { name: 'a hopeless reason fails at once', res: r('PROVISIONING', { statusReason: "The security group 'sg-1' does not exist" }), reason: /cannot be provisioned: The security group 'sg-1' does not exist/ },
  { name: 'an ordinary reason waits', res: r('PROVISIONING', { statusReason: 'Waiting for DNS validation.' }) },
  { name: 'stuck by server time', res: r('PROVISIONING'), serverNow: 11 * 60_000, reason: /has been PROVISIONING for 11 min without a reason from ECS/ },
  { name: 'stuck by local time', res: r('PROVISIONING', { updatedAt: undefined }), now: 10 * 60_000, reason: /has been PROVISIONING for 10 min/ },
];
for (const c of failures) {
  test(`ResourceTracker: ${c.name}`, () => {
    const t = new ResourceTracker();
    t.observe([c.res], 0);
    const a = t.observe([c.res], c.now ?? 1000, c.serverNow);
    if (c.reason) assert.match(a.failure?.reason ?? '', c.reason);
    else assert.equal(a.failure, undefined);
  });
}

test('stuckAfterDeployment: still PROVISIONING since before the deployment → stuck; newer → not yet', () => {
  assert.match(stuckAfterDeployment([r('PROVISIONING', { updatedAt: 1000, statusReason: 'Waiting.' })], 5000)?.reason ?? '', /still PROVISIONING, as it was before the deployment started: Waiting$/);
  assert.equal(stuckAfterDeployment([r('PROVISIONING', { updatedAt: 9000 })], 5000), undefined);
  assert.equal(stuckAfterDeployment([r('PROVISIONING')], undefined), undefined);
});
