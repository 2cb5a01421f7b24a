import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT, NETWORK, REGION, fargateTaskDef, harness, type Harness } from './ecs-helpers.js';

async function describeTask(h: Harness, arn: string) {
  return (await h.call('DescribeTasks', { tasks: [arn] })).tasks[0];
}

describe('ECS tasks', () => {
  it('RunTask goes PROVISIONING → PENDING → RUNNING with Fargate-like timings and awsvpc details', async () => {
    const h = harness();
    await h.call('RegisterTaskDefinition', fargateTaskDef('job'));
    const run = await h.call('RunTask', {
      taskDefinition: 'job',
      launchType: 'FARGATE',
      networkConfiguration: NETWORK,
      startedBy: 'ci',
      tags: [{ key: 'k', value: 'v' }],
    });
    assert.deepEqual(run.failures, []);
    const task = run.tasks[0];
    assert.match(task.taskArn, new RegExp(`^arn:aws:ecs:${REGION}:${ACCOUNT}:task/default/[0-9a-f]{32}$`));
    assert.equal(task.lastStatus, 'PROVISIONING');
    assert.equal(task.desiredStatus, 'RUNNING');
    assert.equal(task.group, 'family:job');
    assert.equal(task.startedBy, 'ci');
    assert.equal(task.platformVersion, '1.4.0');
    assert.equal(task.attachments[0].type, 'ElasticNetworkInterface');
    assert.equal(task.attachments[0].status, 'PRECREATED');
    assert.deepEqual(task.tags, [{ key: 'k', value: 'v' }]);
    assert.equal(task.containers[0].lastStatus, 'PENDING');

    const statuses: string[] = [];
    const elapsed = await h.until(async () => {
      const t = await describeTask(h, task.taskArn);
      if (statuses[statuses.length - 1] !== t.lastStatus) statuses.push(t.lastStatus);
      return t.lastStatus === 'RUNNING';
    });
    assert.deepEqual(statuses, ['PROVISIONING', 'PENDING', 'RUNNING']);
    assert.ok(elapsed >= 20 && elapsed <= 30, `createdAt → RUNNING took ${elapsed}s`);
    const t = await describeTask(h, task.taskArn);
    assert.ok(t.connectivityAt > t.createdAt && t.pullStartedAt > t.connectivityAt && t.pullStoppedAt > t.pullStartedAt);
    assert.equal(t.startedAt, t.pullStoppedAt);
    assert.equal(t.connectivity, 'CONNECTED');
    assert.equal(t.attachments[0].status, 'ATTACHED');
    const ip = t.attachments[0].details.find((d: any) => d.name === 'privateIPv4Address').value;
    assert.equal(t.containers[0].networkInterfaces[0].privateIpv4Address, ip);
    assert.match(t.containers[0].imageDigest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(t.containers[0].lastStatus, 'RUNNING');
    assert.ok(t.version > task.version);

    // awslogs: a few lines in /ecs/job, stream ecs/app/<task id>.
    const taskId = task.taskArn.split('/').pop();
    const writes = h.effects.calls.filter((c) => c.kind === 'logs');
    assert.equal(writes[0]!.log!.group, '/ecs/job');
    assert.equal(writes[0]!.log!.stream, `ecs/app/${taskId}`);
    assert.equal(writes[0]!.log!.createGroup, true);
    assert.ok(h.effects.logsFor(taskId).includes('Listening on 0.0.0.0:80'));

    assert.deepEqual((await h.call('ListTasks', { family: 'job' })).taskArns, [task.taskArn]);
    assert.deepEqual((await h.call('ListTasks', { startedBy: 'ci' })).taskArns, [task.taskArn]);
    assert.deepEqual((await h.call('ListTasks', { startedBy: 'other' })).taskArns, []);
    assert.deepEqual((await h.call('ListTasks', { desiredStatus: 'PENDING' })).taskArns, []);
    const clusters = await h.call('DescribeClusters', {});
    assert.equal(clusters.clusters[0].runningTasksCount, 1);
  });

  it('StopTask: desiredStatus STOPPED at once, UserInitiated, STOPPED ~25 s later', async () => {
    const h = harness();
    await h.call('RegisterTaskDefinition', fargateTaskDef('job'));
    const { tasks } = await h.call('RunTask', { taskDefinition: 'job', launchType: 'FARGATE', networkConfiguration: NETWORK, count: 2 });
    await h.step(40);
    const stopped = await h.call('StopTask', { task: tasks[0].taskArn });
    assert.equal(stopped.task.desiredStatus, 'STOPPED');
    assert.equal(stopped.task.lastStatus, 'RUNNING', 'the Fargate StopTask response still shows RUNNING');
    assert.equal(stopped.task.stopCode, 'UserInitiated');
    assert.equal(stopped.task.stoppedReason, 'Task stopped by user');
    assert.equal(typeof stopped.task.stoppingAt, 'number');
    const withReason = await h.call('StopTask', { task: tasks[1].taskArn.split('/').pop(), reason: 'rotating' });
    assert.equal(withReason.task.stoppedReason, 'rotating');

    const statuses: string[] = [];
    const elapsed = await h.until(async () => {
      const t = await describeTask(h, tasks[0].taskArn);
      if (statuses[statuses.length - 1] !== t.lastStatus) statuses.push(t.lastStatus);
      return t.lastStatus === 'STOPPED';
    });
    assert.deepEqual(statuses, ['RUNNING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
    assert.ok(elapsed >= 20 && elapsed <= 75, `stop took ${elapsed}s`);
    const t = await describeTask(h, tasks[0].taskArn);
    assert.equal(t.containers[0].exitCode, 0);
    assert.equal(t.attachments[0].status, 'DELETED');
    assert.ok(t.stoppedAt > t.executionStoppedAt && t.executionStoppedAt > t.stoppingAt);
    assert.deepEqual((await h.call('ListTasks', {})).taskArns, []);
    assert.equal((await h.call('ListTasks', { desiredStatus: 'STOPPED' })).taskArns.length, 2);
    const taskId = tasks[0].taskArn.split('/').pop();
    assert.ok(h.effects.logsFor(taskId).includes('Received SIGTERM, shutting down gracefully'));

    // STOPPED tasks stay describable for an hour, then disappear.
    await h.step(3700);
    const gone = await h.call('DescribeTasks', { tasks: [tasks[0].taskArn] });
    assert.deepEqual(gone.failures, [{ arn: tasks[0].taskArn, reason: 'MISSING' }]);
    await h.fail('StopTask', { task: tasks[0].taskArn }, 'InvalidParameterException', 'The referenced task was not found.');
  });

  it('an essential container that exits stops the task with its exit code, and logs say why', async () => {
    const h = harness();
    await h.call('RegisterTaskDefinition', fargateTaskDef('job', 'busybox:crash'));
    await h.control('scenarios', 'POST', {
      kind: 'container-exit',
      match: { family: 'job' },
      exitCode: 137,
      afterSeconds: 12,
      logLines: ['panic: out of memory', 'goroutine 1 [running]:'],
    });
    const { tasks } = await h.call('RunTask', { taskDefinition: 'job', launchType: 'FARGATE', networkConfiguration: NETWORK });
    await h.until(async () => (await describeTask(h, tasks[0].taskArn)).desiredStatus === 'STOPPED');
    let t = await describeTask(h, tasks[0].taskArn);
    assert.equal(t.stopCode, 'EssentialContainerExited');
    assert.equal(t.stoppedReason, 'Essential container in task exited');
    assert.equal(t.containers[0].exitCode, 137);
    assert.equal(t.containers[0].lastStatus, 'STOPPED');
    assert.equal(Math.round((t.executionStoppedAt - t.startedAt)), 12);
    await h.until(async () => (await describeTask(h, tasks[0].taskArn)).lastStatus === 'STOPPED');
    t = await describeTask(h, tasks[0].taskArn);
    assert.equal(t.containers[0].exitCode, 137);
    const lines = h.effects.logsFor(tasks[0].taskArn.split('/').pop());
    assert.deepEqual(lines.slice(-2), ['panic: out of memory', 'goroutine 1 [running]:']);
  });

  it('a standalone task with a failing container health check keeps running', async () => {
    const h = harness();
    const td = fargateTaskDef('job');
    (td.containerDefinitions[0] as any).healthCheck = { command: ['CMD-SHELL', 'curl -f localhost || exit 1'] };
    await h.call('RegisterTaskDefinition', td);
    await h.control('scenarios', 'POST', { kind: 'health-check-failure', match: { family: 'job' }, check: 'container' });
    const { tasks } = await h.call('RunTask', { taskDefinition: 'job', launchType: 'FARGATE', networkConfiguration: NETWORK });
    await h.step(200);
    const t = await describeTask(h, tasks[0].taskArn);
    assert.equal(t.lastStatus, 'RUNNING');
    assert.equal(t.healthStatus, 'UNHEALTHY');
    assert.equal(t.containers[0].healthStatus, 'UNHEALTHY');
  });

  it('rejects what ECS rejects', async () => {
    const h = harness();
    await h.call('RegisterTaskDefinition', fargateTaskDef('job'));
    await h.fail('RunTask', { taskDefinition: 'job', launchType: 'FARGATE' }, 'InvalidParameterException', "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    await h.fail('RunTask', { taskDefinition: 'job:7', launchType: 'FARGATE', networkConfiguration: NETWORK }, 'ClientException', 'TaskDefinition not found.');
    await h.fail('RunTask', { taskDefinition: 'job', count: 11, networkConfiguration: NETWORK }, 'InvalidParameterException');
    await h.fail('RunTask', { taskDefinition: 'job', cluster: 'nope', networkConfiguration: NETWORK }, 'ClusterNotFoundException', 'Cluster not found.');
    await h.fail(
      'RunTask',
      { taskDefinition: 'job', launchType: 'FARGATE', capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }], networkConfiguration: NETWORK },
      'InvalidParameterException',
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
    await h.call('DeregisterTaskDefinition', { taskDefinition: 'job:1' });
    await h.fail('RunTask', { taskDefinition: 'job:1', launchType: 'FARGATE', networkConfiguration: NETWORK }, 'ClientException', 'TaskDefinition is inactive');
    await h.fail('ListTasks', { serviceName: 'nope' }, 'ServiceNotFoundException', 'Service not found.');
    const missing = await h.call('DescribeTasks', { tasks: ['0123456789abcdef0123456789abcdef'] });
    assert.equal(missing.failures[0].reason, 'MISSING');
  });

  it('runs on a FARGATE_SPOT capacity provider from the cluster default strategy', async () => {
    const h = harness();
    await h.call('CreateCluster', {
      clusterName: 'spot',
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });
    await h.call('RegisterTaskDefinition', fargateTaskDef('job'));
    const { tasks } = await h.call('RunTask', { cluster: 'spot', taskDefinition: 'job', networkConfiguration: NETWORK });
    assert.equal(tasks[0].launchType, 'FARGATE');
    assert.equal(tasks[0].capacityProviderName, 'FARGATE_SPOT');
    assert.match(tasks[0].taskArn, /:task\/spot\//);
  });
});
