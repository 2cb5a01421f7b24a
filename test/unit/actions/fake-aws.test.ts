// Actions against scripted clients (ctx.clients) on a fake clock: delete's Express refusal and
// its wait for INACTIVE, and `tasks logs --follow` printing each event once until aborted.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deleteService, type DeleteResult } from '../../../src/actions/delete.js';
import { taskLogs } from '../../../src/actions/tasks.js';
import type { LoadedConfig } from '../../../src/config/load.js';
import { MemoryIoHost } from '../../../src/io/hosts.js';
import { SecretRegistry } from '../../../src/plugins/index.js';
import { FakeClock, fakeClients } from './fakes.js';

function loaded(extra: Partial<LoadedConfig['config']> = {}): LoadedConfig {
  return {
    config: { file: '/w/ecsx.yml', dir: '/w', cluster: 'default', service: 'web', timeoutMs: 600_000, plugins: [], ignore: { tags: [] }, rendered: {}, ...extra },
    evaluator: {} as LoadedConfig['evaluator'],
    secrets: new SecretRegistry(),
    aws: { region: 'us-east-1' },
  };
}

const service = (status: string, extra: Record<string, unknown> = {}) => ({ serviceName: 'web', status, desiredCount: 0, runningCount: 0, pendingCount: 0, deployments: [], events: [], ...extra });

describe('delete', () => {
  it('refuses an Express Mode service before changing anything', async () => {
    const clients = fakeClients(() => ({ services: [service('ACTIVE', { resourceManagementType: 'ECS' })] }));
    await assert.rejects(
      deleteService({ io: new MemoryIoHost(), clock: new FakeClock(), clients }, loaded(), { force: true }),
      (e: any) => e.code === 'EXPRESS_SERVICE' && /is an ECS Express Mode service/.test(e.message),
    );
    assert.deepEqual(clients.calls.map((c) => c.operation), ['DescribeServices']);
  });

  it('asks for the service name on a terminal, deletes, and reports progress until INACTIVE', async () => {
    const states = ['ACTIVE', 'DRAINING', 'DRAINING', 'INACTIVE'];
    const clients = fakeClients((op) => {
      if (op === 'DeleteService') return { service: service('DRAINING') };
      return { services: [service(states.shift()!, { runningCount: states.length > 1 ? 1 : 0 })] };
    });
    const io = new MemoryIoHost(['web']);
    const clock = new FakeClock();
    const r = (await deleteService({ io, clock, clients }, loaded(), {})) as DeleteResult;
    assert.equal(r.status, 'INACTIVE');
    assert.equal(r.deleted, true);
    assert.equal(io.withCode('ECSX_DELETE_CONFIRM').length, 1);
    assert.deepEqual(clients.calls.find((c) => c.operation === 'DeleteService')!.input, { cluster: 'default', service: 'web', force: undefined });
    assert.ok(io.withCode('ECSX_DELETE_PROGRESS').length >= 1);
    assert.equal(r.waitedMs, 1000 + 1500, 'polled at 1 s, then 1.5 s');
  });

  it('a wrong name cancels; a timeout is exit-4 TIMEOUT; Ctrl-C is INTERRUPTED', async () => {
    const draining = fakeClients(() => ({ services: [service('DRAINING', { runningCount: 1 })] }));
    await assert.rejects(deleteService({ io: new MemoryIoHost(), clock: new FakeClock(), clients: draining }, loaded({ timeoutMs: 30_000 }), {}), (e: any) => e.code === 'TIMEOUT');
    const abort = new AbortController();
    abort.abort(new Error('interrupted'));
    await assert.rejects(deleteService({ io: new MemoryIoHost(), clock: new FakeClock(), clients: draining, signal: abort.signal }, loaded(), {}), (e: any) => e.code === 'INTERRUPTED');
    const active = fakeClients(() => ({ services: [service('ACTIVE')] }));
    await assert.rejects(deleteService({ io: new MemoryIoHost(['wbe']), clock: new FakeClock(), clients: active }, loaded(), {}), (e: any) => e.code === 'NOT_CONFIRMED');
    assert.ok(!active.calls.some((c) => c.operation === 'DeleteService'));
  });
});

describe('tasks logs --follow', () => {
  it('polls on the clock, prints every event once, picks up new ones, stops on abort', async () => {
    const clock = new FakeClock();
    const abort = new AbortController();
    const t0 = clock.now();
    const events = [
      { eventId: '1', timestamp: t0 - 5000, message: 'Starting', logStreamName: 'ecs/app/abcdef0123456789' },
      { eventId: '2', timestamp: t0 - 1000, message: 'Ready', logStreamName: 'ecs/app/abcdef0123456789' },
    ];
    let polls = 0;
    const clients = fakeClients((op, input) => {
      switch (op) {
        case 'DescribeServices':
          return { services: [service('ACTIVE')] };
        case 'ListTasks':
          return { taskArns: input.desiredStatus === 'RUNNING' ? ['arn:aws:ecs:us-east-1:1:task/default/abcdef0123456789'] : [] };
        case 'DescribeTasks':
          return { tasks: [{ taskArn: 'arn:aws:ecs:us-east-1:1:task/default/abcdef0123456789', taskDefinitionArn: 'arn:td/web:1' }] };
        case 'DescribeTaskDefinition':
          return { taskDefinition: { containerDefinitions: [{ name: 'app', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'ecs' } } }, { name: 'sidecar' }] } };
        case 'FilterLogEvents': {
          polls++;
          if (polls === 2) events.push({ eventId: '3', timestamp: t0 + 1000, message: 'GET /', logStreamName: 'ecs/app/abcdef0123456789' });
          if (polls === 3) abort.abort(new Error('interrupted'));
          return { events: events.filter((e) => e.timestamp >= input.startTime) };
        }
      }
      throw new Error(`unexpected ${op}`);
    });
    const io = new MemoryIoHost();
    const r = await taskLogs({ io, clock, clients, signal: abort.signal }, loaded(), { follow: true, durationMs: 60_000 });
    assert.deepEqual(r.events.map((e) => e.message), ['Starting', 'Ready', 'GET /']);
    assert.equal(io.withCode('ECSX_TASK_LOGS').length, 2, 'one result per poll with new events');
    assert.match(io.withCode('ECSX_TASK_LOGS')[1]!.message, /^\S+ app\/abcdef01 GET \/$/);
    assert.equal(io.withCode('ECSX_TASK_LOGS_UNREADABLE').length, 1, 'the sidecar without awslogs is warned about once');
    assert.equal(clock.now() - t0, 4000, 'two 2 s polls');
  });
});
