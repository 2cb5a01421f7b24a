// ecspresso's own fixtures (../shared/compat/ecspresso) must load and render in ecsx to the values
// ecspresso's tests expect (reference/ecspresso.md §4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';
import { loadDefinition } from '../../src/config/load-definitions.js';
import { UserInputError } from '../../src/errors.js';

const root = fileURLToPath(new URL('../../../shared/compat/ecspresso/', import.meta.url));
const tests = join(root, 'tests');
const baseEnv = { TAG: 'testing', JSON: '{"foo":"bar"}', AWS_REGION: 'ap-northeast-1', PWD: root };
const load = (config: string, env: Record<string, string> = {}, extra: object = {}) =>
  loadConfig({ config, cwd: root, env: { ...baseEnv, ...env }, version: '0.1.0', ...extra });

const IMAGE = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:testing';

for (const name of ['ecspresso.yml', 'ecspresso.yaml', 'ecspresso.json', 'ecspresso.jsonnet', 'config_abs.yaml', 'config_multiple_plugins.yaml']) {
  test(`${name}: config, service and task definitions as ecspresso loads them`, async () => {
    const loaded = await load(`tests/${name}`);
    const c = loaded.config;
    assert.equal(`${c.service}/${c.cluster}`, 'test/default');
    assert.equal(c.timeoutMs, 10 * 60 * 1000);
    assert.equal(c.region, 'ap-northeast-1');
    const sv = (await loadDefinition(loaded, 'service')).value;
    assert.equal(sv.networkConfiguration.awsvpcConfiguration.securityGroups[0], 'sg-12345678');
    assert.equal(sv.networkConfiguration.awsvpcConfiguration.subnets[0], 'subnet-07ac54af5e41a4fc4');
    assert.deepEqual(sv.deploymentConfiguration.deploymentCircuitBreaker, { enable: true, rollback: true });
    // ignore.tags drops "ecspresso:ignore": one tag left.
    assert.deepEqual(sv.tags, [{ key: 'Name', value: 'test' }]);
    const td = (await loadDefinition(loaded, 'task')).value;
    assert.equal(td.containerDefinitions[0].image, IMAGE);
    assert.deepEqual(td.containerDefinitions[0].environment[0], { name: 'JSON', value: '{"foo":"bar"}' });
    assert.deepEqual(td.tags, [{ key: 'Name', value: 'test' }]);
    if (name === 'config_multiple_plugins.yaml') {
      assert.match(td.containerDefinitions[0].environment[1].value, /^s3:\/\/.+\/$/);
    }
  });
}

test('test.yaml + sv.json: service definition values', async () => {
  const loaded = await load('tests/test.yaml');
  assert.equal(loaded.config.timeoutMs, 300_000);
  const sv = (await loadDefinition(loaded, 'service')).value;
  assert.equal(sv.serviceName, 'test');
  assert.equal(sv.desiredCount, 2);
  assert.equal(sv.loadBalancers[0].targetGroupArn, 'arn:aws:elasticloadbalancing:us-east-1:1111111111:targetgroup/test/12345678');
  assert.equal(sv.launchType, 'EC2');
  assert.equal(sv.schedulingStrategy, 'REPLICA');
  assert.equal(sv.propagateTags, 'SERVICE');
  assert.deepEqual(sv.tags, [{ key: 'cluster', value: 'default2' }]);
  assert.equal(sv.deploymentConfiguration.maximumPercent, 200);
  assert.equal(sv.deploymentConfiguration.minimumHealthyPercent, 50);
  assert.deepEqual(sv.deploymentConfiguration.alarms.alarmNames, ['HighResponseLatencyAlarm']);
});

test('config_duplicate_plugins.yaml: two tfstate plugins without func_prefix is an error', async () => {
  await assert.rejects(load('tests/config_duplicate_plugins.yaml'), (e: unknown) => {
    assert.ok(e instanceof UserInputError);
    assert.match((e as Error).message, /already exists\. set func_prefix to tfstate plugin$/);
    return true;
  });
});

test('notimeout.yml: default timeout 10m and region from AWS_REGION', async () => {
  const loaded = await load('tests/notimeout.yml', { AWS_REGION: 'ap-northeast-2' });
  assert.equal(loaded.config.timeoutMs, 600_000);
  assert.equal(loaded.config.region, 'ap-northeast-2');
});

for (const ext of ['yml', 'json', 'jsonnet']) {
  test(`config_codedeploy.${ext}`, async () => {
    const { config } = await load(`tests/config_codedeploy.${ext}`);
    assert.deepEqual(config.codedeploy, { application_name: 'myapp', deployment_group_name: 'mydeployment', deployment_config_name: 'myConfigName' });
  });
}

test('filter_command: --filter-command overrides the config (and the config key warns)', async () => {
  const warnings: string[] = [];
  assert.equal((await load('tests/filter_command.yml', {}, { warn: (m: string) => warnings.push(m) })).config.filterCommand, 'fzf');
  assert.ok(warnings.some((w) => /filter_command/.test(w)));
  for (const want of ['peco', 'fzf']) {
    assert.equal((await load('tests/test.yaml', {}, { filterCommand: want })).config.filterCommand, want);
  }
});

test('td-config.yml + td.jsonnet: Jsonnet with ext-str / ext-code and a libsonnet import', async () => {
  const loaded = await load('tests/td-config.yml', {}, { extStr: { WorkerID: '3' }, extCode: { EphemeralStorage: '24 + 1' } });
  const td = (await loadDefinition(loaded, 'task', { file: join(tests, 'td.jsonnet') })).value;
  assert.equal(td.ephemeralStorage.sizeInGiB, 25);
  assert.equal(td.containerDefinitions[0].dockerLabels.name, 'katsubushi');
  assert.deepEqual(td.containerDefinitions[0].environment, [{ name: 'worker_id', value: '3' }]);
  assert.equal(td.containerDefinitions[0].image, 'katsubushi/katsubushi:testing');
  assert.equal(td.containerDefinitions[0].logConfiguration.options['awslogs-stream-prefix'], 'katsubushi');
  assert.equal(td.tags, undefined); // empty tags: [] → absent
});

for (const [file, tagged] of [['td.json', false], ['td-plain.json', false], ['td-in-tags.json', true], ['td-plain-in-tags.json', true]] as const) {
  test(`${file}: ${tagged ? 'keeps its tags' : 'empty tags become absent'}`, async () => {
    const loaded = await load('tests/td-config.yml');
    const td = (await loadDefinition(loaded, 'task', { file: join(tests, file) })).value;
    assert.equal(td.family, 'katsubushi');
    assert.equal(td.containerDefinitions[0].logConfiguration.options['awslogs-group'], 'fargate');
    if (tagged) assert.ok(Array.isArray(td.tags) && td.tags.length > 0);
    else assert.equal(td.tags, undefined);
  });
}

test('config_tfstate_in_config.{yaml,json,jsonnet}: plugin functions in top-level keys', async () => {
  // The fixture's tfstate (v2.6.0) lacks aws_ecs_cluster.main; add it, as upstream's later state has.
  const dir = mkdtempSync(join(tmpdir(), 'ecsx-compat-'));
  cpSync(tests, dir, { recursive: true });
  const state = JSON.parse(readFileSync(join(tests, 'terraform.tfstate'), 'utf8'));
  state.resources.push({ mode: 'managed', type: 'aws_ecs_cluster', name: 'main', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes: { name: 'test-cluster' } }] });
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
  for (const ext of ['yaml', 'json', 'jsonnet']) {
    const { config } = await loadConfig({ config: join(dir, `config_tfstate_in_config.${ext}`), cwd: dir, env: baseEnv, version: '0.1.0' });
    assert.equal(`${config.service}/${config.cluster}`, 'test/test-cluster', ext);
  }
});

test('run-with-sv.yaml / run-without-sv.yaml load', async () => {
  assert.equal((await load('tests/run-with-sv.yaml')).config.service, 'test');
  assert.equal((await load('tests/run-without-sv.yaml')).config.service, undefined);
});

test('sv-monitoring.json: monitoring metric configuration', async () => {
  const loaded = await load('tests/test.yaml');
  const sv = (await loadDefinition(loaded, 'service', { file: join(tests, 'sv-monitoring.json') })).value;
  const mc = sv.monitoring.metricConfigurations[0];
  assert.deepEqual(mc.metricNames, ['CPUUtilization', 'MemoryUtilization']);
  assert.equal(mc.resolutionSeconds, 20);
});
