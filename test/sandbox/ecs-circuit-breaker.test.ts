import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NETWORK, describeService, eventMessages, fargateTaskDef, harness, type Harness } from './ecs-helpers.js';

async function deployBroken(h: Harness, breaker: Record<string, unknown>, desiredCount = 2) {
  await h.call('RegisterTaskDefinition', fargateTaskDef('web', 'nginx:1'));
  await h.call('RegisterTaskDefinition', fargateTaskDef('web', '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:broken'));
  await h.call('CreateService', {
    serviceName: 'api',
    taskDefinition: 'web:1',
    desiredCount,
    launchType: 'FARGATE',
    networkConfiguration: NETWORK,
    deploymentConfiguration: { deploymentCircuitBreaker: breaker },
  });
  await h.until(async () => (await describeService(h, 'api')).deployments[0].rolloutState === 'COMPLETED');
  const good = (await describeService(h, 'api')).deployments[0].id as string;
  await h.control('scenarios', 'POST', { kind: 'image-pull-failure', match: { image: ':broken' } });
  const updated = await h.call('UpdateService', { service: 'api', taskDefinition: 'web:2' });
  return { good, bad: updated.service.deployments[0].id as string };
}

describe('ECS deployment circuit breaker', () => {
  it('rolls back a deployment whose image cannot be pulled', async () => {
    const h = harness();
    const { good, bad } = await deployBroken(h, { enable: true, rollback: true });

    // Watch the failing deployment until the breaker trips.
    let failedSeen = 0;
    await h.until(async () => {
      const s = await describeService(h, 'api');
      const badDep = s.deployments.find((d: any) => d.id === bad);
      if (badDep) failedSeen = Math.max(failedSeen, badDep.failedTasks);
      return badDep?.rolloutState === 'FAILED';
    });
    let s = await describeService(h, 'api');
    assert.equal(s.deployments[0].id, good, 'the last COMPLETED deployment is PRIMARY again, with its old id');
    assert.equal(s.deployments[0].status, 'PRIMARY');
    assert.equal(s.deployments[0].rolloutState, 'IN_PROGRESS');
    assert.equal(s.deployments[0].rolloutStateReason, `ECS deployment circuit breaker: rolling back to deploymentId ${good}.`);
    const badDep = s.deployments.find((d: any) => d.id === bad);
    assert.equal(badDep?.status, 'ACTIVE');
    assert.equal(badDep?.rolloutStateReason, 'ECS deployment circuit breaker: tasks failed to start.');
    assert.ok(badDep!.failedTasks >= 3, `failedTasks ${badDep!.failedTasks}`);
    assert.match(s.taskDefinition, /web:1$/);

    await h.until(async () => {
      s = await describeService(h, 'api');
      return s.deployments.length === 1 && s.deployments[0].rolloutState === 'COMPLETED';
    });
    assert.equal(s.deployments[0].id, good);
    assert.equal(s.deployments[0].rolloutStateReason, `ECS deployment ${good} completed.`);
    assert.equal(s.runningCount, 2);

    const events = await eventMessages(h, 'api');
    const i = events.indexOf(`(service api) (deployment ${bad}) deployment failed: tasks failed to start.`);
    assert.ok(i > 0, events.join('\n'));
    assert.equal(events[i + 1], `(service api) rolling back to deployment ${good}.`);
    assert.equal(events[events.length - 2], `(service api) (deployment ${good}) deployment completed.`);
    assert.equal(events[events.length - 1], '(service api) has reached a steady state.');

    // Stopped tasks say why, as ECS shows them.
    const stopped = await h.call('ListTasks', { serviceName: 'api', desiredStatus: 'STOPPED' });
    const tasks = (await h.call('DescribeTasks', { tasks: stopped.taskArns })).tasks;
    assert.ok(tasks.length >= 3);
    for (const t of tasks) {
      assert.equal(t.stopCode, 'TaskFailedToStart');
      assert.equal(
        t.stoppedReason,
        'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:broken: not found',
      );
      assert.equal(t.containers[0].reason, t.stoppedReason);
      assert.equal(t.startedAt, undefined);
      assert.equal(typeof t.pullStartedAt, 'number');
      assert.equal(t.startedBy, bad);
    }

    // ServiceDeployments view of the same story.
    const list = (await h.call('ListServiceDeployments', { service: 'api' })).serviceDeployments;
    assert.deepEqual(list.map((d: any) => d.status), ['ROLLBACK_SUCCESSFUL', 'SUCCESSFUL']);
    const [sd] = (await h.call('DescribeServiceDeployments', { serviceDeploymentArns: [list[0].serviceDeploymentArn] })).serviceDeployments;
    assert.equal(sd.deploymentCircuitBreaker.status, 'TRIGGERED');
    assert.equal(sd.deploymentCircuitBreaker.threshold, 3);
    assert.equal(sd.deploymentCircuitBreaker.failureCount, 3);
    assert.equal(sd.rollback.reason, `ECS deployment circuit breaker: rolling back to deploymentId ${good}.`);
    assert.equal(sd.rollback.serviceRevisionArn, sd.sourceServiceRevisions[0].arn);
    assert.ok(sd.rollback.serviceRevisionArn.endsWith(good.replace('ecs-svc/', '')));
    assert.ok(sd.targetServiceRevision.arn.endsWith(bad.replace('ecs-svc/', '')));
    assert.equal(typeof sd.finishedAt, 'number');
    assert.equal(s.currentServiceDeployment, sd.serviceDeploymentArn);
  });

  it('without rollback the deployment stays FAILED and PRIMARY and the old tasks keep running', async () => {
    const h = harness();
    const { good, bad } = await deployBroken(h, { enable: true, rollback: false });
    await h.until(async () => (await describeService(h, 'api')).deployments[0].rolloutState === 'FAILED');
    const launchedAtTrip = (await h.call('ListTasks', { serviceName: 'api', desiredStatus: 'STOPPED' })).taskArns.length;
    await h.step(600);
    const s = await describeService(h, 'api');
    assert.deepEqual(s.deployments.map((d: any) => [d.id, d.status, d.rolloutState]), [
      [bad, 'PRIMARY', 'FAILED'],
      [good, 'ACTIVE', 'COMPLETED'],
    ]);
    assert.equal(s.runningCount, 2);
    assert.equal((await h.call('ListTasks', { serviceName: 'api', desiredStatus: 'STOPPED' })).taskArns.length, launchedAtTrip, 'FAILED launches nothing more');
    const [brief] = (await h.call('ListServiceDeployments', { service: 'api', status: ['STOPPED'] })).serviceDeployments;
    assert.equal(brief.statusReason, 'ECS deployment circuit breaker: tasks failed to start.');
    const [sd] = (await h.call('DescribeServiceDeployments', { serviceDeploymentArns: [brief.serviceDeploymentArn] })).serviceDeployments;
    assert.equal(typeof sd.stoppedAt, 'number');
    // Deleting the service still drains the old tasks.
    await h.call('DeleteService', { service: 'api', force: true });
    await h.until(async () => (await describeService(h, 'api')).status === 'INACTIVE', 600);
  });

  it('without the breaker a failing deployment retries with back-off and stays IN_PROGRESS', async () => {
    const h = harness();
    const { bad } = await deployBroken(h, { enable: false, rollback: false }, 1);
    await h.step(1800);
    const s = await describeService(h, 'api');
    assert.equal(s.deployments[0].id, bad);
    assert.equal(s.deployments[0].rolloutState, 'IN_PROGRESS');
    const events = await eventMessages(h, 'api');
    assert.ok(events.includes('(service api) is unable to consistently start tasks successfully.'));
    const attempts = (await h.call('ListTasks', { serviceName: 'api', desiredStatus: 'STOPPED' })).taskArns.length;
    assert.ok(attempts >= 4 && attempts < 30, `${attempts} attempts in 30 min`);
  });

  it('uses the AWS threshold rule: clamp(ceil(50% × desired), 3, 200)', async () => {
    const { breakerThreshold } = await import('../../sandbox/ecs/circuit-breaker.js');
    assert.equal(breakerThreshold(undefined, 1), 3);
    assert.equal(breakerThreshold(undefined, 25), 13);
    assert.equal(breakerThreshold(undefined, 400), 200);
    assert.equal(breakerThreshold({ thresholdConfiguration: { type: 'COUNT', value: 7 } }, 100), 7);
    assert.equal(breakerThreshold({ thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 10 } }, 5), 1);
  });
});
