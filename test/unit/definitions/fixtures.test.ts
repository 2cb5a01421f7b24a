/**
 * ecspresso's own definition fixtures (../shared/compat/ecspresso/tests) load to the values its
 * Go tests expect (ecspresso.md §4). Template actions inside JSON strings are either left as they
 * are (still valid JSON) or replaced by a simple substitution here; the config loader's tests
 * cover real rendering end to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  parseServiceDefinition,
  parseTaskDefinition,
  withServiceName,
  type DefinitionSource,
  type TaskDefinitionInput,
} from '../../../src/definitions/index.js';

const dir = fileURLToPath(new URL('../../../../shared/compat/ecspresso/tests/', import.meta.url));
const read = (name: string, subst: Record<string, string> = {}): DefinitionSource => {
  let text = readFileSync(dir + name, 'utf8');
  for (const [from, to] of Object.entries(subst)) text = text.split(from).join(to);
  return { file: name, text };
};
/** Parses and fails on any warning: these files are all valid. */
function quiet<T>(parse: (src: DefinitionSource, o: { warn(m: string): void }) => T, src: DefinitionSource): T {
  const warnings: string[] = [];
  const v = parse(src, { warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings, [], `${src.file}: unexpected warnings`);
  return v;
}
const TAG = { '{{ env `TAG` `latest` }}': 'latest' };

const tdFiles = ['td.json', 'td-plain.json', 'td-in-tags.json', 'td-plain-in-tags.json'] as const;
const tds = Object.fromEntries(tdFiles.map((f) => [f, quiet(parseTaskDefinition, read(f, TAG))])) as Record<(typeof tdFiles)[number], TaskDefinitionInput>;

test('td*.json: wrapped or plain, the same family and containers', () => {
  for (const f of tdFiles) {
    const td = tds[f];
    assert.equal(td.family, 'katsubushi', f);
    assert.deepEqual(td.containerDefinitions, tds['td.json'].containerDefinitions, f);
    assert.equal(td.cpu, '1024');
    assert.equal(td.memory, '2048');
    assert.equal(td.networkMode, 'awsvpc');
    assert.deepEqual(td.requiresCompatibilities, ['FARGATE']);
    assert.deepEqual(td.ephemeralStorage, { sizeInGiB: 25 });
    assert.equal(td.proxyConfiguration?.properties?.length, 7);
  }
});

test('td*.json: status and other describe-output fields are dropped silently', () => {
  for (const f of tdFiles) assert.equal((tds[f] as unknown as Record<string, unknown>).status, undefined, f);
});

test('td.json / td-plain.json: empty tags → absent; *-in-tags.json keep their tags', () => {
  assert.equal(tds['td.json'].tags, undefined);
  assert.equal(tds['td-plain.json'].tags, undefined);
  assert.deepEqual(tds['td-in-tags.json'].tags, [{ key: 'TagKey', value: 'TagValue' }]);
  assert.deepEqual(tds['td-plain-in-tags.json'].tags, [{ key: 'TagKey', value: 'TagValue' }]);
});

test('td.json: container details, map keys verbatim, empty arrays removed', () => {
  const td = tds['td.json'];
  const c = td.containerDefinitions![0]!;
  assert.equal(c.image, 'katsubushi/katsubushi:latest');
  assert.deepEqual(c.dockerLabels, { name: 'katsubushi' });
  assert.deepEqual(c.logConfiguration, {
    logDriver: 'awslogs',
    options: { 'awslogs-group': 'fargate', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'katsubushi' },
  });
  assert.deepEqual(c.environment, [{ name: 'worker_id', value: '3' }]);
  assert.deepEqual(c.portMappings, [{ protocol: 'tcp', containerPort: 11212, hostPort: 11212 }]);
  assert.deepEqual(c.ulimits, [{ softLimit: 100000, name: 'nofile', hardLimit: 100000 }]);
  assert.equal(c.cpu, 256);
  assert.equal(c.memory, 16);
  assert.equal(c.essential, true);
  for (const k of ['mountPoints', 'volumesFrom'] as const) assert.equal(c[k], undefined, k);
  for (const k of ['placementConstraints', 'volumes', 'tags'] as const) assert.equal(td[k], undefined, k);
});

test('td.json: the template action survives when not substituted (it is just a string)', () => {
  const td = quiet(parseTaskDefinition, read('td.json'));
  assert.equal(td.containerDefinitions![0]!.image, 'katsubushi/katsubushi:{{ env `TAG` `latest` }}');
});

test('run-test-td.json: family test', () => {
  assert.equal(quiet(parseTaskDefinition, read('run-test-td.json')).family, 'test');
});

test('sv.json with the config of test.yaml (service: test)', () => {
  const sv = withServiceName(quiet(parseServiceDefinition, read('sv.json')), 'test');
  assert.equal(sv.serviceName, 'test');
  assert.equal(sv.desiredCount, 2);
  assert.equal(sv.loadBalancers?.[0]?.targetGroupArn, 'arn:aws:elasticloadbalancing:us-east-1:1111111111:targetgroup/test/12345678');
  assert.equal(sv.launchType, 'EC2');
  assert.equal(sv.schedulingStrategy, 'REPLICA');
  assert.equal(sv.propagateTags, 'SERVICE');
  assert.deepEqual(sv.tags, [{ key: 'cluster', value: 'default2' }]);
  assert.equal(sv.deploymentConfiguration?.maximumPercent, 200);
  assert.equal(sv.deploymentConfiguration?.minimumHealthyPercent, 50);
  assert.deepEqual(sv.deploymentConfiguration?.alarms?.alarmNames, ['HighResponseLatencyAlarm']);
  assert.deepEqual(sv.deploymentConfiguration?.deploymentCircuitBreaker, { enable: true, rollback: true });
  assert.equal(sv.networkConfiguration?.awsvpcConfiguration?.assignPublicIp, 'ENABLED');
});

test('sv-monitoring.json: monitoring metric names and resolution 20', () => {
  const sv = quiet(parseServiceDefinition, read('sv-monitoring.json'));
  assert.deepEqual(sv.monitoring, { metricConfigurations: [{ metricNames: ['CPUUtilization', 'MemoryUtilization'], resolutionSeconds: 20 }] });
  assert.equal(sv.desiredCount, 1);
  assert.equal(sv.launchType, 'FARGATE');
});

test('ecs-service-def.json: circuit breaker, tags, empty lists removed', () => {
  const sv = quiet(parseServiceDefinition, read('ecs-service-def.json', {
    '{{ tfstate `aws_subnet.private-a.id` }}': 'subnet-07ac54af5e41a4fc4',
    "{{ tfstatef `data.aws_security_group.default['%s'].id` `first` }}": 'sg-12345678',
  }));
  assert.deepEqual(sv.deploymentConfiguration?.deploymentCircuitBreaker, { enable: true, rollback: true });
  assert.equal(sv.desiredCount, 1);
  assert.equal(sv.enableECSManagedTags, false);
  assert.deepEqual(sv.networkConfiguration?.awsvpcConfiguration?.subnets, ['subnet-07ac54af5e41a4fc4']);
  assert.deepEqual(sv.networkConfiguration?.awsvpcConfiguration?.securityGroups, ['sg-12345678']);
  assert.deepEqual(sv.tags?.map((t) => t.key), ['Name', 'ecspresso:ignore']); // `ignore` is the config loader's job
  for (const k of ['loadBalancers', 'placementConstraints', 'placementStrategy', 'serviceRegistries'] as const) assert.equal(sv[k], undefined, k);
});

test('ecs-task-def.json / ecs-task-def-multiple-plugins.json: family app, image from tfstate + TAG', () => {
  const subst = {
    "{{ tfstate `aws_ecr_repository.all['app'].repository_url` }}": '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app',
    '{{ must_env `TAG` }}': 'testing',
    '{{ env `JSON` | json_escape }}': '{\\"foo\\":\\"bar\\"}',
    '{{ bucket_tfstate `aws_s3_bucket.main.bucket` }}': 'bucket',
  };
  for (const f of ['ecs-task-def.json', 'ecs-task-def-multiple-plugins.json']) {
    const td = quiet(parseTaskDefinition, read(f, subst));
    assert.equal(td.family, 'app');
    const c = td.containerDefinitions![0]!;
    assert.equal(c.image, '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:testing');
    assert.deepEqual(c.environment?.[0], { name: 'JSON', value: '{"foo":"bar"}' });
    assert.deepEqual(td.requiresCompatibilities, ['EC2']);
  }
});

test('ci/ecs-service-def-daemon.json: DAEMON, desiredCount stays undefined', () => {
  const sv = quiet(parseServiceDefinition, read('ci/ecs-service-def-daemon.json'));
  assert.deepEqual(sv, { schedulingStrategy: 'DAEMON' });
  assert.equal('desiredCount' in sv, false);
});

test('ci/ecs-task-def-daemon.json: host network, three secrets, empty environment removed', () => {
  const td = quiet(parseTaskDefinition, read('ci/ecs-task-def-daemon.json', { '{{must_env `AWS_ACCOUNT_ID`}}': '123456789012' }));
  assert.equal(td.networkMode, 'host');
  const c = td.containerDefinitions![0]!;
  assert.deepEqual(c.secrets?.map((s) => s.name), ['FOO', 'BAR', 'BAZ']);
  assert.equal(c.environment, undefined);
  assert.equal(c.cpu, 0);
  assert.equal(td.executionRoleArn, 'arn:aws:iam::123456789012:role/ecsTaskRole');
});

test('every plain-JSON definition fixture loads without warnings', () => {
  const defs = readdirSync(dir).filter((f) => /^(td|sv|run-test-td|ecs-(task|service)-def).*\.json$/.test(f));
  assert.ok(defs.length >= 10, defs.join(','));
  for (const f of defs) {
    const isService = f.startsWith('sv') || f.startsWith('ecs-service');
    if (isService) quiet(parseServiceDefinition, read(f));
    else quiet(parseTaskDefinition, read(f));
  }
});
