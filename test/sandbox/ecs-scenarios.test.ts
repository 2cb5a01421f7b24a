import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NETWORK, TG_ARN, describeService, eventMessages, fargateTaskDef, harness, type Harness } from './ecs-helpers.js';

async function service(h: Harness, td: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  await h.call('RegisterTaskDefinition', td);
  await h.call('CreateService', {
    serviceName: 'api',
    taskDefinition: td.family,
    desiredCount: 1,
    launchType: 'FARGATE',
    networkConfiguration: NETWORK,
    ...extra,
  });
}

describe('ECS scenarios', () => {
  it('failing container health check: task replaced, counted by the breaker', async () => {
    const h = harness();
    const td = fargateTaskDef('web');
    (td.containerDefinitions[0] as any).healthCheck = { command: ['CMD-SHELL', 'exit 1'], interval: 10, retries: 3 };
    await h.control('scenarios', 'POST', { kind: 'health-check-failure', match: { service: 'api' }, check: 'container' });
    await service(h, td, { deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } });
    await h.until(async () => (await describeService(h, 'api')).deployments[0].rolloutState === 'FAILED', 1800);
    const s = await describeService(h, 'api');
    assert.equal(s.deployments[0].failedTasks, 3);
    const events = await eventMessages(h, 'api');
    const failed = events.filter((e) => /^\(service api\) \(task [0-9a-f]{32}\) failed container health checks\.$/.test(e));
    assert.equal(failed.length, 3);
    assert.ok(events.some((e) => /has started 1 tasks: \(task [0-9a-f]{32}\)\. Amazon ECS replaced 1 tasks due to an unhealthy status\.$/.test(e)));
    // First deployment: nothing to roll back to.
    assert.match(events[events.length - 1]!, /deployment failed: tasks failed to start\.$/);
    const [brief] = (await h.call('ListServiceDeployments', { service: 'api' })).serviceDeployments;
    assert.equal(brief.status, 'ROLLBACK_FAILED');
    const stopped = (await h.call('DescribeTasks', { tasks: (await h.call('ListTasks', { serviceName: 'api', desiredStatus: 'STOPPED' })).taskArns })).tasks;
    assert.ok(stopped.every((t: any) => t.stoppedReason === 'Task failed container health checks' && t.stopCode === 'ServiceSchedulerInitiated'));
    assert.ok(stopped.every((t: any) => t.containers[0].healthStatus === 'UNHEALTHY'));
  });

  it('failing ELB health check: "is unhealthy in (target-group …)" and replacement', async () => {
    const h = harness();
    await h.control('scenarios', 'POST', { kind: 'health-check-failure', match: { service: 'api' }, times: 1 });
    await service(h, fargateTaskDef('web'), { loadBalancers: [{ targetGroupArn: TG_ARN, containerName: 'app', containerPort: 80 }] });
    await h.until(async () => {
      const s = await describeService(h, 'api');
      return s.deployments[0].rolloutState === 'COMPLETED' && s.runningCount === 1;
    }, 1800);
    const events = await eventMessages(h, 'api');
    assert.ok(
      events.some((e) => new RegExp(`^\\(service api\\) \\(task [0-9a-f]{32}\\) \\(port 80\\) is unhealthy in \\(target-group ${TG_ARN}\\) due to \\(reason Health checks failed with these codes: \\[503\\]\\)$`).test(e)),
      events.join('\n'),
    );
    const stopped = (await h.call('DescribeTasks', { tasks: (await h.call('ListTasks', { serviceName: 'api', desiredStatus: 'STOPPED' })).taskArns })).tasks;
    assert.equal(stopped.length, 1);
    assert.equal(stopped[0].stoppedReason, `Task failed ELB health checks in (target-group ${TG_ARN})`);
    // The unhealthy target was deregistered.
    assert.equal(h.effects.calls.filter((c) => c.kind === 'deregister').length, 1);
    assert.equal(h.effects.calls.filter((c) => c.kind === 'register').length, 2);
  });

  it('crash-looping container trips the breaker; logs carry the reason', async () => {
    const h = harness();
    await h.call('RegisterTaskDefinition', fargateTaskDef('web', 'app:1'));
    await service(h, fargateTaskDef('web', 'app:2'), { taskDefinition: 'web:1', deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } });
    await h.until(async () => (await describeService(h, 'api')).deployments[0].rolloutState === 'COMPLETED');
    await h.control('scenarios', 'POST', { kind: 'container-exit', match: { image: 'app:2' }, exitCode: 3, afterSeconds: 2 });
    await h.call('UpdateService', { service: 'api', taskDefinition: 'web:2' });
    await h.until(async () => {
      const s = await describeService(h, 'api');
      return s.deployments.length === 1 && s.deployments[0].rolloutState === 'COMPLETED' && s.taskDefinition.endsWith(':1');
    }, 1800);
    const stopped = (await h.call('DescribeTasks', { tasks: (await h.call('ListTasks', { serviceName: 'api', desiredStatus: 'STOPPED' })).taskArns })).tasks;
    assert.equal(stopped.length, 3);
    for (const t of stopped) {
      assert.equal(t.stopCode, 'EssentialContainerExited');
      assert.equal(t.containers[0].exitCode, 3);
      assert.deepEqual(h.effects.logsFor(t.taskArn.split('/').pop()).slice(-2), ['Error: unrecoverable error, exiting', 'Process exited with code 3']);
    }
  });

  it('scenario control API: add, list, validate, remove; timings; state; reset', async () => {
    const h = harness();
    const { scenario } = await h.control('scenarios', 'POST', { kind: 'image-pull-failure', match: { image: 'bad' }, times: 2 });
    assert.match(scenario.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual((await h.control('/scenarios/', 'GET')).scenarios.map((s: any) => s.kind), ['image-pull-failure']);
    await assert.rejects(h.control('scenarios', 'POST', { kind: 'meteor-strike' }), /kind must be one of/);
    await assert.rejects(h.control('scenarios', 'POST', { kind: 'container-exit', match: { colour: 'red' } }), /Unknown match key/);
    await h.control(`scenarios/${scenario.id}`, 'DELETE');
    assert.deepEqual((await h.control('scenarios', 'GET')).scenarios, []);
    await assert.rejects(h.control(`scenarios/${scenario.id}`, 'DELETE'), /not found/);

    const { timings } = await h.control('timings', 'PUT', { provisioning: 1, pending: 1, imagePull: 1 });
    assert.equal(timings.provisioning, 1);
    await assert.rejects(h.control('timings', 'PUT', { warp: 1 }), /Unknown timing/);
    await h.call('RegisterTaskDefinition', fargateTaskDef('job'));
    const { tasks } = await h.call('RunTask', { taskDefinition: 'job', launchType: 'FARGATE', networkConfiguration: NETWORK });
    await h.step(3);
    assert.equal((await h.call('DescribeTasks', { tasks: [tasks[0].taskArn] })).tasks[0].lastStatus, 'RUNNING');
    assert.equal((await h.control('timings', 'DELETE')).timings.provisioning, 8);

    const state = await h.control('state', 'GET');
    assert.equal(state.tasks.length, 1);
    assert.equal(state.taskDefinitions.length, 1);
    assert.equal(typeof state.now, 'number');
    await assert.rejects(h.control('nothing', 'GET'), /Unknown ECS control call/);

    await h.engine.reset();
    assert.deepEqual((await h.call('ListTaskDefinitionFamilies', {})).families, []);
    await h.step(100); // timers from before the reset do nothing
    assert.equal((await h.control('state', 'GET')).tasks.length, 0);
  });

  it('side-effect failures are logged, never fatal', async () => {
    const h = harness();
    h.effects.failWith = new Error('moto is down');
    await service(h, fargateTaskDef('web'), { loadBalancers: [{ targetGroupArn: TG_ARN, containerName: 'app', containerPort: 80 }] });
    await h.until(async () => (await describeService(h, 'api')).deployments[0].rolloutState === 'COMPLETED');
    assert.ok(h.logs.some((l) => l.includes("'RegisterTargets' failed: moto is down")));
    assert.ok(h.logs.some((l) => l.includes("'awslogs' failed: moto is down")));
  });
});
