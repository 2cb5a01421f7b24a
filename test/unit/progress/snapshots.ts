import type { ProgressSnapshot } from '../../../src/monitor/index.js';

const TD = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/app:${n}`;
export const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

/** A snapshot with a new PRIMARY (app:42) and an old ACTIVE (app:41). */
export function snap(o: { running?: number; pending?: number; oldRunning?: number; elapsedMs?: number; rollout?: string; phase?: string; sd?: ProgressSnapshot['serviceDeployment']; reason?: string } = {}): ProgressSnapshot {
  const running = o.running ?? 0;
  return {
    service: { name: 'web', status: 'ACTIVE', taskDefinition: TD(42), desired: 4, running: running + (o.oldRunning ?? 4), pending: o.pending ?? 0 },
    deployments: [
      { id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD(42), desired: 4, pending: o.pending ?? 0, running, failed: 0, rolloutState: o.rollout ?? 'IN_PROGRESS' },
      ...(o.oldRunning === 0 ? [] : [{ id: 'ecs-svc/1', status: 'ACTIVE', taskDefinition: TD(41), desired: o.oldRunning ?? 4, pending: 0, running: o.oldRunning ?? 4, failed: 0, rolloutState: 'COMPLETED' }]),
    ],
    ...(o.sd ? { serviceDeployment: o.sd } : {}),
    waitUntil: 'stable',
    state: 'in-progress',
    reason: o.reason ?? `${running}/4 running`,
    phase: o.phase ?? 'SCALE_UP',
    elapsedMs: o.elapsedMs ?? 0,
  };
}
