/**
 * The ECS engine behind the real sandbox (startSandbox), driven through the real AWS SDK clients:
 * wire shapes as the SDK parses them, the services-stable waiter, error classes, and the side
 * effects in moto (targets registered in ELBv2, awslogs lines in CloudWatch Logs).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  ClientException,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  ServiceNotFoundException,
  UpdateServiceCommand,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import { CreateTargetGroupCommand, DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { MotoNotInstalledError, startSandbox, type Sandbox } from '../../sandbox/index.js';

const region = 'us-east-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

async function eventually<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('ECS engine through the AWS SDK', () => {
  let sandbox: Sandbox;
  let withMoto = true;
  let ecs: ECSClient;
  const client = <T>(C: new (c: object) => T) => new C({ endpoint: sandbox.endpoint, region, credentials, maxAttempts: 1 });

  before(async () => {
    try {
      sandbox = await startSandbox({ timeScale: 0 });
    } catch (e) {
      if (!(e instanceof MotoNotInstalledError)) throw e;
      withMoto = false;
      sandbox = await startSandbox({ timeScale: 0, moto: false });
    }
    ecs = client(ECSClient);
  });
  after(() => sandbox?.stop());

  const taskDef = (image: string) =>
    new RegisterTaskDefinitionCommand({
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image,
          portMappings: [{ containerPort: 80 }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': '/ecs/web', 'awslogs-region': region, 'awslogs-stream-prefix': 'ecs', 'awslogs-create-group': 'true' },
          },
        },
      ],
    });

  it('deploys a Fargate service behind a target group until services-stable; targets and logs land in moto', async () => {
    let tgArn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef';
    let subnet = 'subnet-0aaa';
    if (withMoto) {
      const ec2 = client(EC2Client);
      const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
      subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc!.VpcId!, CidrBlock: '10.0.0.0/20', AvailabilityZone: 'us-east-1a' }))).Subnet!.SubnetId!;
      const tg = await client(ElasticLoadBalancingV2Client).send(
        new CreateTargetGroupCommand({ Name: 'web', Protocol: 'HTTP', Port: 80, VpcId: vpc.Vpc!.VpcId!, TargetType: 'ip' }),
      );
      tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
    }
    const td = await ecs.send(taskDef('nginx:1.27'));
    assert.ok(td.taskDefinition!.registeredAt instanceof Date);
    const created = await ecs.send(
      new CreateServiceCommand({
        serviceName: 'web',
        taskDefinition: 'web',
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
        loadBalancers: [{ targetGroupArn: tgArn, containerName: 'app', containerPort: 80 }],
      }),
    );
    assert.ok(created.service!.createdAt instanceof Date);
    assert.equal(created.service!.deployments![0]!.rolloutState, 'IN_PROGRESS');

    // At --time-scale 60 a deploy takes about a second or two of real time.
    await sandbox.client.setTimeScale(60);
    const started = Date.now();
    const result = await waitUntilServicesStable({ client: ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { services: ['web'] });
    await sandbox.client.setTimeScale(0);
    assert.equal(result.state, 'SUCCESS');
    assert.ok(Date.now() - started < 10_000);

    // The waiter only needs one deployment with running == desired; the rollout itself completes
    // once the new tasks count as healthy (reference §2.9, §2.4).
    let svc = (await ecs.send(new DescribeServicesCommand({ services: ['web'] }))).services![0]!;
    assert.equal(svc.runningCount, 2);
    assert.equal(svc.deployments!.length, 1);
    for (let i = 0; i < 30 && svc.deployments![0]!.rolloutState !== 'COMPLETED'; i++) {
      await sandbox.client.advance(5);
      svc = (await ecs.send(new DescribeServicesCommand({ services: ['web'] }))).services![0]!;
    }
    assert.equal(svc.deployments![0]!.rolloutState, 'COMPLETED');
    assert.equal(svc.events![0]!.message, '(service web) has reached a steady state.');
    assert.ok(svc.events![0]!.createdAt instanceof Date);

    const taskArns = (await ecs.send(new ListTasksCommand({ serviceName: 'web' }))).taskArns!;
    const tasks = (await ecs.send(new DescribeTasksCommand({ tasks: taskArns }))).tasks!;
    const ips = tasks.map((t) => t.attachments![0]!.details!.find((d) => d.name === 'privateIPv4Address')!.value!).sort();
    if (!withMoto) return;
    const health = await eventually(async () => {
      const h = await client(ElasticLoadBalancingV2Client).send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
      return h.TargetHealthDescriptions!.length === 2 ? h : undefined;
    });
    assert.deepEqual(health.TargetHealthDescriptions!.map((d) => d.Target!.Id).sort(), ips);
    const taskId = tasks[0]!.taskArn!.split('/').pop();
    const logs = await eventually(async () => {
      const out = await client(CloudWatchLogsClient).send(new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: `ecs/app/${taskId}` }));
      return out.events!.length > 0 ? out.events! : undefined;
    });
    assert.ok(logs.some((e) => e.message === 'Ready to accept connections'));
  });

  it('rolls a broken image back through the circuit breaker, visible in ServiceDeployments', async () => {
    await sandbox.client.ecs('/scenarios', 'POST', { kind: 'image-pull-failure', match: { image: ':broken' } });
    await ecs.send(taskDef('nginx:broken'));
    await ecs.send(
      new UpdateServiceCommand({
        service: 'web',
        taskDefinition: 'web:2',
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      }),
    );
    let svc;
    for (let i = 0; i < 120; i++) {
      await sandbox.client.advance(10);
      svc = (await ecs.send(new DescribeServicesCommand({ services: ['web'] }))).services![0]!;
      if (svc.deployments!.length === 1 && svc.deployments![0]!.rolloutState === 'COMPLETED') break;
    }
    assert.match(svc!.taskDefinition!, /web:1$/);
    assert.ok(svc!.events!.some((e) => /deployment failed: tasks failed to start\.$/.test(e.message!)));
    const list = await ecs.send(new ListServiceDeploymentsCommand({ service: 'web' }));
    assert.equal(list.serviceDeployments![0]!.status, 'ROLLBACK_SUCCESSFUL');
    const sd = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [list.serviceDeployments![0]!.serviceDeploymentArn!] }));
    assert.equal(sd.serviceDeployments![0]!.deploymentCircuitBreaker!.status, 'TRIGGERED');
    assert.ok(sd.serviceDeployments![0]!.rollback!.startedAt instanceof Date);
  });

  it('answers with the error classes and messages of ECS', async () => {
    await assert.rejects(ecs.send(new UpdateServiceCommand({ service: 'nope', desiredCount: 1 })), (e: unknown) => {
      assert.ok(e instanceof ServiceNotFoundException);
      assert.equal(e.message, 'Service not found.');
      return true;
    });
    await assert.rejects(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:99' })), (e: unknown) => {
      assert.ok(e instanceof ClientException);
      assert.equal(e.message, 'Unable to describe task definition.');
      return true;
    });
    await assert.rejects(
      ecs.send(new CreateServiceCommand({ serviceName: 'web', taskDefinition: 'web:1', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } })),
      (e: unknown) => e instanceof InvalidParameterException && e.message === 'Creation of service was not idempotent.',
    );
    const state = await sandbox.client.ecs<{ services: unknown[] }>('/state?verbose=1');
    assert.equal(state.services.length, 1);
  });
});
