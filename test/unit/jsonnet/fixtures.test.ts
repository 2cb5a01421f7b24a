import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { evaluateFile, JsonnetError, type JsonValue, type JsonnetOptions, type NativeFunction } from '../../../src/jsonnet/index.js';

const TESTS = '/work/shared/compat/ecspresso/tests';

/** Stub ecspresso natives over a fixed environment and a tiny tfstate. */
function natives(env: Record<string, string>): Record<string, NativeFunction> {
  const tfstate: Record<string, JsonValue> = {
    'aws_subnet.private-a.id': 'subnet-0123',
    'data.aws_security_group.default': { a: { id: 'sg-aaa' }, b: { id: 'sg-bbb' } },
    'aws_ecr_repository.all["app"].repository_url': '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app',
    'output.foo': 'FOO',
  };
  const lookup = (addr: JsonValue) => {
    const v = tfstate[String(addr)];
    if (v === undefined) throw new Error(`${String(addr)} is not found in tfstate`);
    return v;
  };
  return {
    env: { params: ['name', 'default'], fn: (n, d) => env[String(n)] || d },
    must_env: {
      params: ['name'],
      fn: (n) => {
        const v = env[String(n)];
        if (v === undefined) throw new Error(`environment variable ${String(n)} is not defined`);
        return v;
      },
    },
    tfstate: { params: ['addr'], fn: lookup },
    local_tfstate: { params: ['addr'], fn: lookup },
    ssm: { params: ['name'], fn: (n) => `ssm:${String(n)}` },
    secretsmanager_arn: { params: ['id'], fn: (id) => `arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:${String(id)}-AbCdEf` },
    jq: { params: ['q'], fn: () => '2024-01-01T00:00:00Z' },
    cat: { params: ['path'], fn: () => 'FOO=bar\n' },
  };
}

const ENV = { AWS_REGION: 'us-east-1', TAG: 'v1.2.3', AWS_ACCOUNT_ID: '123456789012', SERVICE: 'nginx', OPTION: '-g', JSON: '{"a":1}' };
const opts: JsonnetOptions = { nativeFunctions: natives(ENV), extStr: { WorkerID: '3' }, extCode: { EphemeralStorage: '24 + 1' } };
const ev = (p: string, o: JsonnetOptions = opts) => evaluateFile(join(TESTS, p), o) as any;

test('td.jsonnet: import, ext-str and ext-code', () => {
  const td = ev('td.jsonnet');
  assert.equal(td.ephemeralStorage.sizeInGiB, 25);
  assert.equal(td.family, 'katsubushi');
  assert.equal(td.containerDefinitions.length, 1);
  const c = td.containerDefinitions[0];
  assert.equal(c.name, 'katsubushi');
  assert.equal(c.image, 'katsubushi/katsubushi:{{ env `TAG` `latest` }}');
  assert.deepEqual(c.environment, [{ name: 'worker_id', value: '3' }]);
  assert.deepEqual(c.ulimits, [{ hardLimit: 100000, name: 'nofile', softLimit: 100000 }]);
  assert.equal(td.proxyConfiguration.properties.length, 7);
  assert.deepEqual(Object.keys(td), [...Object.keys(td)].sort());
});

test('td.jsonnet agrees with td.json where the fixture is plain data', () => {
  const td = ev('td.jsonnet');
  const json = JSON.parse(readFileSync(join(TESTS, 'td.json'), 'utf8')).taskDefinition;
  assert.deepEqual(td.proxyConfiguration, json.proxyConfiguration);
  assert.equal(td.cpu, json.cpu);
  assert.equal(td.memory, json.memory);
});

test('ecspresso.jsonnet: config with must_env', () => {
  const c = ev('ecspresso.jsonnet');
  assert.equal(c.region, 'us-east-1');
  assert.equal(c.service_definition, 'ecs-service-def.jsonnet');
  assert.deepEqual(c.plugins, [{ name: 'tfstate', config: { path: 'terraform.tfstate' } }]);
  assert.deepEqual(c.ignore, { tags: ['ecspresso:ignore'] });
});

test('sv.jsonnet: locals and object extension', () => {
  const sv = ev('sv.jsonnet');
  assert.deepEqual(sv.deploymentConfiguration, {
    alarms: { alarmNames: ['HighResponseLatencyAlarm'], enable: true, rollback: true },
    deploymentCircuitBreaker: { enable: true, rollback: true },
    maximumPercent: 200,
    minimumHealthyPercent: 50,
  });
  assert.deepEqual(sv.networkConfiguration.awsvpcConfiguration.subnets, ['subnet-abcdef00', 'subnet-abcdef01']);
});

test('ecs-service-def.jsonnet: tfstate native returning an object', () => {
  const sv = ev('ecs-service-def.jsonnet');
  assert.deepEqual(sv.networkConfiguration.awsvpcConfiguration, {
    assignPublicIp: 'ENABLED',
    securityGroups: ['sg-aaa', 'sg-bbb'],
    subnets: ['subnet-0123'],
  });
});

test('ecs-task-def.jsonnet: env, must_env and tfstate', () => {
  const td = ev('ecs-task-def.jsonnet');
  const c = td.containerDefinitions[0];
  assert.equal(c.image, '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:v1.2.3');
  assert.deepEqual(c.environment, [{ name: 'JSON', value: '{"a":1}' }]);
});

test('ecs-task-def.jsonnet: a missing env var is a JsonnetError at the call', () => {
  const o = { ...opts, nativeFunctions: natives({}) };
  assert.throws(() => ev('ecs-task-def.jsonnet', o), (e: unknown) => {
    assert.ok(e instanceof JsonnetError);
    assert.equal(e.message, 'environment variable TAG is not defined');
    assert.equal(e.pos.line, 9);
    return true;
  });
});

test('ci/ecspresso.jsonnet: std.prune drops the optional plugin', () => {
  const c = ev('ci/ecspresso.jsonnet');
  assert.equal(c.service, 'nginx');
  assert.deepEqual(c.plugins, [{ name: 'tfstate', config: { url: './terraform.tfstate' }, func_prefix: 'local_' }]);
  // The fixture calls env() with one argument in the branch taken when TFSTATE_BUCKET is set;
  // like go-jsonnet (native functions have fixed arity), that is an error.
  const withBucket = { ...opts, nativeFunctions: natives({ ...ENV, TFSTATE_BUCKET: 'b' }) };
  assert.throws(() => ev('ci/ecspresso.jsonnet', withBucket), /Missing argument: default/);
});

test('ci/ecs-service-def.jsonnet: conditionals, parseInt, parseJson, % formatting', () => {
  const sv = ev('ci/ecs-service-def.jsonnet');
  assert.equal(sv.desiredCount, 1);
  assert.equal(sv.enableExecuteCommand, true);
  assert.deepEqual(sv.deploymentController, { type: 'ECS' });
  assert.deepEqual(sv.deploymentConfiguration.deploymentCircuitBreaker, { enable: true, rollback: true });
  assert.equal(sv.volumeConfigurations[0].managedEBSVolume.roleArn, 'arn:aws:iam::123456789012:role/ecsInfrastructureRole');
  assert.deepEqual(sv.tags.find((t: any) => t.key === 'envfile_content'), { key: 'envfile_content', value: 'FOO=bar\n' });
  const cd = ev('ci/ecs-service-def.jsonnet', { ...opts, nativeFunctions: natives({ ...ENV, DEPLOYMENT_CONTROLLER: 'CODE_DEPLOY', DESIRED_COUNT: '3' }) });
  assert.equal(cd.deploymentConfiguration.deploymentCircuitBreaker, null);
  assert.equal(cd.volumeConfigurations, null);
  assert.equal(cd.desiredCount, 3);
});

test('ci/ecs-task-def.jsonnet: ssm, local_tfstate, secretsmanager_arn', () => {
  const td = ev('ci/ecs-task-def.jsonnet');
  const [nginx, bash] = td.containerDefinitions;
  assert.equal(nginx.image, 'nginx:latest');
  assert.deepEqual(nginx.environment.map((e: any) => e.value), [
    '{{ ssm `/ecspresso-test/foo` }}',
    'ssm:/ecspresso-test/foo',
    'FOO',
    '{{ secretsmanager_arn `ecspresso-test/baz` }}',
    'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:ecspresso-test/baz-AbCdEf',
  ]);
  assert.equal(nginx.secrets[1].valueFrom, 'arn:aws:ssm:ap-northeast-1:123456789012:parameter/ecspresso-test/bar');
  assert.deepEqual(bash.restartPolicy, { enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 60 });
  assert.deepEqual(td.volumes, [{ configuredAtLaunch: true, name: 'ebs' }]);
});

test('ci/*.jsonnet plain definitions and overrides', () => {
  assert.equal(ev('ci/bash-service.jsonnet').serviceConnectConfiguration.namespace, 'ecspresso-test');
  assert.equal(ev('ci/bash-taskdef.jsonnet').containerDefinitions[0].command.join(' '), 'tail -f /dev/null');
  assert.equal(ev('ci/nginx-service.jsonnet').serviceConnectConfiguration.services[0].timeout.idleTimeoutSeconds, 3600);
  assert.equal(ev('ci/nginx-taskdef.jsonnet').containerDefinitions[0].portMappings[0].appProtocol, 'http');
  assert.deepEqual(ev('ci/overrides.jsonnet'), { containerOverrides: [{ command: ['nginx', '-g'], name: 'nginx' }] });
});

test('jsonnet fixtures match their .json twins', () => {
  for (const [jn, js] of [['sv.jsonnet', 'sv.json'], ['ecspresso.jsonnet', 'ecspresso.json']]) {
    const a = ev(jn);
    const b = JSON.parse(readFileSync(join(TESTS, js), 'utf8'));
    for (const k of Object.keys(b)) {
      if (k === 'region' || k.endsWith('_definition')) continue;
      if (typeof b[k] === 'string' && b[k].includes('{{')) continue;
      assert.deepEqual(a[k], b[k], `${jn}: ${k}`);
    }
  }
});
