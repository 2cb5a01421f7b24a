import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT, NETWORK, REGION, TG_ARN, describeService, fargateTaskDef, harness, type Harness } from './ecs-helpers.js';

async function setup(h: Harness) {
  await h.call('RegisterTaskDefinition', { ...fargateTaskDef('web', 'nginx:1'), tags: [{ key: 'from', value: 'taskdef' }] });
  await h.call('RegisterTaskDefinition', fargateTaskDef('web', 'nginx:2'));
}

const create = (h: Harness, extra: Record<string, unknown> = {}) =>
  h.call('CreateService', {
    serviceName: 'api',
    taskDefinition: 'web:1',
    desiredCount: 1,
    launchType: 'FARGATE',
    networkConfiguration: NETWORK,
    ...extra,
  });

describe('ECS services', () => {
  it('echoes the configuration with AWS defaults filled in', async () => {
    const h = harness();
    await setup(h);
    const { service } = await create(h, {
      loadBalancers: [{ targetGroupArn: TG_ARN, containerName: 'app', containerPort: 80 }],
      healthCheckGracePeriodSeconds: 30,
      tags: [{ key: 'env', value: 'test' }],
      propagateTags: 'SERVICE',
      enableECSManagedTags: true,
    });
    assert.equal(service.serviceArn, `arn:aws:ecs:${REGION}:${ACCOUNT}:service/default/api`);
    assert.equal(service.clusterArn, `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/default`);
    assert.equal(service.status, 'ACTIVE');
    assert.equal(service.launchType, 'FARGATE');
    assert.equal(service.platformVersion, 'LATEST');
    assert.equal(service.schedulingStrategy, 'REPLICA');
    assert.deepEqual(service.deploymentController, { type: 'ECS' });
    assert.equal(service.resourceManagementType, 'CUSTOMER');
    assert.equal(service.healthCheckGracePeriodSeconds, 30);
    assert.equal(service.networkConfiguration.awsvpcConfiguration.assignPublicIp, 'DISABLED');
    assert.deepEqual(service.deploymentConfiguration, {
      deploymentCircuitBreaker: { enable: false, rollback: false, resetOnHealthyTask: true, thresholdConfiguration: { type: 'BOUNDED_PERCENT', value: 50 } },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      alarms: { alarmNames: [], enable: false, rollback: false },
      strategy: 'ROLLING',
      bakeTimeInMinutes: 0,
    });
    assert.equal(service.deployments.length, 1);
    assert.equal(service.deployments[0].status, 'PRIMARY');
    assert.equal(service.deployments[0].desiredCount, 0);
    assert.equal(service.currentServiceRevisions.length, 1);
    assert.match(service.currentServiceDeployment, /:service-deployment\/default\/api\/[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(service.tags, [{ key: 'env', value: 'test' }]);

    // Tasks get the service's tags and the ECS managed tags.
    await h.step(20);
    const [taskArn] = (await h.call('ListTasks', { serviceName: 'api' })).taskArns;
    const task = (await h.call('DescribeTasks', { tasks: [taskArn], include: ['TAGS'] })).tasks[0];
    assert.deepEqual(task.tags, [
      { key: 'env', value: 'test' },
      { key: 'aws:ecs:clusterName', value: 'default' },
      { key: 'aws:ecs:serviceName', value: 'api' },
    ]);

    const described = await describeService(h, 'api');
    assert.equal(described.tags, undefined);
    const withTags = await h.call('DescribeServices', { services: [service.serviceArn], include: ['TAGS'] });
    assert.deepEqual(withTags.services[0].tags, [{ key: 'env', value: 'test' }]);
    await h.call('TagResource', { resourceArn: service.serviceArn, tags: [{ key: 'b', value: '2' }] });
    assert.equal((await h.call('ListTagsForResource', { resourceArn: service.serviceArn })).tags.length, 2);
    await h.call('TagResource', { resourceArn: taskArn, tags: [{ key: 't', value: '1' }] });
    assert.equal((await h.call('ListTagsForResource', { resourceArn: taskArn })).tags.length, 4);
  });

  it('lists, paginates and filters services; counts them on the cluster', async () => {
    const h = harness();
    await setup(h);
    for (let i = 0; i < 12; i++) await create(h, { serviceName: `svc-${i}`, desiredCount: 0 });
    const first = await h.call('ListServices', {});
    assert.equal(first.serviceArns.length, 10);
    const second = await h.call('ListServices', { nextToken: first.nextToken });
    assert.equal(second.serviceArns.length, 2);
    assert.equal(second.nextToken, undefined);
    assert.equal((await h.call('ListServices', { launchType: 'EC2' })).serviceArns.length, 0);
    assert.equal((await h.call('DescribeClusters', {})).clusters[0].activeServicesCount, 12);
    const d = await h.call('DescribeServices', { services: ['svc-1', 'missing'] });
    assert.equal(d.services.length, 1);
    assert.deepEqual(d.failures, [{ arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/default/missing`, reason: 'MISSING' }]);
  });

  it('returns the errors AWS returns', async () => {
    const h = harness();
    await setup(h);
    await create(h);
    await h.fail('CreateService', { serviceName: 'api', taskDefinition: 'web:2', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NETWORK }, 'InvalidParameterException', 'Creation of service was not idempotent.');
    await h.fail('UpdateService', { service: 'nope', desiredCount: 1 }, 'ServiceNotFoundException', 'Service not found.');
    await h.fail('DeleteService', { service: 'nope' }, 'ServiceNotFoundException', 'Service not found.');
    await h.fail('UpdateService', { cluster: 'nope', service: 'api' }, 'ClusterNotFoundException', 'Cluster not found.');
    await h.fail('CreateService', { serviceName: 'x', taskDefinition: 'web:9', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NETWORK }, 'ClientException', 'TaskDefinition not found.');
    await h.fail('CreateService', { serviceName: 'x', taskDefinition: 'web:1', desiredCount: 1, launchType: 'FARGATE' }, 'InvalidParameterException', "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    await h.fail('CreateService', { serviceName: 'x', taskDefinition: 'web:1', desiredCount: 1, capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }], networkConfiguration: NETWORK }, 'InvalidParameterException', /not associated with the cluster/);
    await h.fail('CreateService', { serviceName: 'x', taskDefinition: 'web:1', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NETWORK, loadBalancers: [{ targetGroupArn: TG_ARN, containerName: 'app', containerPort: 8080 }] }, 'InvalidParameterException', 'The container app did not have a container port 8080 defined.');
    await h.fail('UpdateService', { service: 'api', deploymentConfiguration: { minimumHealthyPercent: 150 } }, 'InvalidParameterException');
    await h.fail('DeleteService', { service: 'api' }, 'InvalidParameterException', 'The service cannot be stopped while it is scaled above 0.');
    await h.call('DeregisterTaskDefinition', { taskDefinition: 'web:2' });
    await h.fail('UpdateService', { service: 'api', taskDefinition: 'web:2' }, 'ClientException', 'TaskDefinition is inactive');
    // An INACTIVE definition keeps an existing service scaling.
    await h.call('DeregisterTaskDefinition', { taskDefinition: 'web:1' });
    await h.call('UpdateService', { service: 'api', desiredCount: 2 });
    await h.until(async () => (await describeService(h, 'api')).runningCount === 2);
    // The same clientToken returns the existing service.
    const a = await create(h, { serviceName: 'idem', clientToken: 'tok-1', taskDefinition: 'web:3' }).catch(() => undefined);
    assert.equal(a, undefined); // web:3 does not exist
  });

  it('returns the same service for a repeated CreateService with the same clientToken', async () => {
    const h = harness();
    await setup(h);
    const first = await create(h, { clientToken: 'tok-1' });
    const again = await create(h, { clientToken: 'tok-1' });
    assert.equal(again.service.serviceArn, first.service.serviceArn);
    assert.equal(again.service.deployments[0].id, first.service.deployments[0].id);
  });

  it('deletes: DRAINING while tasks stop, then INACTIVE; the name can be reused', async () => {
    const h = harness();
    await setup(h);
    await create(h, { desiredCount: 2 });
    await h.until(async () => (await describeService(h, 'api')).deployments[0].rolloutState === 'COMPLETED');
    const deleted = await h.call('DeleteService', { service: 'api', force: true });
    assert.equal(deleted.service.status, 'DRAINING');
    assert.equal(deleted.service.desiredCount, 0);
    assert.deepEqual((await h.call('ListServices', {})).serviceArns, []);
    await h.fail('UpdateService', { service: 'api', desiredCount: 1 }, 'ServiceNotActiveException', 'Service was not ACTIVE.');
    await h.fail('CreateService', { serviceName: 'api', taskDefinition: 'web:1', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NETWORK }, 'InvalidParameterException', 'Unable to Start a service that is still Draining.');
    const statuses: string[] = [];
    await h.until(async () => {
      const s = await describeService(h, 'api');
      if (statuses[statuses.length - 1] !== s.status) statuses.push(s.status);
      return s.status === 'INACTIVE';
    });
    assert.deepEqual(statuses, ['DRAINING', 'INACTIVE']);
    const stopped = (await h.call('DescribeTasks', { tasks: (await h.call('ListTasks', { desiredStatus: 'STOPPED' })).taskArns })).tasks;
    assert.equal(stopped.length, 2);
    assert.ok(stopped.every((t: any) => t.lastStatus === 'STOPPED'));
    // Deleting again returns the service; updating fails.
    assert.equal((await h.call('DeleteService', { service: 'api' })).service.status, 'INACTIVE');
    await h.fail('UpdateService', { service: 'api', desiredCount: 1 }, 'ServiceNotActiveException', 'Service was not ACTIVE.');
    const list = (await h.call('ListServiceDeployments', { service: 'api' })).serviceDeployments;
    assert.equal(list[0].status, 'SUCCESSFUL');
    const again = await create(h);
    assert.equal(again.service.status, 'ACTIVE');
    assert.equal(again.service.events.length, 0);
  });

  it('a service with nothing running goes DRAINING → INACTIVE after a short delay', async () => {
    const h = harness();
    await setup(h);
    await create(h, { desiredCount: 0 });
    assert.equal((await h.call('DeleteService', { service: 'api' })).service.status, 'DRAINING');
    await h.until(async () => (await describeService(h, 'api')).status === 'INACTIVE', 60);
  });

  it('stale-describe scenario: DescribeServices lags an update', async () => {
    const h = harness();
    await setup(h);
    await h.control('scenarios', 'POST', { kind: 'stale-describe', match: { service: 'api' }, lagSeconds: 5 });
    await create(h);
    // Just created: not visible yet.
    assert.equal((await h.call('DescribeServices', { services: ['api'] })).failures[0].reason, 'MISSING');
    await h.step(6);
    assert.equal((await describeService(h, 'api')).desiredCount, 1);
    await h.call('UpdateService', { service: 'api', desiredCount: 3 });
    assert.equal((await describeService(h, 'api')).desiredCount, 1, 'previous state while lagging');
    await h.step(6);
    assert.equal((await describeService(h, 'api')).desiredCount, 3);
  });
});

describe('ECS service deployments and revisions', () => {
  it('describes revisions and deployments consistently with deployments[]', async () => {
    const h = harness();
    await setup(h);
    const created = await create(h, { desiredCount: 2, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } });
    const sdArn = created.service.currentServiceDeployment;
    let [sd] = (await h.call('DescribeServiceDeployments', { serviceDeploymentArns: [sdArn] })).serviceDeployments;
    assert.equal(sd.status, 'PENDING');
    assert.deepEqual(sd.sourceServiceRevisions, []);
    assert.equal(sd.deploymentCircuitBreaker.status, 'MONITORING');
    assert.equal(sd.deploymentCircuitBreaker.threshold, 3);
    await h.step(11);
    [sd] = (await h.call('DescribeServiceDeployments', { serviceDeploymentArns: [sdArn] })).serviceDeployments;
    assert.equal(sd.status, 'IN_PROGRESS');
    assert.equal(sd.lifecycleStage, 'SCALE_UP');
    assert.deepEqual(
      [sd.targetServiceRevision.requestedTaskCount, sd.targetServiceRevision.pendingTaskCount, sd.targetServiceRevision.runningTaskCount],
      [2, 2, 0],
    );
    const s = await describeService(h, 'api');
    assert.equal(s.deployments[0].pendingCount, sd.targetServiceRevision.pendingTaskCount);
    assert.deepEqual(s.currentServiceRevisions, [{ arn: sd.targetServiceRevision.arn, requestedTaskCount: 2, runningTaskCount: 0, pendingTaskCount: 2 }]);
    await h.until(async () => (await describeService(h, 'api')).deployments[0].rolloutState === 'COMPLETED');
    [sd] = (await h.call('DescribeServiceDeployments', { serviceDeploymentArns: [sdArn] })).serviceDeployments;
    assert.equal(sd.status, 'SUCCESSFUL');
    assert.equal(sd.deploymentCircuitBreaker.status, 'MONITORING_COMPLETE');
    assert.ok(sd.finishedAt >= sd.startedAt && sd.startedAt > sd.createdAt);

    const revs = await h.call('DescribeServiceRevisions', { serviceRevisionArns: [sd.targetServiceRevision.arn, `${sd.targetServiceRevision.arn}0`] });
    const rev = revs.serviceRevisions[0];
    assert.equal(rev.taskDefinition, s.taskDefinition);
    assert.equal(rev.containerImages[0].image, 'nginx:1');
    assert.match(rev.containerImages[0].imageDigest, /^sha256:/);
    assert.equal(rev.launchType, 'FARGATE');
    assert.equal(revs.failures[0].reason, 'MISSING');
    // The revision number is the deployment id's number.
    assert.ok(rev.serviceRevisionArn.endsWith(s.deployments[0].id.replace('ecs-svc/', '')));

    const missing = await h.call('DescribeServiceDeployments', { serviceDeploymentArns: [`${sdArn}x`] });
    assert.equal(missing.failures[0].reason, 'MISSING');
    await h.fail('ListServiceDeployments', { service: 'nope' }, 'ServiceNotFoundException', 'Service not found.');
  });

  it('StopServiceDeployment(ROLLBACK) rolls back to the previous revision', async () => {
    const h = harness();
    await setup(h);
    await create(h, { desiredCount: 2 });
    await h.until(async () => (await describeService(h, 'api')).deployments[0].rolloutState === 'COMPLETED');
    const good = (await describeService(h, 'api')).deployments[0].id;
    const first = (await describeService(h, 'api')).currentServiceDeployment;
    await h.fail('StopServiceDeployment', { serviceDeploymentArn: first, stopType: 'ROLLBACK' }, 'ConflictException');

    const updated = await h.call('UpdateService', { service: 'api', taskDefinition: 'web:2' });
    const sdArn = updated.service.currentServiceDeployment;
    await h.step(30);
    assert.deepEqual(await h.call('StopServiceDeployment', { serviceDeploymentArn: sdArn, stopType: 'ROLLBACK' }), { serviceDeploymentArn: sdArn });
    let [sd] = (await h.call('DescribeServiceDeployments', { serviceDeploymentArns: [sdArn] })).serviceDeployments;
    assert.equal(sd.status, 'ROLLBACK_REQUESTED');
    await h.step(2);
    [sd] = (await h.call('DescribeServiceDeployments', { serviceDeploymentArns: [sdArn] })).serviceDeployments;
    assert.equal(sd.status, 'ROLLBACK_IN_PROGRESS');
    assert.equal(sd.rollback.serviceRevisionArn, sd.sourceServiceRevisions[0].arn);
    let s = await describeService(h, 'api');
    assert.equal(s.deployments[0].id, good);
    assert.match(s.taskDefinition, /web:1$/);
    await h.until(async () => {
      s = await describeService(h, 'api');
      return s.deployments.length === 1 && s.deployments[0].rolloutState === 'COMPLETED';
    });
    [sd] = (await h.call('DescribeServiceDeployments', { serviceDeploymentArns: [sdArn] })).serviceDeployments;
    assert.equal(sd.status, 'ROLLBACK_SUCCESSFUL');
    const events = s.events.map((e: any) => e.message);
    assert.ok(events.includes(`(service api) rolling back to deployment ${good}.`));
    assert.ok(events.includes('(service api) stopped 2 pending tasks.') || events.some((e: string) => /has stopped 2 running tasks/.test(e)));
    const list = await h.call('ListServiceDeployments', { service: 'api', status: ['ROLLBACK_SUCCESSFUL'] });
    assert.deepEqual(list.serviceDeployments.map((b: any) => b.serviceDeploymentArn), [sdArn]);
    const createdAfter = await h.call('ListServiceDeployments', { service: 'api', createdAt: { after: sd.createdAt } });
    assert.equal(createdAfter.serviceDeployments.length, 1);
    await h.fail('StopServiceDeployment', { serviceDeploymentArn: sdArn }, 'ConflictException');
    await h.fail('StopServiceDeployment', { serviceDeploymentArn: `${sdArn}zz` }, 'ServiceDeploymentNotFoundException');
  });
});
