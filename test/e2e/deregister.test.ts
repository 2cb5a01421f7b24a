// `ecsx deregister` through the built CLI: one revision, --keeps, --delete, --dry-run, the in-use
// refusal, and the confirmation (refused without a terminal unless --force).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { fargateTd, startClassic, type Classic } from '../helpers/classic.js';

let c: Classic;
const statusOf = async (rev: number) => (await c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `app:${rev}` }))).taskDefinition!.status;

before(async () => {
  c = await startClassic();
  for (let i = 1; i <= 7; i++) await c.register(fargateTd('app', `nginx:1.${i}`));
  await c.createService('app', 'app:5', 1);
});
after(() => c?.stop());

test('needs exactly one of --revision and --keeps', async () => {
  for (const args of [['deregister'], ['deregister', '--revision', '1', '--keeps', '2'], ['deregister', '--keeps', '-1']]) {
    const r = await c.ecsx(args);
    assert.equal(r.code, 2, args.join(' '));
  }
});

test('an in-use revision is never deregistered', async () => {
  const r = await c.ecsx(['deregister', '--revision', '5', '--force']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: app:5 is in use \(PRIMARY deployment, 1 task\); ecsx never deregisters a revision in use$/m);
  assert.equal(await statusOf(5), 'ACTIVE');
});

test('without a terminal and without --force it refuses (exit 2), changing nothing', async () => {
  const r = await c.ecsx(['deregister', '--revision', '1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /refusing to deregister app:1 without confirmation: there is no terminal to ask on; pass --force/);
  assert.equal(await statusOf(1), 'ACTIVE');
});

test('--revision N --force deregisters it; --revision latest resolves the newest', async () => {
  const r = await c.ecsx(['deregister', '--revision', '1', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^deregistered: app:1$/m);
  assert.equal(await statusOf(1), 'INACTIVE');
  const dry = await c.ecsx(['deregister', '--revision', 'latest', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^would deregister: app:7$/m);
  assert.equal(await statusOf(7), 'ACTIVE');
});

test('--keeps N --dry-run shows the plan; --keeps N --delete --force carries it out', async () => {
  const dry = await c.ecsx(['deregister', '--keeps', '1', '--dry-run', '--output', 'json']);
  assert.equal(dry.code, 0, dry.stderr);
  const plan = JSON.parse(dry.stdout);
  assert.deepEqual(plan.deregistered, ['app:2', 'app:3', 'app:4', 'app:6']);
  assert.deepEqual(plan.kept, ['app:7']);
  assert.deepEqual(plan.inUse, [{ taskDefinition: 'app:5', usedBy: ['PRIMARY deployment', '1 task'] }]);
  assert.equal(await statusOf(2), 'ACTIVE');

  const r = await c.ecsx(['deregister', '--keeps', '1', '--delete', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^deregistered: app:2, app:3, app:4, app:6$/m);
  assert.match(r.stdout, /^deleted: app:2, app:3, app:4, app:6$/m);
  assert.match(r.stdout, /^in use \(kept\): app:5 \(PRIMARY deployment, 1 task\)$/m);
  for (const rev of [2, 3, 4, 6]) assert.equal(await statusOf(rev), 'DELETE_IN_PROGRESS');
  assert.equal(await statusOf(5), 'ACTIVE');
  assert.equal(await statusOf(7), 'ACTIVE');
});

test('--revision N --delete deletes an already deregistered revision', async () => {
  const r = await c.ecsx(['deregister', '--revision', '1', '--delete', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^deleted: app:1$/m);
  assert.equal(await statusOf(1), 'DELETE_IN_PROGRESS');
  const none = await c.ecsx(['deregister', '--keeps', '5', '--force']);
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stderr, /nothing to deregister in app/);
});
