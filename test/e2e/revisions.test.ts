// `ecsx revisions` through the built CLI: the list with in-use marks (service deployments and
// running tasks), table / TSV / JSON, and dumping one revision.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RunTaskCommand } from '@aws-sdk/client-ecs';
import { fargateTd, NETWORK, startClassic, type Classic } from '../helpers/classic.js';

let c: Classic;

before(async () => {
  c = await startClassic();
  for (let i = 1; i <= 4; i++) await c.register(fargateTd('app', `nginx:1.${i}`));
  await c.createService('app', 'app:3', 2);
  await c.ecs.send(new RunTaskCommand({ taskDefinition: 'app:2', launchType: 'FARGATE', networkConfiguration: NETWORK }));
  await c.sandbox.client.advance(60);
});
after(() => c?.stop());

test('lists ACTIVE revisions newest first, marking those in use', async () => {
  const r = await c.ecsx(['revisions']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^REVISION +TASK DEFINITION +IN USE$/);
  assert.match(lines[1]!, /^4 +app:4$/);
  assert.match(lines[2]!, /^3 +app:3 +PRIMARY deployment, 2 tasks$/);
  assert.match(lines[3]!, /^2 +app:2 +1 task$/);
  assert.match(lines[4]!, /^1 +app:1$/);
  assert.equal(lines.length, 5);
});

test('--format tsv and json; the global --output json too', async () => {
  const tsv = await c.ecsx(['revisions', '--format', 'tsv']);
  assert.equal(tsv.code, 0, tsv.stderr);
  assert.equal(tsv.stdout.split('\n')[2], '3\tapp:3\tPRIMARY deployment, 2 tasks');
  for (const args of [['revisions', '--format', 'json'], ['revisions', '--output', 'json']]) {
    const r = await c.ecsx(args);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assert.deepEqual(
      list.map((e: any) => [e.revision, e.inUse]),
      [[4, false], [3, true], [2, true], [1, false]],
    );
    assert.match(list[1].arn, /^arn:aws:ecs:us-east-1:123456789012:task-definition\/app:3$/);
    assert.deepEqual(list[1].usedBy, ['PRIMARY deployment', '2 tasks']);
  }
  const bad = await c.ecsx(['revisions', '--format', 'yaml']);
  assert.equal(bad.code, 2);
});

test('--revision current|latest|N prints that task definition as JSON', async () => {
  const cur = await c.ecsx(['revisions', '--revision', 'current']);
  assert.equal(cur.code, 0, cur.stderr);
  const td = JSON.parse(cur.stdout);
  assert.equal(td.taskDefinition.revision, 3);
  assert.equal(td.taskDefinition.containerDefinitions[0].image, 'nginx:1.3');
  assert.equal(JSON.parse((await c.ecsx(['revisions', '--revision', 'latest'])).stdout).taskDefinition.revision, 4);
  assert.equal(JSON.parse((await c.ecsx(['revisions', '--revision', '1'])).stdout).taskDefinition.revision, 1);
  // The dump is a valid task definition file for ecsx itself.
  c.write('dumped.json', cur.stdout);
  c.write('dumped.yml', 'region: us-east-1\ncluster: default\nservice: app\ntask_definition: dumped.json\n');
  const rendered = await c.ecsx(['render', 'taskdef', '--config', 'dumped.yml']);
  assert.equal(rendered.code, 0, rendered.stderr);
  assert.equal(JSON.parse(rendered.stdout).family, 'app');
});

test('a missing or malformed revision is an error with exit 2', async () => {
  const missing = await c.ecsx(['revisions', '--revision', '99']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /task definition app:99 not found/);
  const bad = await c.ecsx(['revisions', '--revision', 'newest']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--revision must be a revision number, current or latest/);
});

test('the family comes from the service when the task definition file cannot be rendered', async () => {
  c.write('td-env.json', JSON.stringify({ ...fargateTd(), family: '{{ must_env `ECSX_TEST_UNSET` }}' }));
  c.write('env.yml', 'region: us-east-1\ncluster: default\nservice: app\ntask_definition: td-env.json\n');
  const r = await c.ecsx(['revisions', '--config', 'env.yml']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: could not read the family from the task definition file .*; using the service's family app/);
  assert.match(r.stdout, /^3 +app:3 +PRIMARY deployment/m);
});
