// appspec: the document matches ecspresso's AppSpec fixture; the action resolves latest/current.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { appspec, buildAppSpec } from '../../../src/actions/appspec.js';
import type { LoadedConfig } from '../../../src/config/load.js';
import { MemoryIoHost } from '../../../src/io/hosts.js';
import { SecretRegistry } from '../../../src/plugins/index.js';
import { FakeClock, fakeClients } from './fakes.js';

const fixture = parse(readFileSync('/work/shared/compat/ecspresso/appspec/test.yml', 'utf8'));

describe('buildAppSpec', () => {
  it("equals ecspresso's fixture for the same service", () => {
    const spec = buildAppSpec(
      'arn:aws:ecs:us-east-1:111222333444:task-definition/my-task-definition-family-name:1',
      {
        loadBalancers: [{ containerName: 'SampleApplicationName', containerPort: 80 }],
        platformVersion: 'LATEST',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1234abcd', 'subnet-5678abcd'], securityGroups: ['sg-12345678'], assignPublicIp: 'ENABLED' } },
        capacityProviderStrategy: [
          { base: 1, capacityProvider: 'FARGATE_SPOT', weight: 2 },
          { base: 0, capacityProvider: 'FARGATE', weight: 1 },
        ],
      },
      { Hooks: fixture.Hooks },
    );
    assert.deepEqual(spec, fixture);
  });
  it('a service without load balancer or network gives only the task definition', () => {
    assert.deepEqual(buildAppSpec('arn:td', {}).Resources[0]!.TargetService.Properties, { TaskDefinition: 'arn:td' });
  });
});

describe('appspec action', () => {
  const loaded: LoadedConfig = {
    config: { file: '/w/ecsx.yml', dir: '/w', cluster: 'default', service: 'web', timeoutMs: 0, plugins: [], ignore: { tags: [] }, rendered: {} },
    evaluator: {} as LoadedConfig['evaluator'],
    secrets: new SecretRegistry(),
    aws: { region: 'us-east-1' },
  };
  const clients = fakeClients((op) => {
    if (op === 'DescribeServices') return { services: [{ status: 'ACTIVE', taskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/web:3', platformVersion: 'LATEST' }] };
    if (op === 'ListTaskDefinitions') return { taskDefinitionArns: ['arn:aws:ecs:us-east-1:1:task-definition/web:4', 'arn:aws:ecs:us-east-1:1:task-definition/web:3'] };
    throw new Error(op);
  });
  it('latest is the newest revision; current the service\'s; YAML by default', async () => {
    const io = new MemoryIoHost();
    const latest = await appspec({ io, clock: new FakeClock(), clients }, loaded, {});
    assert.equal(latest.Resources[0]!.TargetService.Properties.TaskDefinition, 'arn:aws:ecs:us-east-1:1:task-definition/web:4');
    assert.match(io.results(), /^version: "0\.0"\nResources:\n {2}- TargetService:\n {6}Type: AWS::ECS::Service/);
    const current = await appspec({ io, clock: new FakeClock(), clients }, loaded, { taskDefinition: 'current', json: true });
    assert.equal(current.Resources[0]!.TargetService.Properties.TaskDefinition, 'arn:aws:ecs:us-east-1:1:task-definition/web:3');
  });
});
