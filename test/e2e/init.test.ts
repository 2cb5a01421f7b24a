// `ecsx init` through the built CLI: it imports a service into a config and definitions that load
// back without warnings and compare equal to what ECS has (what `ecsx diff` checks), and it never
// overwrites files silently.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTaskDefinitionCommand, type RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { loadConfig } from '../../src/config/load.js';
import { loadDefinition } from '../../src/config/load-definitions.js';
import { diffJson, normalizeServicePair, normalizeTaskDefinition } from '../../src/diff/index.js';
import { fargateTd, startClassic, type Classic } from '../helpers/classic.js';

let c: Classic;

const td: RegisterTaskDefinitionCommandInput = {
  ...fargateTd(),
  containerDefinitions: [
    { ...fargateTd().containerDefinitions![0]!, environment: [{ name: 'Z_LAST', value: '1' }, { name: 'A_FIRST', value: '2' }] },
    { name: 'agent', image: 'datadog/agent:7', essential: false, environment: [] },
  ],
  tags: [{ key: 'team', value: 'web' }],
};

before(async () => {
  c = await startClassic();
  await c.register(td);
  await c.createService('app', 'app:1', 2, {
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 50 },
    propagateTags: 'SERVICE',
    enableExecuteCommand: true,
    tags: [{ key: 'env', value: 'test' }],
  });
});
after(() => c?.stop());

const read = (f: string) => readFileSync(join(c.dir, f), 'utf8');

test('imports a service: config and definitions without read-only fields', async () => {
  const r = await c.ecsx(['init', '--service', 'app', '--config', 'imported/ecsx.yml']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'imported service app and task definition app:1 into imported/ecsx.yml\n');
  assert.match(r.stderr, /wrote imported\/ecsx\.yml\nwrote imported\/ecs-task-def\.json\nwrote imported\/ecs-service-def\.json/);
  assert.equal(
    read('imported/ecsx.yml'),
    'region: us-east-1\ncluster: default\nservice: app\nservice_definition: ecs-service-def.json\ntask_definition: ecs-task-def.json\ntimeout: 10m\n',
  );
  const sv = JSON.parse(read('imported/ecs-service-def.json'));
  for (const k of ['serviceArn', 'serviceName', 'clusterArn', 'status', 'deployments', 'events', 'runningCount', 'pendingCount', 'taskDefinition', 'createdAt', 'createdBy', 'roleArn']) {
    assert.equal(sv[k], undefined, `service definition has ${k}`);
  }
  assert.equal(sv.desiredCount, 2);
  assert.equal(sv.propagateTags, 'SERVICE');
  assert.deepEqual(sv.tags, [{ key: 'env', value: 'test' }]);
  assert.deepEqual(Object.keys(sv), [...Object.keys(sv)].sort(), 'keys sorted');
  const t = JSON.parse(read('imported/ecs-task-def.json'));
  for (const k of ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy']) {
    assert.equal(t[k], undefined, `task definition has ${k}`);
  }
  assert.deepEqual(t.tags, [{ key: 'team', value: 'web' }]);
  assert.deepEqual(t.containerDefinitions.map((x: any) => x.name), ['app', 'agent'], 'order kept without --sort');
});

test('the imported files load without warnings and equal what ECS has (no diff)', async () => {
  const warnings: string[] = [];
  const loaded = await loadConfig({ config: join(c.dir, 'imported/ecsx.yml'), env: { ...process.env, ...c.env }, version: '0.1.0', warn: (m) => warnings.push(m) });
  const localSv = (await loadDefinition(loaded, 'service', { warn: (m) => warnings.push(m) })).value;
  const localTd = (await loadDefinition(loaded, 'task', { warn: (m) => warnings.push(m) })).value;
  assert.deepEqual(warnings, []);
  const remote = (await c.describe('app'))!;
  const pair = normalizeServicePair(localSv, remote);
  const svDiff = diffJson(pair.remote, pair.local, { remoteName: 'remote', localName: 'local' });
  assert.equal(svDiff.changed, false, svDiff.unified);
  const out = await c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'app:1', include: ['TAGS'] }));
  const tdDiff = diffJson(normalizeTaskDefinition(out.taskDefinition!, { tags: out.tags }), normalizeTaskDefinition(localTd), { remoteName: 'remote', localName: 'local' });
  assert.equal(tdDiff.changed, false, tdDiff.unified);
  // And ecsx itself can register it as it is.
  const reg = await c.ecsx(['register', '--dry-run', '--config', 'imported/ecsx.yml']);
  assert.equal(reg.code, 0, reg.stderr);
  assert.doesNotMatch(reg.stderr, /warning/);
});

test('existing files are not overwritten without --force-overwrite (no terminal: exit 2)', async () => {
  const before = read('imported/ecs-task-def.json');
  c.write('imported/ecs-task-def.json', '{"family":"edited"}\n');
  const r = await c.ecsx(['init', '--service', 'app', '--config', 'imported/ecsx.yml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: refusing to overwrite imported\/ecsx\.yml without confirmation: there is no terminal to ask on; pass --force-overwrite to go ahead$/m);
  assert.equal(read('imported/ecs-task-def.json'), '{"family":"edited"}\n', 'nothing written');
  const f = await c.ecsx(['init', '--service', 'app', '--config', 'imported/ecsx.yml', '--force-overwrite']);
  assert.equal(f.code, 0, f.stderr);
  assert.equal(read('imported/ecs-task-def.json'), before);
});

test('--task-definition imports only the task definition; --sort orders its lists', async () => {
  const r = await c.ecsx(['init', '--task-definition', 'app:1', '--config', 'td-only/batch.yml', '--task-definition-path', 'defs/td.json', '--sort']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(read('td-only/batch.yml'), 'region: us-east-1\ncluster: default\ntask_definition: defs/td.json\ntimeout: 10m\n');
  assert.ok(!existsSync(join(c.dir, 'td-only/ecs-service-def.json')));
  const t = JSON.parse(read('td-only/defs/td.json'));
  assert.deepEqual(t.containerDefinitions.map((x: any) => x.name), ['agent', 'app']);
  assert.deepEqual(t.containerDefinitions[1].environment.map((e: any) => e.name), ['A_FIRST', 'Z_LAST']);
});

test('--jsonnet writes Jsonnet files that ecsx renders back', async () => {
  const r = await c.ecsx(['init', '--service', 'app', '--config', 'jn/ecsx.yml', '--jsonnet']);
  assert.equal(r.code, 0, r.stderr);
  for (const f of ['jn/ecsx.jsonnet', 'jn/ecs-task-def.jsonnet', 'jn/ecs-service-def.jsonnet']) assert.ok(existsSync(join(c.dir, f)), f);
  assert.match(read('jn/ecsx.jsonnet'), /task_definition: 'ecs-task-def\.jsonnet'|task_definition: "ecs-task-def\.jsonnet"/);
  const rendered = await c.ecsx(['render', 'taskdef', '--config', 'jn/ecsx.jsonnet']);
  assert.equal(rendered.code, 0, rendered.stderr);
  assert.equal(JSON.parse(rendered.stdout).family, 'app');
});

test('usage errors and a missing service are exit 2', async () => {
  for (const args of [['init'], ['init', '--service', 'app', '--task-definition', 'app:1']]) {
    const r = await c.ecsx([...args, '--config', 'x/ecsx.yml']);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /init needs exactly one of --service and --task-definition/);
  }
  const missing = await c.ecsx(['init', '--service', 'nope', '--config', 'x/ecsx.yml']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /service nope not found in cluster default/);
  assert.ok(!existsSync(join(c.dir, 'x')));
});
