import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { interpretRollout, type RolloutTarget } from '../../../src/monitor/index.js';
import { NEW, OLD, T0, TD, dep, sdep, svc } from './fixtures.js';

interface Case {
  name: string;
  service: Service | undefined;
  sd?: ServiceDeployment;
  target?: Partial<RolloutTarget>;
  state: string;
  rollback?: string;
  reason?: RegExp;
  phase?: string;
}

const base: RolloutTarget = { waitUntil: 'stable', taskDefinitionArn: TD(2), deploymentId: 'ecs-svc/2', seen: true, startedAt: T0 };
const canary = (stage: string, status = 'IN_PROGRESS') => sdep({ status: status as ServiceDeployment['status'], lifecycleStage: stage as ServiceDeployment['lifecycleStage'] });

const cases: Case[] = [
  // stable
  { name: 'stable: new deployment scaling up', service: svc({ deployments: [NEW({ running: 1 }), OLD()] }), state: 'in-progress', phase: 'SCALE_UP', reason: /1\/2 running, 1 older deployment draining/ },
  { name: 'stable: new at full count, old still draining', service: svc({ deployments: [NEW({ running: 2 }), OLD({ running: 1 })] }), state: 'in-progress', phase: 'CLEAN_UP' },
  { name: 'stable: one deployment COMPLETED, running == desired', service: svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })] }), state: 'succeeded', reason: /stable on app:2/ },
  { name: 'stable: one deployment without rolloutState (Classic LB) and running == desired', service: svc({ deployments: [dep({ id: 'ecs-svc/2', td: 2, running: 2 })] }), state: 'succeeded' },
  { name: 'stable: one deployment IN_PROGRESS at full count is not yet stable', service: svc({ deployments: [NEW({ running: 2 })] }), state: 'in-progress' },
  { name: 'stable: COMPLETED but running < desired', service: svc({ deployments: [NEW({ running: 1, rollout: 'COMPLETED' })] }), state: 'in-progress' },
  // deployed
  { name: 'deployed: PRIMARY COMPLETED while old tasks drain', service: svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' }), OLD({ running: 1 })] }), target: { waitUntil: 'deployed' }, state: 'succeeded', reason: /completed/ },
  { name: 'deployed: PRIMARY IN_PROGRESS', service: svc({ deployments: [NEW({ running: 2 }), OLD({ running: 1 })] }), target: { waitUntil: 'deployed' }, state: 'in-progress' },
  { name: 'deployed: ServiceDeployment SUCCESSFUL decides', service: svc({ deployments: [NEW({ running: 2 }), OLD({ running: 1 })] }), sd: sdep({ status: 'SUCCESSFUL' }), target: { waitUntil: 'deployed' }, state: 'succeeded', reason: /successful/ },
  { name: 'deployed: ServiceDeployment IN_PROGRESS overrides classic COMPLETED', service: svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })] }), sd: sdep({ status: 'IN_PROGRESS' }), target: { waitUntil: 'deployed' }, state: 'in-progress' },
  { name: 'deployed: ServiceDeployment required but not found yet', service: svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })] }), target: { waitUntil: 'deployed', requireServiceDeployment: true }, state: 'in-progress', reason: /waiting for the service deployment/ },
  // ecs:STAGE
  { name: 'ecs:BAKE_TIME: at PRODUCTION_TRAFFIC_SHIFT', service: svc({ deployments: [NEW({ running: 2 }), OLD()], strategy: 'CANARY' }), sd: canary('PRODUCTION_TRAFFIC_SHIFT'), target: { waitUntil: 'ecs:BAKE_TIME' }, state: 'in-progress', phase: 'PRODUCTION_TRAFFIC_SHIFT' },
  { name: 'ecs:BAKE_TIME: at BAKE_TIME', service: svc({ deployments: [NEW({ running: 2 }), OLD()], strategy: 'CANARY' }), sd: canary('BAKE_TIME'), target: { waitUntil: 'ecs:BAKE_TIME' }, state: 'succeeded' },
  { name: 'ecs:BAKE_TIME: past it (CLEAN_UP)', service: svc({ deployments: [NEW({ running: 2 }), OLD()], strategy: 'CANARY' }), sd: canary('CLEAN_UP'), target: { waitUntil: 'ecs:BAKE_TIME' }, state: 'succeeded' },
  { name: 'ecs:CLEAN_UP: SUCCESSFUL counts as past every stage', service: svc({ deployments: [NEW({ running: 2, rollout: 'COMPLETED' })], strategy: 'CANARY' }), sd: canary('CLEAN_UP', 'SUCCESSFUL'), target: { waitUntil: 'ecs:CLEAN_UP' }, state: 'succeeded' },
  { name: 'ecs:SCALE_UP: no service deployment yet', service: svc({ deployments: [NEW()], strategy: 'CANARY' }), target: { waitUntil: 'ecs:SCALE_UP' }, state: 'in-progress' },
  // failures, classic
  { name: 'circuit breaker without rollback: PRIMARY FAILED', service: svc({ deployments: [NEW({ rollout: 'FAILED', reason: 'ECS deployment circuit breaker: tasks failed to start.', failed: 3 }), OLD()] }), state: 'failed', rollback: 'none', reason: /circuit breaker: tasks failed to start$/ },
  { name: 'circuit breaker with rollback configured, swap not visible yet', service: svc({ deployments: [NEW({ rollout: 'FAILED' }), OLD()], breaker: { enable: true, rollback: true } }), state: 'failed', rollback: 'expected' },
  { name: 'rolling back: old deployment PRIMARY again, IN_PROGRESS', service: svc({ deployments: [OLD({ status: 'PRIMARY', rollout: 'IN_PROGRESS', reason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.' }), NEW({ status: 'ACTIVE', rollout: 'FAILED' })] }), state: 'failed', rollback: 'in-progress', phase: 'ROLLBACK', reason: /rolling back to app:1 \(ecs-svc\/1\)/ },
  { name: 'rolled back: failed deployment drained, old steady', service: svc({ deployments: [OLD({ status: 'PRIMARY', rollout: 'COMPLETED' })] }), state: 'rolled-back', reason: /ECS rolled back to app:1/ },
  { name: 'PRIMARY-TD confirm: stable but on the previous task definition (#732)', service: svc({ deployments: [OLD({ status: 'PRIMARY' })] }), target: { deploymentId: undefined }, state: 'rolled-back' },
  { name: 'PRIMARY-TD confirm: same task definition, older deployment id (force-new rollback)', service: svc({ deployments: [dep({ id: 'ecs-svc/1', td: 2, running: 2, rollout: 'COMPLETED', createdAt: T0 - 3_600_000 })] }), state: 'rolled-back' },
  { name: 'old PRIMARY before the new deployment was ever seen is a stale read', service: svc({ deployments: [OLD({ status: 'PRIMARY' })] }), target: { seen: false }, state: 'in-progress', phase: 'PENDING' },
  { name: 'superseded by a newer deployment', service: svc({ deployments: [dep({ id: 'ecs-svc/3', td: 3, createdAt: T0 + 60_000, rollout: 'IN_PROGRESS' }), NEW({ status: 'ACTIVE', running: 2 })] }), state: 'failed', rollback: 'none', reason: /superseded by ecs-svc\/3 \(app:3\)/ },
  { name: 'service missing', service: undefined, state: 'failed', reason: /service not found/ },
  { name: 'service DRAINING', service: svc({ deployments: [NEW()], status: 'DRAINING' }), state: 'failed', reason: /DRAINING/ },
  // failures, ServiceDeployment
  { name: 'SD ROLLBACK_IN_PROGRESS', service: svc({ deployments: [NEW(), OLD()] }), sd: sdep({ status: 'ROLLBACK_IN_PROGRESS', statusReason: 'Circuit breaker triggered.' }), state: 'failed', rollback: 'in-progress' },
  { name: 'SD ROLLBACK_SUCCESSFUL', service: svc({ deployments: [OLD({ status: 'PRIMARY' })] }), sd: sdep({ status: 'ROLLBACK_SUCCESSFUL' }), state: 'rolled-back' },
  { name: 'SD ROLLBACK_FAILED', service: svc({ deployments: [NEW(), OLD()] }), sd: sdep({ status: 'ROLLBACK_FAILED' }), state: 'failed', rollback: 'none', reason: /rollback failed/ },
  { name: 'SD STOPPED', service: svc({ deployments: [NEW({ rollout: 'FAILED' }), OLD()] }), sd: sdep({ status: 'STOPPED', statusReason: 'stopped by user.' }), state: 'failed', rollback: 'none', reason: /stopped: stopped by user$/ },
  { name: 'SD circuit breaker TRIGGERED with rollback configured', service: svc({ deployments: [NEW(), OLD()], breaker: { enable: true, rollback: true } }), sd: sdep({ deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 } }), state: 'failed', rollback: 'expected', reason: /3 of 3/ },
  { name: 'SD alarm TRIGGERED without rollback', service: svc({ deployments: [NEW(), OLD()] }), sd: sdep({ alarms: { status: 'TRIGGERED', triggeredAlarmNames: ['5xx'] } }), state: 'failed', rollback: 'none', reason: /alarm 5xx/ },
  { name: 'SD SUCCESSFUL but PRIMARY is the previous revision', service: svc({ deployments: [OLD({ status: 'PRIMARY' })] }), sd: sdep({ status: 'SUCCESSFUL' }), target: { waitUntil: 'deployed' }, state: 'rolled-back' },
];

for (const c of cases) {
  test(`interpretRollout: ${c.name}`, () => {
    const r = interpretRollout(c.service, c.sd, { ...base, ...c.target });
    assert.equal(r.state, c.state, r.reason);
    if (c.rollback) assert.equal(r.rollback, c.rollback);
    if (c.reason) assert.match(r.reason, c.reason);
    if (c.phase) assert.equal(r.phase, c.phase);
  });
}
