// After a delete: deleted, retained by design (log group, shared load balancer with its listener
// and security group), left behind — and which leftovers ecsx may remove (tagged AmazonECSManaged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyInventory, formatReport, summarizeReport } from '../../../src/express/classify.js';
import { belongsToService } from '../../../src/express/discover.js';
import type { ProbeResult } from '../../../src/express/probe.js';
import type { ManagedResource, ManagedResourceKind } from '../../../src/express/resources.js';

const res = (kind: ManagedResourceKind, name: string): ManagedResource => ({ kind, arn: `arn:${kind}:${name}`, name, status: 'ACTIVE' });
const MANAGED = { AmazonECSManaged: 'true' };

function classify(entries: [ManagedResource, ProbeResult][], purgeLogs = false) {
  return classifyInventory(entries.map(([r]) => r), new Map(entries), { purgeLogs });
}
const view = (items: ReturnType<typeof classify>) => items.map((i) => `${i.resource.name}: ${i.outcome}${i.purgeable ? ' (purgeable)' : ''}`);

test('gone → deleted; still there and ECS-managed → left behind and purgeable; untagged → left behind only', () => {
  const items = classify([
    [res('listener-rule', 'rule'), { exists: false }],
    [res('target-group', 'tg'), { exists: true, tags: MANAGED }],
    [res('metric-alarm', 'alarm'), { exists: true, tags: {} }],
    [res('certificate', 'cert'), { exists: undefined, error: 'AccessDenied' }],
  ]);
  assert.deepEqual(view(items), ['rule: deleted', 'tg: left-behind (purgeable)', 'alarm: left-behind', 'cert: unknown']);
  assert.match(items[2]!.reason, /not tagged AmazonECSManaged=true: not ecsx's to remove/);
  assert.deepEqual(summarizeReport(items), { deleted: 1, retained: 0, 'left-behind': 2, unknown: 1 });
});

test('the log group is retained by design; purgeable only with --purge-logs', () => {
  const lg: [ManagedResource, ProbeResult] = [res('log-group', '/aws/ecs/default/web-1'), { exists: true, tags: MANAGED }];
  assert.deepEqual(view(classify([lg])), ['/aws/ecs/default/web-1: retained']);
  assert.deepEqual(view(classify([lg], true)), ['/aws/ecs/default/web-1: retained (purgeable)']);
});

test('a load balancer other services still use is retained with its listener and security group, never purgeable', () => {
  const items = classify([
    [res('load-balancer', 'alb'), { exists: true, tags: MANAGED, usedBy: ['arn:other-rule', 'arn:other-tg'] }],
    [res('listener', 'l'), { exists: true, tags: MANAGED }],
    [res('load-balancer-security-group', 'sg-lb'), { exists: true, tags: MANAGED }],
    [res('target-group', 'tg'), { exists: true, tags: MANAGED }],
  ]);
  assert.deepEqual(view(items), ['alb: retained', 'l: retained', 'sg-lb: retained', 'tg: left-behind (purgeable)']);
  assert.match(items[0]!.reason, /shared: 2 other listener rules\/target groups still use it/);
});

test('a load balancer nothing else uses is left behind and purgeable', () => {
  const items = classify([
    [res('load-balancer', 'alb'), { exists: true, tags: MANAGED, usedBy: [] }],
    [res('listener', 'l'), { exists: true, tags: MANAGED }],
  ]);
  assert.deepEqual(view(items), ['alb: left-behind (purgeable)', 'l: left-behind (purgeable)']);
});

test('formatReport groups by outcome and puts the cluster where its fate says', () => {
  const items = classify([
    [res('listener-rule', 'rule'), { exists: false }],
    [res('target-group', 'tg'), { exists: true, tags: MANAGED }],
  ]);
  assert.equal(
    formatReport(items, { name: 'default', outcome: 'retained: 2 other services, 3 running tasks' }),
    'Deleted:\n  listener rule rule\nRetained by design:\n  cluster default: 2 other services, 3 running tasks\nLeft behind:\n  target group tg: left behind',
  );
});

const owner: { name: string; tags: Record<string, string>; mine: boolean }[] = [
  { name: 'managed, tagged with the service ARN', tags: { AmazonECSManaged: 'true', AmazonECSManagedServiceArn: 'arn:aws:ecs:us-east-1:1:service/default/web' }, mine: true },
  { name: 'another service of the cluster', tags: { AmazonECSManaged: 'true', AmazonECSManagedServiceArn: 'arn:aws:ecs:us-east-1:1:service/default/web-api' }, mine: false },
  { name: 'the same name in another cluster', tags: { AmazonECSManaged: 'true', AmazonECSManagedServiceArn: 'arn:aws:ecs:us-east-1:1:service/prod/web' }, mine: false },
  { name: 'service and cluster name tags', tags: { AmazonECSManaged: 'true', 'ecs:service-name': 'web', 'ecs:cluster-name': 'default' }, mine: true },
  { name: 'names this service but not ECS-managed', tags: { owner: 'arn:aws:ecs:us-east-1:1:service/default/web' }, mine: false },
];
for (const c of owner) {
  test(`belongsToService: ${c.name}`, () => assert.equal(belongsToService(c.tags, { cluster: 'default', service: 'web' }), c.mine));
}
