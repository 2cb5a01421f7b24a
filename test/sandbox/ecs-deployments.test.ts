import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NETWORK, TG_ARN, describeService, eventMessages, fargateTaskDef, harness, type Harness } from './ecs-helpers.js';

const stable = (s: any) => s.deployments.length === 1 && s.runningCount === s.desiredCount && s.status === 'ACTIVE';
const summary = (s: any) => s.deployments.map((d: any) => `${d.status}:${d.rolloutState}:d${d.desiredCount}:r${d.runningCount}:p${d.pendingCount}`).join(' ');

async function stableService(h: Harness, extra: Record<string, unknown> = {}, desiredCount = 4) {
  await h.call('RegisterTaskDefinition', fargateTaskDef('web', 'nginx:1'));
  await h.call('RegisterTaskDefinition', fargateTaskDef('web', 'nginx:2'));
  await h.call('CreateService', {
    serviceName: 'api',
    taskDefinition: 'web:1',
    desiredCount,
    launchType: 'FARGATE',
    networkConfiguration: NETWORK,
    ...extra,
  });
  await h.until(async () => {
    const s = await describeService(h, 'api');
    return stable(s) && s.deployments[0].rolloutState === 'COMPLETED';
  });
}

describe('ECS rolling deployments', () => {
  it('rolls 4 tasks to a new task definition: counts, events, COMPLETED, steady state', async () => {
    const h = harness();
    await stableService(h);
    const oldDeployment = (await describeService(h, 'api')).deployments[0].id;
    const t0 = h.clock.now();

    const updated = await h.call('UpdateService', { service: 'api', taskDefinition: 'web:2' });
    const [primary, active] = updated.service.deployments;
    // The response already shows the new PRIMARY with zero counts (reference §2.1).
    assert.match(primary.id, /^ecs-svc\/\d{19}$/);
    assert.equal(primary.status, 'PRIMARY');
    assert.deepEqual([primary.desiredCount, primary.runningCount, primary.pendingCount, primary.failedTasks], [0, 0, 0, 0]);
    assert.equal(primary.createdAt, primary.updatedAt);
    assert.equal(primary.rolloutState, 'IN_PROGRESS');
    assert.equal(primary.rolloutStateReason, `ECS deployment ${primary.id} in progress.`);
    assert.equal(active.id, oldDeployment);
    assert.equal(active.status, 'ACTIVE');
    assert.equal(active.rolloutState, 'COMPLETED');
    assert.equal(active.runningCount, 4);
    assert.match(updated.service.taskDefinition, /web:2$/);

    const seen: string[] = [];
    const elapsed = await h.until(async () => {
      const s = await describeService(h, 'api');
      const line = summary(s);
      if (seen[seen.length - 1] !== line) seen.push(line);
      // Never more than maximumPercent (200%) wanted tasks, never fewer than 100% running.
      assert.ok(s.runningCount >= 4, `running dropped below minimum: ${line}`);
      assert.ok(s.deployments.reduce((n: number, d: any) => n + d.desiredCount, 0) <= 8);
      return stable(s) && s.deployments[0].rolloutState === 'COMPLETED';
    });
    assert.ok(elapsed > 60 && elapsed < 300, `deploy took ${elapsed}s`);
    assert.deepEqual(seen.slice(0, 3), [
      'PRIMARY:IN_PROGRESS:d0:r0:p0 ACTIVE:COMPLETED:d4:r4:p0',
      'PRIMARY:IN_PROGRESS:d4:r0:p4 ACTIVE:COMPLETED:d4:r4:p0',
      'PRIMARY:IN_PROGRESS:d4:r4:p0 ACTIVE:COMPLETED:d4:r4:p0',
    ]);
    assert.equal(seen[seen.length - 1], 'PRIMARY:COMPLETED:d4:r4:p0');

    const s = await describeService(h, 'api');
    assert.equal(s.deployments[0].id, primary.id);
    assert.equal(s.deployments[0].rolloutStateReason, `ECS deployment ${primary.id} completed.`);
    const events = (await eventMessages(h, 'api')).slice(-4);
    assert.match(events[0]!, /^\(service api\) has started 4 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    assert.match(events[1]!, /^\(service api\) has stopped 4 running tasks: (\(task [0-9a-f]{32}\) ?){4}\.$/);
    assert.equal(events[2], `(service api) (deployment ${primary.id}) deployment completed.`);
    assert.equal(events[3], '(service api) has reached a steady state.');
    const raw = (await describeService(h, 'api')).events;
    assert.equal(Math.round((raw[0].createdAt - raw[1].createdAt) * 1000), 1, 'steady state comes 1 ms after completion');

    // Old tasks were stopped by the scheduler, on behalf of their own deployment.
    const stopped = await h.call('ListTasks', { serviceName: 'api', desiredStatus: 'STOPPED' });
    const tasks = (await h.call('DescribeTasks', { tasks: stopped.taskArns })).tasks;
    assert.equal(tasks.length, 4);
    for (const t of tasks) {
      assert.equal(t.lastStatus, 'STOPPED');
      assert.equal(t.stopCode, 'ServiceSchedulerInitiated');
      assert.equal(t.stoppedReason, `Scaling activity initiated by (deployment ${oldDeployment})`);
      assert.equal(t.startedBy, oldDeployment);
      assert.equal(t.group, 'service:api');
    }
    const running = await h.call('ListTasks', { serviceName: 'api' });
    assert.equal(running.taskArns.length, 4);
    assert.ok(h.clock.now() - t0 < 300_000);

    // A steady service repeats the event every 6 hours (duplicate suppression window).
    await h.step(6 * 3600 + 1);
    const later = (await describeService(h, 'api')).events;
    assert.equal(later.length, raw.length + 1);
    assert.equal(later[0].message, '(service api) has reached a steady state.');
    assert.equal(Math.round(later[0].createdAt - raw[0].createdAt), 6 * 3600);
  });

  it('with minimumHealthyPercent 50 / maximumPercent 100 stops old tasks first', async () => {
    const h = harness();
    await stableService(h, { deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 } });
    await h.call('UpdateService', { service: 'api', taskDefinition: 'web:2' });
    let minRunning = 4;
    let maxWanted = 0;
    await h.until(async () => {
      const s = await describeService(h, 'api');
      minRunning = Math.min(minRunning, s.runningCount);
      const tasks = await h.call('ListTasks', { serviceName: 'api' });
      maxWanted = Math.max(maxWanted, tasks.taskArns.length);
      return stable(s) && s.deployments[0].rolloutState === 'COMPLETED';
    });
    assert.equal(minRunning, 2, 'two old tasks stopped before new ones start');
    assert.equal(maxWanted, 4, 'never more than 100%');
  });

  it('reports a deadlocked configuration (min 100%, max 100%)', async () => {
    const h = harness();
    await stableService(h, { deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100 } }, 2);
    await h.call('UpdateService', { service: 'api', taskDefinition: 'web:2' });
    await h.step(120);
    const events = await eventMessages(h, 'api');
    assert.equal(
      events[events.length - 1],
      '(service api) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.',
    );
    assert.equal((await describeService(h, 'api')).deployments.length, 2);
  });

  it('scales up and down without a new deployment', async () => {
    const h = harness();
    await stableService(h, {}, 2);
    const dep = (await describeService(h, 'api')).deployments[0].id;
    const up = await h.call('UpdateService', { service: 'api', desiredCount: 5 });
    assert.equal(up.service.deployments.length, 1);
    assert.equal(up.service.desiredCount, 5);
    await h.until(async () => (await describeService(h, 'api')).runningCount === 5);
    let s = await describeService(h, 'api');
    assert.equal(s.deployments[0].id, dep);
    assert.equal(s.deployments[0].desiredCount, 5);
    await h.step(60);
    let events = await eventMessages(h, 'api');
    assert.match(events[events.length - 2]!, /has started 3 tasks/);
    assert.equal(events[events.length - 1], '(service api) has reached a steady state.');

    await h.call('UpdateService', { service: 'api', desiredCount: 1 });
    await h.until(async () => {
      const x = await describeService(h, 'api');
      return x.runningCount === 1 && (await h.call('ListTasks', { serviceName: 'api' })).taskArns.length === 1;
    });
    await h.step(60);
    s = await describeService(h, 'api');
    assert.equal(s.deployments[0].id, dep);
    events = await eventMessages(h, 'api');
    assert.match(events[events.length - 2]!, /^\(service api\) has stopped 4 running tasks: /);
    assert.equal(events[events.length - 1], '(service api) has reached a steady state.');
    const stopped = await h.call('ListTasks', { serviceName: 'api', desiredStatus: 'STOPPED' });
    const t = (await h.call('DescribeTasks', { tasks: stopped.taskArns })).tasks[0];
    assert.equal(t.stoppedReason, `Scaling activity initiated by (deployment ${dep})`);
  });

  it('forceNewDeployment starts a deployment of the same task definition; a newer update supersedes it', async () => {
    const h = harness();
    await stableService(h, {}, 1);
    const first = await h.call('UpdateService', { service: 'api', forceNewDeployment: true });
    assert.equal(first.service.deployments.length, 2);
    assert.equal(first.service.deployments[0].taskDefinition, first.service.deployments[1].taskDefinition);
    await h.step(15);
    const second = await h.call('UpdateService', { service: 'api', taskDefinition: 'web:2' });
    assert.equal(second.service.deployments.length, 3);
    assert.deepEqual(second.service.deployments.map((d: any) => d.status), ['PRIMARY', 'ACTIVE', 'ACTIVE']);
    await h.until(async () => {
      const s = await describeService(h, 'api');
      return stable(s) && s.deployments[0].rolloutState === 'COMPLETED';
    });
    const events = await eventMessages(h, 'api');
    assert.ok(events.includes('(service api) stopped 1 pending tasks.'), events.join('\n'));
    const sds = (await h.call('ListServiceDeployments', { service: 'api' })).serviceDeployments;
    assert.deepEqual(sds.map((d: any) => d.status), ['SUCCESSFUL', 'STOPPED', 'SUCCESSFUL']);
  });

  it('registers targets, drains with the deregistration delay, and writes the ALB events', async () => {
    const h = harness();
    await stableService(h, { loadBalancers: [{ targetGroupArn: TG_ARN, containerName: 'app', containerPort: 80 }] }, 1);
    const registered = h.effects.calls.filter((c) => c.kind === 'register');
    assert.equal(registered.length, 1);
    assert.equal(registered[0]!.targetGroupArn, TG_ARN);
    assert.match(registered[0]!.targets![0]!.id, /^10\.0\.\d+\.\d+$/);
    assert.equal(registered[0]!.targets![0]!.port, 80);
    const oldIp = registered[0]!.targets![0]!.id;
    const oldDep = (await describeService(h, 'api')).deployments[0].id;

    await h.control('scenarios', 'POST', { kind: 'slow-draining', match: { service: 'api' }, delaySeconds: 300 });
    await h.call('UpdateService', { service: 'api', taskDefinition: 'web:2' });
    // Wait for the old task to be told to stop: it sits in DEACTIVATING while draining.
    await h.until(async () => h.effects.calls.some((c) => c.kind === 'deregister'));
    const [oldTask] = (await h.call('DescribeTasks', { tasks: (await h.call('ListTasks', { serviceName: 'api', desiredStatus: 'STOPPED' })).taskArns })).tasks;
    assert.equal(oldTask.lastStatus, 'DEACTIVATING');
    assert.equal(h.effects.calls.find((c) => c.kind === 'deregister')!.targets![0]!.id, oldIp);
    await h.step(200);
    let s = await describeService(h, 'api');
    assert.equal(s.deployments.length, 2, 'the old deployment stays ACTIVE while its task drains');
    const drainElapsed = await h.until(async () => {
      s = await describeService(h, 'api');
      return stable(s) && s.deployments[0].rolloutState === 'COMPLETED';
    });
    assert.ok(drainElapsed > 90, 'completes only after the 300 s deregistration delay');

    const events = await eventMessages(h, 'api');
    const tail = events.slice(events.indexOf(events.find((e) => e.includes('has started 1 tasks') && events.indexOf(e) > 2)!));
    assert.match(tail[0]!, /^\(service api\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/);
    assert.equal(tail[1], `(service api) registered 1 targets in (target-group ${TG_ARN})`);
    assert.match(tail[2]!, /^\(service api\) has stopped 1 running tasks: \(task [0-9a-f]{32}\)\.$/);
    assert.equal(tail[3], `(service api) deregistered 1 targets in (target-group ${TG_ARN})`);
    assert.equal(tail[4], `(service api, taskSet ${oldDep}) has begun draining connections on 1 tasks.`);
    assert.match(tail[5]!, /deployment completed\.$/);
    assert.equal(tail[6], '(service api) has reached a steady state.');
  });
});
