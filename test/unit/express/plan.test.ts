// decideDeploy, immutableChanges, buildUpdateInput and tagChanges: what a deploy does, from the
// live service, as tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ECSExpressGatewayService, Service } from '@aws-sdk/client-ecs';
import { UserInputError } from '../../../src/errors.js';
import { buildCreateInput, buildUpdateInput, decideDeploy, immutableChanges, tagChanges } from '../../../src/express/plan.js';
import type { ExpressDefinition } from '../../../src/definitions/types.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:service/default/web';
const INFRA = 'arn:aws:iam::123456789012:role/infra';
const ref = { cluster: 'default', service: 'web' };
const def: ExpressDefinition = { infrastructureRoleArn: INFRA, executionRoleArn: 'arn:aws:iam::123456789012:role/exec', primaryContainer: { image: 'nginx:1.27' } };
const svc = (status: string, type: 'ECS' | 'CUSTOMER' = 'ECS'): Service => ({ serviceArn: ARN, serviceName: 'web', status, resourceManagementType: type });
const live = (x: Partial<ECSExpressGatewayService> = {}): ECSExpressGatewayService => ({
  serviceArn: ARN,
  serviceName: 'web',
  cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/default',
  infrastructureRoleArn: INFRA,
  status: { statusCode: 'ACTIVE' },
  ...x,
});

const cases: { name: string; service?: Service; express?: ECSExpressGatewayService; definition?: ExpressDefinition; replace?: boolean; kind?: string; error?: RegExp }[] = [
  { name: 'missing → create', kind: 'create' },
  { name: 'INACTIVE → create (the name is free again)', service: svc('INACTIVE'), kind: 'create' },
  { name: 'INACTIVE underneath but Express still DRAINING → wait, then create', service: svc('INACTIVE'), express: live({ status: { statusCode: 'DRAINING' } }), kind: 'wait-then-create' },
  { name: 'DRAINING → wait, then create', service: svc('DRAINING'), kind: 'wait-then-create' },
  { name: 'ACTIVE Express → update', service: svc('ACTIVE'), express: live(), kind: 'update' },
  { name: 'ACTIVE classic service of that name → refused', service: svc('ACTIVE', 'CUSTOMER'), error: /exists and is not an Express Mode service/ },
  {
    name: 'infrastructure role changed → refused, naming --replace',
    service: svc('ACTIVE'),
    express: live({ infrastructureRoleArn: 'arn:aws:iam::123456789012:role/old' }),
    error: /infrastructureRoleArn \(arn:aws:iam::123456789012:role\/old → arn:aws:iam::123456789012:role\/infra\) cannot be changed.*ecsx deploy --replace/,
  },
  { name: 'infrastructure role changed with --replace → replace', service: svc('ACTIVE'), express: live({ infrastructureRoleArn: 'arn:aws:iam::1:role/old' }), replace: true, kind: 'replace' },
  { name: 'cluster ARN of the same name is not a change', service: svc('ACTIVE'), express: live({ cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/default' }), kind: 'update' },
];

for (const c of cases) {
  test(`decideDeploy: ${c.name}`, () => {
    const run = () => decideDeploy({ ref, definition: c.definition ?? def, service: c.service, express: c.express, replace: c.replace });
    if (c.error) {
      assert.throws(run, (e: unknown) => e instanceof UserInputError && c.error!.test(e.message));
      return;
    }
    assert.equal(run().kind, c.kind);
  });
}

test('immutableChanges: cluster, name and infrastructure role', () => {
  const changes = immutableChanges(def, { cluster: 'prod', service: 'api' }, live({ infrastructureRoleArn: 'arn:aws:iam::1:role/x' }));
  assert.deepEqual(
    changes.map((c) => `${c.field}:${c.from}→${c.to}`),
    ['cluster:default→prod', 'serviceName:web→api', `infrastructureRoleArn:arn:aws:iam::1:role/x→${INFRA}`],
  );
});

test('buildUpdateInput sends the whole primaryContainer, empty lists to clear, and no create-only fields', () => {
  const input = buildUpdateInput({ ...def, tags: [{ key: 'a', value: 'b' }], cpu: '256' }, ARN);
  assert.deepEqual(input, {
    serviceArn: ARN,
    executionRoleArn: def.executionRoleArn,
    cpu: '256',
    primaryContainer: { image: 'nginx:1.27', environment: [], secrets: [], command: [] },
  });
  const kept = buildUpdateInput({ ...def, primaryContainer: { image: 'x', environment: [{ name: 'A', value: '1' }], command: ['nginx'] } }, ARN);
  assert.deepEqual(kept.primaryContainer?.environment, [{ name: 'A', value: '1' }]);
  assert.deepEqual(kept.primaryContainer?.command, ['nginx']);
});

test('buildCreateInput adds name and cluster from the config and does not touch the definition', () => {
  const d = structuredClone(def);
  const input = buildCreateInput(d, ref);
  assert.equal(input.serviceName, 'web');
  assert.equal(input.cluster, 'default');
  assert.deepEqual(d, def);
});

const tagCases: { name: string; want?: [string, string][]; have?: [string, string][]; ignore?: string[]; tag: [string, string][]; untag: string[] }[] = [
  { name: 'nothing to do', want: [['a', '1']], have: [['a', '1']], tag: [], untag: [] },
  { name: 'added and changed', want: [['a', '2'], ['b', '1']], have: [['a', '1']], tag: [['a', '2'], ['b', '1']], untag: [] },
  { name: 'removed', want: [], have: [['a', '1'], ['b', '2']], tag: [], untag: ['a', 'b'] },
  { name: 'aws:, AmazonECSManaged and ignore.tags are never removed', have: [['aws:cloudformation:stack-name', 's'], ['AmazonECSManaged', 'true'], ['keep', 'x']], ignore: ['keep'], tag: [], untag: [] },
];
for (const c of tagCases) {
  test(`tagChanges: ${c.name}`, () => {
    const tags = (l?: [string, string][]) => l?.map(([key, value]) => ({ key, value }));
    const r = tagChanges(tags(c.want), tags(c.have), c.ignore);
    assert.deepEqual(r.tag, tags(c.tag));
    assert.deepEqual(r.untag, c.untag);
  });
}
