// `ecsx delete` through the built CLI against a sandbox running at 30× so deletions finish in
// about a second: the confirmation rules, --terminate, --dry-run, waiting for INACTIVE, the
// timeout (exit 4) and the errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startClassic, type Classic } from '../helpers/classic.js';

let c: Classic;
const statusOf = async (name: string) => (await c.describe(name))?.status;

before(async () => {
  c = await startClassic({ timeScale: 30 });
  await c.register();
  await c.createService('app', 'app:1', 2);
  await c.createService('zero', 'app:1', 0);
  await c.createService('zero2', 'app:1', 0);
  await c.createService('slow', 'app:1', 1);
  c.write('zero.yml', 'region: us-east-1\ncluster: default\nservice: zero\n');
  c.write('zero2.yml', 'region: us-east-1\ncluster: default\nservice: zero2\n');
  c.write('slow.yml', 'region: us-east-1\ncluster: default\nservice: slow\n');
});
after(() => c?.stop());

test('a service with running tasks needs --terminate', async () => {
  const r = await c.ecsx(['delete', '--force']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: service app has desiredCount 2: ECS deletes only services scaled to 0; pass --terminate/m);
  assert.equal(await statusOf('app'), 'ACTIVE');
});

test('without a terminal and without --force it refuses with exit 2', async () => {
  const r = await c.ecsx(['delete', '--terminate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: refusing to delete service app without confirmation: there is no terminal to ask on; pass --force to go ahead$/m);
  assert.equal(await statusOf('app'), 'ACTIVE');
});

test('--dry-run shows the status and changes nothing', async () => {
  const r = await c.ecsx(['delete', '--terminate', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'DRY RUN OK\n');
  assert.match(r.stderr, /^Service: app$/m);
  assert.match(r.stderr, /dry run: would delete service app in cluster default and stop its tasks \(--terminate\); nothing changed/);
  assert.equal(await statusOf('app'), 'ACTIVE');
});

test('on a terminal the service name must be typed: a wrong name cancels (exit 2)', async () => {
  const r = await c.ecsxTty(['delete', '--terminate'], 'Type the service name to delete it (app):', 'ap');
  assert.equal(r.code, 2, r.stdout);
  assert.match(r.stdout, /cancelled \(the answer did not match "app"\): did not delete service app/);
  assert.equal(await statusOf('app'), 'ACTIVE');
});

test('--terminate --force deletes, reports DRAINING and waits until INACTIVE', async () => {
  const r = await c.ecsx(['delete', '--terminate', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'service app deleted (INACTIVE)\n');
  assert.match(r.stderr, /deleting service app and stopping its tasks/);
  assert.match(r.stderr, /^app: DRAINING, running:\d pending:\d$/m);
  assert.equal(await statusOf('app'), 'INACTIVE');
  const again = await c.ecsx(['delete', '--force']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /service app is already deleted \(INACTIVE\); nothing to do/);
});

test('on a terminal, typing the service name deletes it', async () => {
  const r = await c.ecsxTty(['delete', '--config', 'zero.yml'], 'Type the service name to delete it (zero):', 'zero');
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /service zero deleted \(INACTIVE\)/);
});

test('a service scaled to 0 is deleted without --terminate; --output json gives the result', async () => {
  const r = await c.ecsx(['delete', '--force', '--config', 'zero2.yml', '--output', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.service, 'zero2');
  assert.equal(j.deleted, true);
  assert.equal(j.status, 'INACTIVE');
  assert.equal(typeof j.waitedMs, 'number');
});

test('still DRAINING at the timeout is exit 4; --no-wait returns at once', async () => {
  await c.sandbox.client.ecs('/timings', 'PUT', { stopping: 100_000 });
  try {
    const r = await c.ecsx(['delete', '--terminate', '--force', '--config', 'slow.yml', '--timeout', '2s']);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /^error: service slow is still DRAINING after 2s: ECS is still deleting it; check with `ecsx status`$/m);
    const nowait = await c.ecsx(['delete', '--config', 'slow.yml', '--no-wait']);
    assert.equal(nowait.code, 0, nowait.stderr);
    assert.match(nowait.stderr, /service slow is already being deleted \(DRAINING\)/);
    assert.equal(nowait.stdout, 'service slow is DRAINING; not waiting (--no-wait)\n');
  } finally {
    await c.sandbox.client.ecs('/timings', 'DELETE');
  }
});

test('a missing service is exit 2', async () => {
  c.write('missing.yml', 'region: us-east-1\ncluster: default\nservice: nope\n');
  const r = await c.ecsx(['delete', '--force', '--config', 'missing.yml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /service nope not found in cluster default/);
});
