/**
 * Express Mode input validation and error answers (express-mode.md §2.2, §2.4), and the
 * bring-your-own task definition path, through the real SDK. Every error code is checked against
 * the operation's modelled errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateExpressGatewayServiceCommand,
  DeleteExpressGatewayServiceCommand,
  DescribeExpressGatewayServiceCommand,
  RegisterTaskDefinitionCommand,
  UpdateExpressGatewayServiceCommand,
  type CreateExpressGatewayServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { account, rejection, startSdkSandbox, type SdkSandbox } from './express-support.js';

const ROLE = `arn:aws:iam::${account}:role/infra`;
const EXEC = `arn:aws:iam::${account}:role/exec`;
let s: SdkSandbox;

const create = (input: Partial<CreateExpressGatewayServiceCommandInput>) =>
  s.ecs.send(new CreateExpressGatewayServiceCommand({ infrastructureRoleArn: ROLE, executionRoleArn: EXEC, primaryContainer: { image: 'nginx:1.27' }, ...input }));

async function fails(p: Promise<unknown>, name: string, message: string | RegExp) {
  const e = await rejection(p);
  assert.equal(e.name, name, e.message);
  if (typeof message === 'string') assert.equal(e.message, message);
  else assert.match(e.message, message);
}

const registerTd = (containers: object[]) =>
  s.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'byo',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '512',
      memory: '1024',
      containerDefinitions: containers as never,
    }),
  );

describe('Express Mode validation', () => {
  before(async () => {
    s = await startSdkSandbox();
    await s.iam.send(new CreateRoleCommand({ RoleName: 'infra', AssumeRolePolicyDocument: '{}' }));
  });
  after(() => s?.stop());

  it('rejects bad Create input with ECS’s errors before provisioning anything', async () => {
    await fails(
      create({ taskDefinitionArn: 'byo:1' }),
      'InvalidParameterException',
      'taskDefinitionArn cannot be provided with primaryContainer, executionRoleArn, taskRoleArn, cpu, or memory.',
    );
    await fails(create({ serviceName: 'c1', cpu: '256', memory: '4096' }), 'ClientException', 'No Fargate configuration exists for given values.');
    await fails(create({ serviceName: 'bad name' }), 'InvalidParameterException', /^Service name can have up to 255 characters/);
    await fails(create({ serviceName: 'sc', scalingTarget: { minTaskCount: 5, maxTaskCount: 2 } }), 'InvalidParameterException', /minTaskCount/);
    await fails(create({ serviceName: 'hc', healthCheckPath: 'health' }), 'InvalidParameterException', /healthCheckPath/);
    await fails(create({ serviceName: 'cl', cluster: 'nope' }), 'ClusterNotFoundException', 'Cluster not found.');
    await fails(
      create({ serviceName: 'sg', networkConfiguration: { securityGroups: ['sg-0123456789abcdef0'] } }),
      'InvalidParameterException',
      "Error retrieving security group information for [sg-0123456789abcdef0]: The security group 'sg-0123456789abcdef0' does not exist (ErrorCode: InvalidGroup.NotFound)",
    );
    await fails(create({ serviceName: 'sn', networkConfiguration: { subnets: ['subnet-0123456789abcdef0'] } }), 'InvalidParameterException', /subnet-0123456789abcdef0/);
    // Nothing was left half-created.
    await fails(s.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: `arn:aws:ecs:us-east-1:${account}:service/default/sg` })), 'ResourceNotFoundException', 'Resource not found.');
    assert.equal((await s.sandbox.client.ecs<{ services: unknown[] }>('/state')).services.length, 0);
    s.assertModelValid();
  });

  it('answers unknown, duplicate and malformed service ARNs as ECS does', async () => {
    const unknown = `arn:aws:ecs:us-east-1:${account}:service/default/ghost`;
    await fails(s.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: unknown })), 'ResourceNotFoundException', 'Resource not found.');
    await fails(s.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: unknown })), 'ServiceNotFoundException', 'Service not found.');
    await fails(s.ecs.send(new UpdateExpressGatewayServiceCommand({ serviceArn: unknown, cpu: '2048' })), 'ServiceNotFoundException', 'Service not found.');
    await fails(s.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: 'ghost' })), 'InvalidParameterException', /Invalid service ARN/);
    await create({ serviceName: 'twice' });
    await fails(create({ serviceName: 'twice' }), 'InvalidParameterException', 'Creation of service was not idempotent.');
    await fails(
      s.ecs.send(new UpdateExpressGatewayServiceCommand({ serviceArn: `arn:aws:ecs:us-east-1:${account}:service/default/twice`, primaryContainer: { image: 'nginx' }, taskDefinitionArn: 'byo:1' })),
      'InvalidParameterException',
      'taskDefinitionArn cannot be provided with primaryContainer, executionRoleArn, taskRoleArn, cpu, or memory.',
    );
    s.assertModelValid();
  });

  it('a customer task definition needs a Main container with one named TCP port; then Express uses it as is', async () => {
    const bad = await registerTd([{ name: 'app', image: 'nginx', portMappings: [{ containerPort: 80, name: 'web' }] }]);
    await fails(
      s.ecs.send(new CreateExpressGatewayServiceCommand({ serviceName: 'byo', infrastructureRoleArn: ROLE, taskDefinitionArn: bad.taskDefinition!.taskDefinitionArn })),
      'InvalidParameterException',
      "Task definition must contain a container named 'Main' with a single TCP port mapping.",
    );
    const good = await registerTd([{ name: 'Main', image: 'nginx', portMappings: [{ containerPort: 8080, name: 'http' }] }]);
    const out = await s.ecs.send(new CreateExpressGatewayServiceCommand({ serviceName: 'byo', infrastructureRoleArn: ROLE, taskDefinitionArn: good.taskDefinition!.taskDefinitionArn }));
    const cfg = out.service!.activeConfigurations![0]!;
    assert.equal(cfg.taskDefinitionArn, good.taskDefinition!.taskDefinitionArn);
    assert.equal(cfg.primaryContainer, undefined);
    assert.deepEqual([cfg.cpu, cfg.memory], ['512', '1024']);
    // Express parameters later replace it with a managed definition that keeps Express's shape.
    const updated = await s.ecs.send(
      new UpdateExpressGatewayServiceCommand({ serviceArn: out.service!.serviceArn, executionRoleArn: EXEC, primaryContainer: { image: 'nginx:1.28', containerPort: 8080 } }),
    );
    assert.match(updated.service!.targetConfiguration!.taskDefinitionArn!, /:task-definition\/byo:3$/);
    assert.equal(updated.service!.targetConfiguration!.primaryContainer!.image, 'nginx:1.28');
    s.assertModelValid();
  });

  it('an omitted serviceName is derived from the image name', async () => {
    const out = await create({ primaryContainer: { image: 'public.ecr.aws/nginx/nginx:1.27' } });
    assert.match(out.service!.serviceName!, /^nginx-\d{4}$/);
    assert.match(out.service!.activeConfigurations![0]!.ingressPaths![0]!.endpoint!, /^https:\/\/ng-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws$/);
    s.assertModelValid();
  });
});
