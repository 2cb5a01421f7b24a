// `ecsx register` through the built CLI: registering, --dry-run, --print, JSON output, bad input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeTaskDefinitionCommand, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { fargateTd, startClassic, type Classic } from '../helpers/classic.js';

let c: Classic;
const revisions = async () => (await c.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'app' }))).taskDefinitionArns ?? [];

before(async () => {
  c = await startClassic();
  c.write('ecs-task-def.json', JSON.stringify({ ...fargateTd('app', '{{ must_env `IMAGE` }}'), tags: [] }, null, 2));
});
after(() => c?.stop());

test('registers a new revision from the config task definition (templates applied)', async () => {
  const r = await c.ecsx(['register'], { env: { IMAGE: 'nginx:1.27' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^registered task definition app:1 \(arn:aws:ecs:us-east-1:123456789012:task-definition\/app:1\)$/m);
  const td = await c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'app:1', include: ['TAGS'] }));
  assert.equal(td.taskDefinition!.containerDefinitions![0]!.image, 'nginx:1.27');
  assert.deepEqual(td.tags ?? [], []);
});

test('--dry-run prints the task definition and registers nothing', async () => {
  const before = (await revisions()).length;
  const r = await c.ecsx(['register', '--dry-run'], { env: { IMAGE: 'nginx:dry' } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).containerDefinitions[0].image, 'nginx:dry');
  assert.match(r.stderr, /dry run: would register a new revision of app/);
  assert.equal((await revisions()).length, before);
});

test('--print prints the registered task definition; --output json gives the typed result', async () => {
  const r = await c.ecsx(['register', '--print'], { env: { IMAGE: 'nginx:2' } });
  assert.equal(r.code, 0, r.stderr);
  const printed = JSON.parse(r.stdout);
  assert.equal(printed.taskDefinition.revision, 2);
  assert.equal(printed.taskDefinition.status, 'ACTIVE');
  const j = await c.ecsx(['register', '--output', 'json'], { env: { IMAGE: 'nginx:3' } });
  assert.equal(j.code, 0, j.stderr);
  const res = JSON.parse(j.stdout);
  assert.equal(res.name, 'app:3');
  assert.equal(res.dryRun, false);
  assert.equal(res.taskDefinition.containerDefinitions[0].image, 'nginx:3');
});

test('an unset must_env or an invalid definition is exit 2 and registers nothing', async () => {
  const before = (await revisions()).length;
  const r = await c.ecsx(['register']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /environment variable IMAGE is not defined/);
  c.write('bad.json', JSON.stringify({ family: 'app', containerDefinitions: [{ name: 'x', image: 'y', memory: 'lots' }] }));
  c.write('bad.yml', 'region: us-east-1\ncluster: default\ntask_definition: bad.json\n');
  const bad = await c.ecsx(['register', '--config', 'bad.yml']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad\.json:1:\d+: /);
  assert.equal((await revisions()).length, before);
});
