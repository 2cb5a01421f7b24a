// `ecsx rollback` through the built CLI: back to the previous revision after a good second
// deploy (and that revision deregistered), --dry-run, the --no-wait guard, and stopping a
// deployment still in progress with StopServiceDeployment(ROLLBACK).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { startProject, type Project } from './deploy-fixture.js';

let p: Project;
before(async () => {
  p = await startProject({ timeScale: 200 });
  for (const version of ['1', '2']) {
    const r = await p.cli(['deploy'], { APP_VERSION: version });
    assert.equal(r.code, 0, r.stderr);
  }
});
after(() => p?.stop());

const status = async (td: string) => (await p.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: td }))).taskDefinition?.status;

test('--no-wait needs --no-deregister-task-definition', async () => {
  const r = await p.cli(['rollback', '--no-wait']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--deregister-task-definition needs to wait for the rollback/);
});

test('--dry-run says what would happen and changes nothing', async () => {
  await p.sandbox.client.clearRequests();
  const r = await p.cli(['rollback', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'would roll back service web from web:2 to web:1 and deregister web:2\n');
  assert.match(r.stderr, /DRY RUN OK/);
  assert.deepEqual(await p.mutations(), []);
});

test('rollback after a good deploy: previous revision, waited for, the newer one deregistered', async () => {
  await p.sandbox.client.clearRequests();
  const r = await p.cli(['rollback']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'rolled back service web from web:2 to web:1; deregistered web:2\n');
  assert.match(r.stderr, /service is stable on web:1/);
  const s = await p.describe();
  assert.match(s.taskDefinition!, /web:1$/);
  assert.equal(s.runningCount, 4);
  assert.equal(s.deployments?.length, 1);
  assert.equal(await status('web:2'), 'INACTIVE');
  assert.equal((await p.sandbox.client.requests({ operation: 'UpdateService' })).length, 1);
});

test('a deployment still in progress is stopped with ROLLBACK, and ECS restores the previous revision', async () => {
  const d = await p.cli(['deploy'], { APP_VERSION: '3' });
  assert.equal(d.code, 0, d.stderr);
  // New tasks that take very long to pull their image keep the next deployment in progress.
  await p.sandbox.client.ecs('timings', 'PUT', { imagePull: 100_000 });
  const slow = await p.cli(['deploy', '--no-wait'], { APP_VERSION: '4' });
  assert.equal(slow.code, 0, slow.stderr);
  await p.sandbox.client.clearRequests();
  const r = await p.cli(['rollback']);
  await p.sandbox.client.ecs('timings', 'DELETE');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /rolling back service web from web:4 to web:3: stopping the in-progress service deployment/);
  assert.equal(r.stdout, 'rolled back service web from web:4 to web:3; deregistered web:4\n');
  assert.doesNotMatch(r.stderr, /^error:/m);
  assert.equal((await p.sandbox.client.requests({ operation: 'StopServiceDeployment' })).length, 1);
  assert.equal((await p.sandbox.client.requests({ operation: 'UpdateService' })).length, 0);
  const s = await p.describe();
  assert.match(s.taskDefinition!, /web:3$/);
  assert.equal(await status('web:4'), 'INACTIVE');
});
