import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTracker, eventLevel } from '../../../src/monitor/index.js';
import { T0, event } from './fixtures.js';

test('EventTracker: each event once, oldest first, none before the start', () => {
  const tr = new EventTracker(T0);
  const before = event('e0', -5000, '(service web) has reached a steady state.');
  const e1 = event('e1', 1000, '(service web) has started 2 tasks: (task a) (task b).');
  const e2 = event('e2', 2000, '(service web) registered 2 targets in (target-group arn)');
  // ECS lists newest first.
  assert.deepEqual(tr.fresh([e1, before]).map((e) => e.id), ['e1']);
  assert.deepEqual(tr.fresh([e2, e1, before]).map((e) => e.id), ['e2']);
  assert.deepEqual(tr.fresh([e2, e1, before]), []);
  const e3 = event('e3', 3000, '(service web) (deployment ecs-svc/2) deployment completed.');
  const e4 = event('e4', 3001, '(service web) has reached a steady state.');
  assert.deepEqual(tr.fresh([e4, e3, e2, e1]).map((e) => e.message), [e3.message, e4.message]);
});

test('EventTracker: events without ids are keyed by time and text; same createdAt keeps ECS order reversed', () => {
  const tr = new EventTracker(undefined);
  const a = { createdAt: new Date(T0), message: 'first' };
  const b = { createdAt: new Date(T0), message: 'second' };
  assert.deepEqual(tr.fresh([b, a]).map((e) => e.message), ['first', 'second']);
  assert.deepEqual(tr.fresh([b, a]), []);
});

const levels: [string, string][] = [
  ['(service web) has started 1 tasks: (task x).', 'info'],
  ['(service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.', 'warn'],
  ['(service web) rolling back to deployment ecs-svc/1.', 'warn'],
  ['(service web) was unable to place a task. Reason: Capacity is unavailable at this time.', 'warn'],
  ['(service web) (task abc) (port 80) is unhealthy in (target-group arn) due to (reason Health checks failed)', 'warn'],
  ['(service web) has reached a steady state.', 'info'],
];
for (const [m, l] of levels) test(`eventLevel: ${m.slice(14, 60)} → ${l}`, () => assert.equal(eventLevel(m), l));
