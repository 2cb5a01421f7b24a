import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Task } from '@aws-sdk/client-ecs';
import { describeGroup, diagnoseStoppedTasks, formatDiagnosis } from '../../../src/monitor/index.js';
import { stoppedTask } from './fixtures.js';

const pull = (n: number) =>
  Array.from({ length: n }, () =>
    stoppedTask({
      stopCode: 'TaskFailedToStart',
      stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/nginx:nope: not found',
      containers: [{ name: 'app', lastStatus: 'STOPPED', reason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' }],
    }),
  );
const exit1 = (n: number) =>
  Array.from({ length: n }, () =>
    stoppedTask({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [
        { name: 'app', lastStatus: 'STOPPED', exitCode: 1 },
        { name: 'sidecar', lastStatus: 'STOPPED', exitCode: 0 },
      ],
    }),
  );
const scaleIn = (n: number) => Array.from({ length: n }, () => stoppedTask({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/2)', containers: [{ name: 'app', exitCode: 0 }] }));
const oom = () => stoppedTask({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'app', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }] });
const elb = () => stoppedTask({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/tg/8e6d)' });

interface Case {
  name: string;
  tasks: Task[];
  groups: { count: number; stopCode?: string; containers?: unknown[]; reason?: RegExp }[];
  text?: RegExp[];
}

const cases: Case[] = [
  { name: 'no tasks', tasks: [], groups: [] },
  {
    name: 'image pull failures are grouped and counted',
    tasks: pull(3),
    groups: [{ count: 3, stopCode: 'TaskFailedToStart', reason: /^CannotPullContainerError/ }],
    text: [/^3 tasks stopped: CannotPullContainerError: .* \(TaskFailedToStart\); container app: CannotPullContainerError/],
  },
  {
    name: 'exit code 1: only the failed container, exit 0 sidecars are left out',
    tasks: exit1(2),
    groups: [{ count: 2, stopCode: 'EssentialContainerExited', containers: [{ name: 'app', exitCode: 1 }] }],
    text: [/^2 tasks stopped: Essential container in task exited \(EssentialContainerExited\); container app exit code 1$/],
  },
  {
    name: 'mixed causes: most frequent first, routine scale-ins last and not in the text',
    tasks: [...scaleIn(4), ...exit1(1), ...pull(2)],
    groups: [{ count: 2, stopCode: 'TaskFailedToStart' }, { count: 1, stopCode: 'EssentialContainerExited' }, { count: 4, stopCode: 'ServiceSchedulerInitiated' }],
  },
  {
    name: 'OOM keeps exit code and reason',
    tasks: [oom()],
    groups: [{ count: 1, containers: [{ name: 'app', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }] }],
    text: [/container app exit code 137: OutOfMemoryError/],
  },
  { name: 'ELB health check failures have no container detail', tasks: [elb(), elb()], groups: [{ count: 2, stopCode: 'ServiceSchedulerInitiated', containers: [], reason: /ELB health checks/ }] },
];

for (const c of cases) {
  test(`diagnoseStoppedTasks: ${c.name}`, () => {
    const d = diagnoseStoppedTasks(c.tasks);
    assert.equal(d.tasks, c.tasks.length);
    assert.equal(d.groups.length, c.groups.length);
    c.groups.forEach((want, i) => {
      const g = d.groups[i];
      assert.equal(g.count, want.count);
      if (want.stopCode) assert.equal(g.stopCode, want.stopCode);
      if (want.containers) assert.deepEqual(g.containers, want.containers);
      if (want.reason) assert.match(g.stoppedReason ?? '', want.reason);
      assert.ok(g.taskIds.length <= 5 && g.taskIds.length === Math.min(5, g.count));
    });
    const text = formatDiagnosis(d);
    assert.doesNotMatch(text, /Scaling activity/);
    c.text?.forEach((re) => assert.match(text, re));
  });
}

test('diagnoseStoppedTasks: task ids newest first, at most 5', () => {
  const d = diagnoseStoppedTasks(pull(7));
  const ids = d.groups[0].taskIds;
  assert.equal(ids.length, 5);
  assert.deepEqual([...ids].sort().reverse(), ids);
});

test('describeGroup singular', () => {
  assert.equal(describeGroup({ count: 1, stoppedReason: 'Task stopped by user', stopCode: 'UserInitiated', containers: [], taskIds: [] }), '1 task stopped: Task stopped by user (UserInitiated)');
});
