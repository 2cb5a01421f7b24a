/** Key normalisation, removal rules and warnings (ecspresso's UnmarshalJSONForStruct + MarshalJSONForAPI). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseExpressDefinition,
  parseServiceDefinition,
  parseTaskDefinition,
  parseTaskOverride,
  withServiceName,
  type DefinitionOptions,
  type DefinitionSource,
} from '../../../src/definitions/index.js';

type Parse = (src: DefinitionSource, opts?: DefinitionOptions) => unknown;
/** Parses `value` (JSON-stringified) and returns the result with the warnings. */
function run(parse: Parse, value: unknown): { out: unknown; warnings: string[] } {
  const warnings: string[] = [];
  const out = parse({ file: 'd.json', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) }, { warn: (m) => warnings.push(m) });
  return { out, warnings };
}

const cases: Array<{ name: string; parse: Parse; input: unknown; output: unknown; warnings?: RegExp[] }> = [
  {
    name: 'first-letter upper-case keys (ecspresso style) become API names',
    parse: parseTaskDefinition,
    input: { Family: 'a', ContainerDefinitions: [{ Name: 'app', PortMappings: [{ ContainerPort: 80 }], Essential: true }], NetworkMode: 'awsvpc' },
    output: { family: 'a', containerDefinitions: [{ name: 'app', portMappings: [{ containerPort: 80 }], essential: true }], networkMode: 'awsvpc' },
  },
  {
    name: 'any case matches (Go matches field names case-insensitively)',
    parse: parseTaskDefinition,
    input: { FAMILY: 'a', containerdefinitions: [{ NAME: 'x' }], EphemeralStorage: { SIZEINGIB: 21 } },
    output: { family: 'a', containerDefinitions: [{ name: 'x' }], ephemeralStorage: { sizeInGiB: 21 } },
  },
  {
    name: 'map keys are user data: dockerLabels, options, driverOpts, labels, firelens options kept verbatim',
    parse: parseTaskDefinition,
    input: {
      family: 'a',
      ContainerDefinitions: [{
        DockerLabels: { Name: 'x', 'com.Example': 'y' },
        LogConfiguration: { LogDriver: 'awslogs', Options: { 'Awslogs-Group': 'g' }, SecretOptions: [{ Name: 'N', ValueFrom: 'v' }] },
        FirelensConfiguration: { Type: 'fluentbit', Options: { 'Enable-ECS-Log-Metadata': 'true' } },
      }],
      Volumes: [{ Name: 'v', DockerVolumeConfiguration: { DriverOpts: { Type: 'nfs' }, Labels: { Owner: 'me' } } }],
    },
    output: {
      family: 'a',
      containerDefinitions: [{
        dockerLabels: { Name: 'x', 'com.Example': 'y' },
        logConfiguration: { logDriver: 'awslogs', options: { 'Awslogs-Group': 'g' }, secretOptions: [{ name: 'N', valueFrom: 'v' }] },
        firelensConfiguration: { type: 'fluentbit', options: { 'Enable-ECS-Log-Metadata': 'true' } },
      }],
      volumes: [{ name: 'v', dockerVolumeConfiguration: { driverOpts: { Type: 'nfs' }, labels: { Owner: 'me' } } }],
    },
  },
  {
    name: 'nulls and empty arrays are removed; empty objects and empty strings stay',
    parse: parseTaskDefinition,
    input: { family: 'a', taskRoleArn: null, volumes: [], containerDefinitions: [{ name: 'x', environment: [], command: [''], dockerLabels: { a: null, b: '' }, linuxParameters: {} }] },
    output: { family: 'a', containerDefinitions: [{ name: 'x', command: [''], dockerLabels: { b: '' }, linuxParameters: {} }] },
  },
  {
    name: 'describe-task-definition output: wrapper unwrapped, sibling tags kept, read-only fields dropped silently',
    parse: parseTaskDefinition,
    input: {
      taskDefinition: {
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/a:3', revision: 3, status: 'ACTIVE',
        requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }], compatibilities: ['EC2', 'FARGATE'],
        registeredAt: '2024-01-01T00:00:00Z', registeredBy: 'arn:aws:iam::123456789012:user/me', deregisteredAt: 1700000000, deleteRequestedAt: null,
        family: 'a', containerDefinitions: [{ name: 'x' }],
      },
      tags: [{ key: 'k', value: 'v' }],
    },
    output: { family: 'a', containerDefinitions: [{ name: 'x' }], tags: [{ key: 'k', value: 'v' }] },
  },
  {
    name: 'wrapper key in another case, empty sibling tags',
    parse: parseTaskDefinition,
    input: { TaskDefinition: { family: 'a', containerDefinitions: [{}] }, Tags: [] },
    output: { family: 'a', containerDefinitions: [{}] },
  },
  {
    name: 'inner tags win over sibling tags, with a warning',
    parse: parseTaskDefinition,
    input: { taskDefinition: { family: 'a', containerDefinitions: [{}], tags: [{ key: 'in' }] }, tags: [{ key: 'out' }] },
    output: { family: 'a', containerDefinitions: [{}], tags: [{ key: 'in' }] },
    warnings: [/^d\.json:\d+:\d+: top-level tags are ignored: taskDefinition has its own tags$/],
  },
  {
    name: 'other fields next to the wrapper are ignored with a warning',
    parse: parseTaskDefinition,
    input: { taskDefinition: { family: 'a', containerDefinitions: [{}] }, ResponseMetadata: {} },
    output: { family: 'a', containerDefinitions: [{}] },
    warnings: [/: field "ResponseMetadata" next to taskDefinition is ignored$/],
  },
  {
    name: 'unknown fields: warned with file:line:col and a suggestion, then dropped',
    parse: parseTaskDefinition,
    input: { family: 'a', containerDefinitions: [{ name: 'x', portMapping: [{ containerPort: 80 }], foo: 1 }] },
    output: { family: 'a', containerDefinitions: [{ name: 'x' }] },
    warnings: [
      /^d\.json:6:7: unknown field "portMapping" in containerDefinitions\[0\] \(did you mean "portMappings"\?\); ignored$/,
      /^d\.json:11:7: unknown field "foo" in containerDefinitions\[0\]; ignored$/,
    ],
  },
  {
    name: 'duplicate keys (also by case): warned, the last one wins',
    parse: parseTaskDefinition,
    input: '{"family": "a", "Family": "b", "containerDefinitions": [{"dockerLabels": {"k": "1", "k": "2"}}]}',
    output: { family: 'b', containerDefinitions: [{ dockerLabels: { k: '2' } }] },
    warnings: [/^d\.json:1:17: duplicate field "Family" \(also written "family"\); the last one wins$/, /^d\.json:1:85: containerDefinitions\[0\]\.dockerLabels: duplicate key "k"; the last one wins$/],
  },
  {
    name: 'deprecated members are warned about',
    parse: parseTaskDefinition,
    input: { family: 'a', containerDefinitions: [{}], inferenceAccelerators: [{ deviceName: 'd', deviceType: 'eia2.medium' }] },
    output: { family: 'a', containerDefinitions: [{}], inferenceAccelerators: [{ deviceName: 'd', deviceType: 'eia2.medium' }] },
    warnings: [/field "inferenceAccelerators" is deprecated in the ECS API$/],
  },
  {
    name: 'service: describe-services output fields dropped silently, serviceName too',
    parse: parseServiceDefinition,
    input: {
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/c/s', serviceName: 'other', clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/c',
      status: 'ACTIVE', runningCount: 2, pendingCount: 0, events: [{ message: 'x' }], deployments: [{ status: 'PRIMARY' }],
      createdAt: '2024-01-01T00:00:00Z', createdBy: 'me', roleArn: 'arn:aws:iam::123456789012:role/r', taskSets: [], platformFamily: 'Linux',
      desiredCount: 2, launchType: 'FARGATE', taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/a:1',
    },
    output: { desiredCount: 2, launchType: 'FARGATE', taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/a:1' },
  },
  {
    name: 'service: cluster is ignored with a warning; CreateService-only fields accepted',
    parse: parseServiceDefinition,
    input: { cluster: 'x', serviceConnectConfiguration: { enabled: false }, volumeConfigurations: [{ name: 'v' }], vpcLatticeConfigurations: [], role: 'r' },
    output: { serviceConnectConfiguration: { enabled: false }, volumeConfigurations: [{ name: 'v' }], role: 'r' },
    warnings: [/^d\.json:2:3: field "cluster" in a service definition is ignored; the cluster comes from the config$/],
  },
  {
    name: 'service: unknown nested field in deploymentConfiguration',
    parse: parseServiceDefinition,
    input: { deploymentConfiguration: { maximumPercent: 200, bakeTimeInMinute: 5, deploymentCircuitBreaker: { enable: true, rollback: true } } },
    output: { deploymentConfiguration: { maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } } },
    warnings: [/unknown field "bakeTimeInMinute" in deploymentConfiguration \(did you mean "bakeTimeInMinutes"\?\); ignored$/],
  },
  {
    name: 'service: lifecycle hook details are free-form JSON (a document shape)',
    parse: parseServiceDefinition,
    input: { deploymentConfiguration: { strategy: 'BLUE_GREEN', lifecycleHooks: [{ hookTargetArn: 'arn', roleArn: 'arn:r', lifecycleStages: ['POST_SCALE_UP'], hookDetails: { Any: [1, null, { x: true }] } }] } },
    output: { deploymentConfiguration: { strategy: 'BLUE_GREEN', lifecycleHooks: [{ hookTargetArn: 'arn', roleArn: 'arn:r', lifecycleStages: ['POST_SCALE_UP'], hookDetails: { Any: [1, null, { x: true }] } }] } },
  },
  {
    name: 'express: full definition in ecspresso case style',
    parse: parseExpressDefinition,
    input: {
      InfrastructureRoleArn: 'arn:aws:iam::123456789012:role/infra', ExecutionRoleArn: 'arn:aws:iam::123456789012:role/exec',
      PrimaryContainer: { Image: 'nginx:1.27', ContainerPort: 8080, Environment: [{ Name: 'A', Value: '1' }], Secrets: [], AwsLogsConfiguration: { LogGroup: 'g', LogStreamPrefix: 'ecs' } },
      NetworkConfiguration: { Subnets: ['subnet-1'], SecurityGroups: [] }, Cpu: '256', Memory: '512', HealthCheckPath: '/health',
      ScalingTarget: { MinTaskCount: 1, MaxTaskCount: 4, AutoScalingMetric: 'AVERAGE_CPU', AutoScalingTargetValue: 60 }, Tags: [{ Key: 'app', Value: 'web' }],
    },
    output: {
      infrastructureRoleArn: 'arn:aws:iam::123456789012:role/infra', executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
      primaryContainer: { image: 'nginx:1.27', containerPort: 8080, environment: [{ name: 'A', value: '1' }], awsLogsConfiguration: { logGroup: 'g', logStreamPrefix: 'ecs' } },
      networkConfiguration: { subnets: ['subnet-1'] }, cpu: '256', memory: '512', healthCheckPath: '/health',
      scalingTarget: { minTaskCount: 1, maxTaskCount: 4, autoScalingMetric: 'AVERAGE_CPU', autoScalingTargetValue: 60 }, tags: [{ key: 'app', value: 'web' }],
    },
  },
  {
    name: 'express: serviceName and cluster are ignored with warnings; taskDefinitionArn alone is enough',
    parse: parseExpressDefinition,
    input: { serviceName: 'x', cluster: 'c', infrastructureRoleArn: 'arn:r', taskDefinitionArn: 'arn:td', healthCheckPath: '/' },
    output: { infrastructureRoleArn: 'arn:r', taskDefinitionArn: 'arn:td', healthCheckPath: '/' },
    warnings: [/^d\.json:2:3: field "serviceName" in an express definition is ignored; it comes from the config$/, /^d\.json:3:3: field "cluster" /],
  },
  {
    name: 'run --overrides: a TaskOverride, keys normalised',
    parse: parseTaskOverride,
    input: { ContainerOverrides: [{ Name: 'app', Command: ['echo', 'hi'], Environment: [{ Name: 'A', Value: 'b' }] }], Cpu: '512' },
    output: { containerOverrides: [{ name: 'app', command: ['echo', 'hi'], environment: [{ name: 'A', value: 'b' }] }], cpu: '512' },
  },
];

for (const c of cases) {
  test(c.name, () => {
    const { out, warnings } = run(c.parse, c.input);
    assert.deepEqual(out, c.output);
    assert.equal(warnings.length, c.warnings?.length ?? 0, warnings.join('\n'));
    c.warnings?.forEach((re, i) => assert.match(warnings[i]!, re));
  });
}

test('timestamps in read-only output are accepted in either form and dropped', () => {
  const { out } = run(parseTaskDefinition, { family: 'a', containerDefinitions: [{}], registeredAt: 1.7e9 });
  assert.deepEqual(out, { family: 'a', containerDefinitions: [{}] });
});

test('a byte-order mark is tolerated and columns stay right', () => {
  const warnings: string[] = [];
  parseServiceDefinition({ file: 's.json', text: '\uFEFF{"desiredCount": 1, "x": 2}' }, { warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings, ['s.json:1:21: unknown field "x"; ignored']);
});

test('warn receives the position separately too', () => {
  const seen: unknown[] = [];
  parseServiceDefinition({ file: 's.json', text: '{\n  "bogus": 1\n}' }, { warn: (_m, pos) => seen.push(pos) });
  assert.deepEqual(seen, [{ file: 's.json', line: 2, col: 3 }]);
});

test('withServiceName sets the name from the config and keeps the rest', () => {
  const def = parseServiceDefinition({ file: 's.json', text: '{"serviceName": "ignored", "desiredCount": 3}' });
  assert.deepEqual(withServiceName(def, 'web'), { desiredCount: 3, serviceName: 'web' });
  assert.deepEqual(def, { desiredCount: 3 });
});

test('a missing desiredCount stays undefined (leave the count unchanged)', () => {
  const def = parseServiceDefinition({ file: 's.json', text: '{"launchType": "FARGATE"}' });
  assert.equal(def.desiredCount, undefined);
  assert.equal('desiredCount' in def, false);
});

test('a map key named __proto__ stays a plain data key', () => {
  const td = parseTaskDefinition({ file: 't.json', text: '{"family": "a", "containerDefinitions": [{"dockerLabels": {"__proto__": "x"}}]}' });
  const labels = td.containerDefinitions![0]!.dockerLabels!;
  assert.equal(Object.getPrototypeOf(labels), Object.prototype);
  assert.deepEqual(Object.keys(labels), ['__proto__']);
});

test('a top-level $schema key (editor hint) is ignored silently, wrapped or not', () => {
  for (const text of [
    '{"$schema": "../schemas/task-definition.schema.json", "family": "a", "containerDefinitions": [{}]}',
    '{"$schema": "x", "taskDefinition": {"family": "a", "containerDefinitions": [{}]}}',
  ]) {
    const { out, warnings } = run(parseTaskDefinition, text);
    assert.deepEqual(out, { family: 'a', containerDefinitions: [{}] });
    assert.deepEqual(warnings, []);
  }
  assert.deepEqual(run(parseServiceDefinition, { $schema: 'x', desiredCount: 1 }), { out: { desiredCount: 1 }, warnings: [] });
});
