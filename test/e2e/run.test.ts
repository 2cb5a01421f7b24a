// `ecsx run` through the built CLI: the watched container's exit code becomes ecsx's, its
// CloudWatch log lines are printed, a task that cannot start is exit 4 with ECS's reason, and
// the RunTask input carries the service's network, overrides, count and tags.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { startProject, taskDefinition, CLUSTER, type Project } from './deploy-fixture.js';

let p: Project;
before(async () => {
  // No service is deployed: run takes the network from the local service definition.
  p = await startProject({ timeScale: 300, noLoadBalancer: true });
  const scenario = (exitCode: number, image: string, logLines: string[]) =>
    p.sandbox.client.ecs('scenarios', 'POST', { kind: 'container-exit', match: { image }, exitCode, afterSeconds: 3, logLines });
  await scenario(0, 'job-ok', ['migrating 3 tables', 'done']);
  await scenario(3, 'job-fail', ['migrating 3 tables', 'ERROR: relation "users" already exists']);
  await p.sandbox.client.ecs('scenarios', 'POST', { kind: 'image-pull-failure', match: { image: 'job-missing' } });
});
after(() => p?.stop());

test('a task that exits 0: exit 0, its logs on stdout', async () => {
  const r = await p.cli(['run'], { IMAGE: 'example.com/job-ok:1' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^migrating 3 tables\ndone\n$/m);
  assert.match(r.stderr, /registered task definition web:1/);
  assert.match(r.stderr, /task [0-9a-f]{32}: container app exited with code 0/);
});

test('a task that exits 3: ecsx exits 3', async () => {
  const r = await p.cli(['run'], { IMAGE: 'example.com/job-fail:1' });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /ERROR: relation "users" already exists/);
  assert.match(r.stderr, /container app exited with code 3 \(Essential container in task exited\)/);
});

test('a task that cannot start: exit 4 with the reason', async () => {
  const r = await p.cli(['run'], { IMAGE: 'example.com/job-missing:1' });
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /failed to start: CannotPullContainerError: .*job-missing:1: not found \(TaskFailedToStart\)/);
});

test('--dry-run prints RegisterTaskDefinition and RunTask with the network and overrides; nothing runs', async () => {
  await p.sandbox.client.clearRequests();
  const overrides = JSON.stringify({ containerOverrides: [{ name: 'app', command: ['bin/migrate'] }] });
  const r = await p.cli(['run', '--dry-run', '--overrides', overrides, '--count', '2', '--tags', 'job=migrate,owner='], { IMAGE: 'example.com/job-ok:1' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /DRY RUN OK/);
  const runTask = r.stdout.slice(r.stdout.indexOf('ecs RunTask'));
  assert.match(runTask, /"launchType": "FARGATE"/);
  assert.match(runTask, new RegExp(`"subnets": \\[\\s*"${p.subnets[0]}"`));
  assert.match(runTask, /"command": \[\s*"bin\/migrate"\s*\]/);
  assert.match(runTask, /"count": 2/);
  assert.match(runTask, /"key": "owner",\s*"value": ""/);
  assert.deepEqual(await p.mutations(), []);
});

test('--task-def, --count 2, --wait-until running, overrides from a Jsonnet file, tags', async () => {
  writeFileSync(join(p.dir, 'overrides.jsonnet'), `{ containerOverrides: [{ name: 'app', environment: [{ name: 'MODE', value: std.extVar('mode') }] }] }`);
  writeFileSync(join(p.dir, 'worker-td.json'), JSON.stringify({ ...taskDefinition(), family: 'worker' }));
  const r = await p.cli(['run', '--task-def', 'worker-td.json', '--count', '2', '--wait-until', 'running', '--overrides-file', 'overrides.jsonnet', '--ext-str', 'mode=batch', '--tags', 'job=batch']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /started 2 tasks of worker:1/);
  assert.match(r.stderr, /tasks running; not waiting for them to stop/);
  const arns = (await p.ecs.send(new ListTasksCommand({ cluster: CLUSTER, family: 'worker' }))).taskArns!;
  const tasks = (await p.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns, include: ['TAGS'] }))).tasks!;
  assert.equal(tasks.length, 2);
  for (const t of tasks) {
    assert.equal(t.lastStatus, 'RUNNING');
    assert.deepEqual(t.overrides?.containerOverrides?.[0]?.environment, [{ name: 'MODE', value: 'batch' }]);
    assert.deepEqual(t.tags, [{ key: 'job', value: 'batch' }]);
  }
});

test('--skip-task-definition without a service runs the family\'s latest revision', async () => {
  const r = await p.cli(['run', '--skip-task-definition', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /"taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition\/web:3"/);
});

test('bad flags: exit 2 before anything runs', async () => {
  const missing = await p.cli(['run', '--skip-task-definition', '--watch-container', 'nope'], { IMAGE: 'x' });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--watch-container: no container named nope in the task definition \(containers: app\)/);
  const both = await p.cli(['run', '--revision', '1', '--latest-task-definition'], { IMAGE: 'x' });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--revision and --latest-task-definition cannot be used together/);
  const tags = await p.cli(['run', '--tags', 'novalue'], { IMAGE: 'x' });
  assert.equal(tags.code, 2);
});
