/**
 * Fidelity: a broad ECS scenario through the real AWS SDK against a sandbox started with
 * `validate: true`, which checks every ECS response (and error code) it sends against the ECS
 * model. The test then asks `GET /_sandbox/validation` for violations and expects none, and checks
 * that the scenario exercised every operation the engine implements.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateClusterCommand, CreateServiceCommand, DeleteClusterCommand, DeleteServiceCommand, DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand, DescribeCapacityProvidersCommand, DescribeClustersCommand, DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, DescribeTasksCommand, ECSClient,
  ListClustersCommand, ListServiceDeploymentsCommand, ListServicesCommand, ListTagsForResourceCommand,
  ListTaskDefinitionFamiliesCommand, ListTaskDefinitionsCommand, ListTasksCommand, PutClusterCapacityProvidersCommand,
  RegisterTaskDefinitionCommand, RunTaskCommand, StartTaskCommand, StopServiceDeploymentCommand, StopTaskCommand,
  TagResourceCommand, UntagResourceCommand, UpdateClusterCommand, UpdateClusterSettingsCommand, UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { ecsOperations } from '../../sandbox/ecs/index.js';
import { MotoNotInstalledError, startSandbox, type Sandbox } from '../../sandbox/index.js';
import type { ValidationReport } from '../../sandbox/validate/hook.js';
import { formatViolation } from '../../sandbox/validate/validator.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const network = { awsvpcConfiguration: { subnets: ['subnet-0aaa', 'subnet-0bbb'], securityGroups: ['sg-0123'], assignPublicIp: 'DISABLED' as const } };
const logConfiguration = (family: string) => ({
  logDriver: 'awslogs' as const,
  options: { 'awslogs-group': `/ecs/${family}`, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs', 'awslogs-create-group': 'true' },
});

/** A Fargate task definition using many container options, so many output members are rendered. */
const richTaskDef = (image: string): RegisterTaskDefinitionCommandInput => ({
  family: 'web',
  taskRoleArn: 'arn:aws:iam::123456789012:role/app',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '512',
  memory: '1024',
  runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
  ephemeralStorage: { sizeInGiB: 30 },
  volumes: [{ name: 'scratch' }],
  tags: [{ key: 'team', value: 'web' }],
  containerDefinitions: [
    {
      name: 'app',
      image,
      essential: true,
      cpu: 256,
      memoryReservation: 256,
      portMappings: [{ containerPort: 80, protocol: 'tcp', name: 'http', appProtocol: 'http' }],
      environment: [{ name: 'MODE', value: 'prod' }],
      secrets: [{ name: 'TOKEN', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/token' }],
      mountPoints: [{ sourceVolume: 'scratch', containerPath: '/tmp/scratch' }],
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], interval: 10, timeout: 5, retries: 3, startPeriod: 10 },
      dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
      ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 4096 }],
      linuxParameters: { initProcessEnabled: true },
      logConfiguration: logConfiguration('web'),
      dockerLabels: { tier: 'web' },
    },
    { name: 'init', image: 'busybox:1', essential: false, command: ['true'] },
  ],
});

describe('every ECS response matches the model (sandbox validate: true)', () => {
  let sandbox: Sandbox;
  let ecs: ECSClient;
  const send = ((cmd: never) => ecs.send(cmd)) as ECSClient['send'];
  /** Calls that must fail with `code`; the sandbox validates the error code itself. */
  const fails = async (p: Promise<unknown>, code: string) => {
    await assert.rejects(p, (e: Error) => (assert.equal(e.name, code, e.message), true));
  };

  before(async () => {
    const opts = { timeScale: 0, validate: true };
    sandbox = await startSandbox(opts).catch((e) => {
      if (e instanceof MotoNotInstalledError) return startSandbox({ ...opts, moto: false });
      throw e;
    });
    ecs = new ECSClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials, maxAttempts: 1 });
  });
  after(() => sandbox?.stop());

  it('clusters and capacity providers', async () => {
    const c = await send(new CreateClusterCommand({ clusterName: 'fid', tags: [{ key: 'env', value: 'test' }], settings: [{ name: 'containerInsights', value: 'enabled' }] }));
    assert.equal(c.cluster!.status, 'ACTIVE');
    await send(new UpdateClusterCommand({ cluster: 'fid', settings: [{ name: 'containerInsights', value: 'disabled' }] }));
    await send(new UpdateClusterSettingsCommand({ cluster: 'fid', settings: [{ name: 'containerInsights', value: 'enabled' }] }));
    await send(new PutClusterCapacityProvidersCommand({ cluster: 'fid', capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 1 }] }));
    await send(new DescribeClustersCommand({ clusters: ['fid', 'default', 'nope'], include: ['SETTINGS', 'TAGS', 'STATISTICS', 'ATTACHMENTS', 'CONFIGURATIONS'] }));
    await send(new DescribeCapacityProvidersCommand({ capacityProviders: ['FARGATE', 'nope'], include: ['TAGS'] }));
    await send(new DescribeCapacityProvidersCommand({}));
    await send(new ListClustersCommand({ maxResults: 1 }));
    await send(new TagResourceCommand({ resourceArn: c.cluster!.clusterArn, tags: [{ key: 'owner', value: 'me' }] }));
    await send(new UntagResourceCommand({ resourceArn: c.cluster!.clusterArn, tagKeys: ['env'] }));
    await send(new ListTagsForResourceCommand({ resourceArn: c.cluster!.clusterArn }));
    await fails(send(new UpdateClusterCommand({ cluster: 'nope', settings: [] })), 'ClusterNotFoundException');
  });

  it('task definitions: register, revisions, describe with tags, list, deregister, delete', async () => {
    for (const image of ['nginx:1', 'nginx:2', 'nginx:3']) await send(new RegisterTaskDefinitionCommand(richTaskDef(image)));
    await send(new RegisterTaskDefinitionCommand({
      family: 'worker', networkMode: 'bridge', requiresCompatibilities: ['EC2'], placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }],
      containerDefinitions: [{ name: 'w', image: 'busybox:1', memory: 128, portMappings: [{ containerPort: 8080, hostPort: 0 }], logConfiguration: logConfiguration('worker') }],
    }));
    const d = await send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web', include: ['TAGS'] }));
    assert.equal(d.taskDefinition!.revision, 3);
    await send(new ListTaskDefinitionsCommand({ familyPrefix: 'web', sort: 'DESC', status: 'ACTIVE' }));
    await send(new ListTaskDefinitionFamiliesCommand({ status: 'ALL' }));
    await send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:3' }));
    await send(new DeleteTaskDefinitionsCommand({ taskDefinitions: ['web:3', 'web:99'] }));
    await send(new ListTaskDefinitionsCommand({ status: 'INACTIVE' }));
    await fails(send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:99' })), 'ClientException');
    await fails(send(new RegisterTaskDefinitionCommand({ family: 'bad', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', containerDefinitions: [{ name: 'a', image: 'x' }] })), 'ClientException');
  });

  it('services: create, scale, update, describe, list, deployments and revisions, delete', async () => {
    const created = await send(new CreateServiceCommand({
      cluster: 'fid', serviceName: 'web', taskDefinition: 'web:1', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: network,
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
      propagateTags: 'SERVICE', enableECSManagedTags: true, enableExecuteCommand: true, tags: [{ key: 'svc', value: 'web' }],
      healthCheckGracePeriodSeconds: 0, schedulingStrategy: 'REPLICA', deploymentController: { type: 'ECS' },
    }));
    assert.equal(created.service!.deployments![0]!.rolloutState, 'IN_PROGRESS');
    await sandbox.client.advance(120);
    await send(new UpdateServiceCommand({ cluster: 'fid', service: 'web', desiredCount: 3 }));
    await sandbox.client.advance(60);
    await send(new UpdateServiceCommand({ cluster: 'fid', service: 'web', taskDefinition: 'web:2', forceNewDeployment: true }));
    for (let i = 0; i < 6; i++) {
      await send(new DescribeServicesCommand({ cluster: 'fid', services: ['web', 'nope'], include: ['TAGS'] }));
      await sandbox.client.advance(20);
    }
    await send(new ListServicesCommand({ cluster: 'fid', launchType: 'FARGATE' }));
    const list = await send(new ListServiceDeploymentsCommand({ cluster: 'fid', service: 'web', status: ['SUCCESSFUL', 'IN_PROGRESS', 'PENDING'] }));
    const arns = list.serviceDeployments!.map((x) => x.serviceDeploymentArn!);
    const sds = await send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [...arns, `${arns[0]}x`] }));
    const revs = sds.serviceDeployments!.flatMap((x) => [x.targetServiceRevision?.arn, ...(x.sourceServiceRevisions ?? []).map((r) => r.arn)]);
    await send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [...new Set(revs.filter((r): r is string => !!r))] }));

    // A deployment stopped by hand, with rollback.
    await send(new UpdateServiceCommand({ cluster: 'fid', service: 'web', taskDefinition: 'web:1' }));
    const svc = (await send(new DescribeServicesCommand({ cluster: 'fid', services: ['web'] }))).services![0]!;
    await sandbox.client.advance(15);
    await send(new StopServiceDeploymentCommand({ serviceDeploymentArn: svc.currentServiceDeployment!, stopType: 'ROLLBACK' }));
    await sandbox.client.advance(300);
    await send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [svc.currentServiceDeployment!] }));
    await fails(send(new StopServiceDeploymentCommand({ serviceDeploymentArn: svc.currentServiceDeployment! })), 'ConflictException');

    await fails(send(new DeleteServiceCommand({ cluster: 'fid', service: 'web' })), 'InvalidParameterException');
    await send(new DeleteServiceCommand({ cluster: 'fid', service: 'web', force: true }));
    await send(new DescribeServicesCommand({ cluster: 'fid', services: ['web'] }));
    await fails(send(new UpdateServiceCommand({ cluster: 'fid', service: 'web', desiredCount: 1 })), 'ServiceNotActiveException');
    await fails(send(new CreateServiceCommand({ cluster: 'fid', serviceName: 'web', taskDefinition: 'web:1', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: network })), 'InvalidParameterException');
    await sandbox.client.advance(600);
  });

  it('a circuit-breaker rollback', async () => {
    await sandbox.client.ecs('/scenarios', 'POST', { kind: 'image-pull-failure', match: { image: ':broken' } });
    await send(new CreateServiceCommand({ serviceName: 'cb', taskDefinition: 'web:1', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: network }));
    await sandbox.client.advance(180);
    await send(new RegisterTaskDefinitionCommand(richTaskDef('nginx:broken')));
    await send(new UpdateServiceCommand({ service: 'cb', taskDefinition: 'web:4', deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } }));
    let status: string | undefined;
    for (let i = 0; i < 120 && status !== 'ROLLBACK_SUCCESSFUL'; i++) {
      await sandbox.client.advance(10);
      await send(new DescribeServicesCommand({ services: ['cb'] }));
      status = (await send(new ListServiceDeploymentsCommand({ service: 'cb' }))).serviceDeployments![0]!.status;
    }
    assert.equal(status, 'ROLLBACK_SUCCESSFUL');
    const stopped = await send(new ListTasksCommand({ serviceName: 'cb', desiredStatus: 'STOPPED' }));
    const tasks = await send(new DescribeTasksCommand({ tasks: stopped.taskArns!, include: ['TAGS'] }));
    assert.ok(tasks.tasks!.some((t) => t.stopCode === 'TaskFailedToStart'));
    const sd = await send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [(await send(new ListServiceDeploymentsCommand({ service: 'cb' }))).serviceDeployments![0]!.serviceDeploymentArn!] }));
    assert.equal(sd.serviceDeployments![0]!.deploymentCircuitBreaker!.status, 'TRIGGERED');
  });

  it('tasks: RunTask, StartTask, DescribeTasks, ListTasks, StopTask, tags', async () => {
    const run = await send(new RunTaskCommand({
      cluster: 'fid', taskDefinition: 'web:1', count: 2, launchType: 'FARGATE', networkConfiguration: network, startedBy: 'ci', group: 'batch',
      enableECSManagedTags: true, propagateTags: 'TASK_DEFINITION', tags: [{ key: 'job', value: '1' }], enableExecuteCommand: true,
      overrides: { cpu: '1024', memory: '2048', containerOverrides: [{ name: 'app', command: ['serve'], environment: [{ name: 'X', value: '1' }] }] },
    }));
    const arns = run.tasks!.map((t) => t.taskArn!);
    await send(new RunTaskCommand({ cluster: 'fid', taskDefinition: 'worker', launchType: 'EC2' }));
    await send(new RunTaskCommand({ cluster: 'fid', taskDefinition: 'web:1', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], networkConfiguration: network }));
    await send(new StartTaskCommand({ cluster: 'fid', taskDefinition: 'worker', containerInstances: ['arn:aws:ecs:us-east-1:123456789012:container-instance/fid/0123456789abcdef0123456789abcdef'] }));
    for (let i = 0; i < 4; i++) {
      await send(new DescribeTasksCommand({ cluster: 'fid', tasks: [...arns, 'nope'], include: ['TAGS'] }));
      await sandbox.client.advance(10);
    }
    await send(new ListTasksCommand({ cluster: 'fid', startedBy: 'ci' }));
    await send(new ListTasksCommand({ cluster: 'fid', family: 'worker', launchType: 'EC2' }));
    await send(new TagResourceCommand({ resourceArn: arns[0], tags: [{ key: 'more', value: 'x' }] }));
    await send(new ListTagsForResourceCommand({ resourceArn: arns[0] }));
    await send(new StopTaskCommand({ cluster: 'fid', task: arns[0], reason: 'done' }));
    await sandbox.client.advance(60);
    await send(new DescribeTasksCommand({ cluster: 'fid', tasks: arns }));
    await fails(send(new RunTaskCommand({ cluster: 'nope', taskDefinition: 'web:1', networkConfiguration: network })), 'ClusterNotFoundException');
    await fails(send(new RunTaskCommand({ cluster: 'fid', taskDefinition: 'web:1', launchType: 'FARGATE' })), 'InvalidParameterException');
  });

  it('errors and deletes', async () => {
    await fails(send(new UpdateServiceCommand({ service: 'nope', desiredCount: 1 })), 'ServiceNotFoundException');
    await fails(send(new ListServiceDeploymentsCommand({ service: 'nope' })), 'ServiceNotFoundException');
    await fails(send(new DescribeServicesCommand({ cluster: 'nope', services: ['x'] })), 'ClusterNotFoundException');
    await fails(send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/none' })), 'InvalidParameterException');
    await fails(send(new DeleteClusterCommand({ cluster: 'nope' })), 'ClusterNotFoundException');
    await send(new UpdateServiceCommand({ service: 'cb', desiredCount: 0 }));
    await send(new DeleteServiceCommand({ service: 'cb' }));
    const running = await send(new ListTasksCommand({ cluster: 'fid' }));
    for (const task of running.taskArns!) await send(new StopTaskCommand({ cluster: 'fid', task }));
    await sandbox.client.advance(600);
    await send(new DeleteClusterCommand({ cluster: 'fid' }));
    await send(new DescribeClustersCommand({ clusters: ['fid'] }));
  });

  it('recorded no model violations, over every operation the engine implements', async () => {
    const report = (await (await fetch(`${sandbox.endpoint}/_sandbox/validation`)).json()) as ValidationReport;
    assert.equal(report.enabled, true);
    assert.deepEqual(report.violations.map((v) => `${formatViolation(v)} (×${v.count})`), []);
    const requests = await sandbox.client.requests({ service: 'ecs' });
    assert.equal(report.checked, requests.length, 'every ECS response was checked');
    const exercised = new Set(requests.map((r) => r.operation));
    // Express Mode operations have their own fidelity test.
    const missing = Object.keys(ecsOperations).filter((op) => !exercised.has(op) && !/ExpressGatewayService/.test(op));
    assert.deepEqual(missing, [], 'operations the fidelity scenario does not exercise yet: add them to it');
  });
});
