import type { Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { stageIndex, waitStage, type WaitUntil } from './lifecycle.js';
import { ms, shortTaskDefinition } from './names.js';
import type { RollbackProgress, RolloutInterpretation } from './types.js';

/** What the monitor is waiting for, as {@link interpretRollout} needs it. */
export interface RolloutTarget {
  waitUntil: WaitUntil;
  taskDefinitionArn?: string;
  /** `ecs-svc/N` of the watched deployment, when known: tells a rollback to the same task definition apart. */
  deploymentId?: string;
  /** The watched deployment has been seen in `deployments[]`; until then an old PRIMARY is a stale read, not a rollback. */
  seen?: boolean;
  /** When the change was made (epoch ms): a PRIMARY created later supersedes the watch. */
  startedAt?: number;
  /** The ServiceDeployments API is in use but the deployment is not found yet: do not decide success from `deployments[]`. */
  requireServiceDeployment?: boolean;
}

/** Reasons from ECS end with a period; ours are joined with `;`. */
const clean = (s: string | undefined) => s?.trim().replace(/\.$/, '');

const inProgress = (reason: string, phase: string): RolloutInterpretation => ({ state: 'in-progress', reason, phase, rollback: 'none' });
const failed = (reason: string, rollback: RollbackProgress = 'none', phase = 'FAILED'): RolloutInterpretation => ({ state: 'failed', reason, phase, rollback });

/** A deployment is the watched one: same id when known, else same task definition. */
function isTarget(d: Deployment | undefined, t: RolloutTarget): boolean {
  if (!d) return false;
  if (t.deploymentId) return d.id === t.deploymentId;
  return t.taskDefinitionArn === undefined || d.taskDefinition === t.taskDefinitionArn;
}

/** One deployment, COMPLETED (or no rolloutState, as behind a Classic LB) and all tasks running. */
function isSteady(s: Service): boolean {
  const deps = s.deployments ?? [];
  if (deps.length !== 1) return false;
  const d = deps[0];
  const rolloutOk = d.rolloutState === undefined || d.rolloutState === 'COMPLETED';
  return rolloutOk && (s.runningCount ?? 0) === (s.desiredCount ?? 0) && (d.runningCount ?? 0) === (d.desiredCount ?? 0);
}

/** Whether ECS was told to roll back on failure (circuit breaker or alarms). */
function rollbackConfigured(s: Service, sd?: ServiceDeployment): boolean {
  const c = sd?.deploymentConfiguration ?? s.deploymentConfiguration;
  return c?.deploymentCircuitBreaker?.rollback === true || (c?.alarms?.enable === true && c.alarms.rollback === true);
}

function rolledBackTo(primary: Deployment | undefined) {
  return primary ? { id: primary.id, taskDefinition: primary.taskDefinition } : undefined;
}

/** ECS made an older deployment PRIMARY again: rolled back once it is steady, rolling back until then. */
function rollbackState(s: Service, primary: Deployment | undefined, why: string): RolloutInterpretation {
  const to = `${shortTaskDefinition(primary?.taskDefinition)}${primary?.id ? ` (${primary.id})` : ''}`;
  if (isSteady(s)) return { state: 'rolled-back', reason: `${why}; ECS rolled back to ${to}`, cause: why, phase: 'ROLLED_BACK', rollback: 'in-progress', rollbackTo: rolledBackTo(primary) };
  return { ...failed(`${why}; ECS is rolling back to ${to}`, 'in-progress', 'ROLLBACK'), cause: why, rollbackTo: rolledBackTo(primary) };
}

/** Verdicts from the ServiceDeployment alone (statuses that decide regardless of deployments[]). */
function fromServiceDeployment(s: Service, sd: ServiceDeployment, primary: Deployment | undefined): RolloutInterpretation | undefined {
  const why = sd.statusReason ? `: ${clean(sd.statusReason)}` : '';
  switch (sd.status) {
    case 'ROLLBACK_SUCCESSFUL':
      return { state: 'rolled-back', reason: `service deployment rolled back${why}`, phase: 'ROLLED_BACK', rollback: 'in-progress', rollbackTo: rolledBackTo(primary) };
    case 'ROLLBACK_FAILED':
      return failed(`service deployment failed and its rollback failed too${why}`);
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS':
      return { ...failed(`service deployment failed, ECS is rolling back${why || (sd.rollback?.reason ? `: ${clean(sd.rollback.reason)}` : '')}`, 'in-progress', 'ROLLBACK'), rollbackTo: rolledBackTo(primary) };
    case 'STOPPED':
    case 'STOP_REQUESTED':
      return failed(`service deployment ${sd.status === 'STOPPED' ? 'stopped' : 'is stopping'}${why}`);
  }
  if (sd.status === 'SUCCESSFUL') return undefined;
  const expected: RollbackProgress = rollbackConfigured(s, sd) ? 'expected' : 'none';
  if (sd.deploymentCircuitBreaker?.status === 'TRIGGERED') {
    const cb = sd.deploymentCircuitBreaker;
    return failed(`deployment circuit breaker triggered (${cb.failureCount ?? '?'} of ${cb.threshold ?? '?'} tasks failed)`, expected);
  }
  if (sd.alarms?.status === 'TRIGGERED') return failed(`alarm ${sd.alarms.triggeredAlarmNames?.join(', ') || '?'} triggered`, expected);
  return undefined;
}

/** The classic phase name from deployments[]. */
function classicPhase(s: Service, target: Deployment | undefined): string {
  if (!target) return 'PENDING';
  if ((target.runningCount ?? 0) < (target.desiredCount ?? 0) || (target.desiredCount ?? 0) === 0) return 'SCALE_UP';
  return (s.deployments ?? []).length > 1 ? 'CLEAN_UP' : 'STEADY';
}

/**
 * Reads a rollout from one DescribeServices answer and, when available, the DescribeServiceDeployments
 * answer for the watched deployment. Pure. Failure wins over success; a "success" whose PRIMARY is not
 * the watched deployment is a rollback (ecspresso #732: the services-stable waiter succeeds after a
 * circuit-breaker rollback).
 */
export function interpretRollout(service: Service | undefined, sd: ServiceDeployment | undefined, target: RolloutTarget): RolloutInterpretation {
  if (!service) return failed('service not found');
  if (service.status && service.status !== 'ACTIVE') return failed(`service is ${service.status}`);
  const deps = service.deployments ?? [];
  const primary = deps.find((d) => d.status === 'PRIMARY') ?? deps[0];
  const watched = deps.filter((d) => isTarget(d, target)).sort((a, b) => (ms(b.createdAt) ?? 0) - (ms(a.createdAt) ?? 0));
  const tgt = watched.find((d) => d === primary) ?? watched[0];
  const primaryIsTarget = primary !== undefined && isTarget(primary, target);
  const td = shortTaskDefinition(target.taskDefinitionArn ?? tgt?.taskDefinition);

  if (sd) {
    const verdict = fromServiceDeployment(service, sd, primary);
    if (verdict) return verdict;
  }
  if (tgt?.rolloutState === 'FAILED') {
    const why = `deployment of ${td} failed: ${clean(tgt.rolloutStateReason) ?? 'rolloutState FAILED'}`;
    if (primaryIsTarget) return { ...failed(why, rollbackConfigured(service, sd) ? 'expected' : 'none'), cause: why };
    return rollbackState(service, primary, why);
  }
  if (primary && !primaryIsTarget) {
    if (!target.seen) return inProgress(`waiting for the deployment of ${td} to appear`, 'PENDING');
    const superseded = tgt ? (ms(primary.createdAt) ?? 0) > (ms(tgt.createdAt) ?? 0) : target.startedAt !== undefined && (ms(primary.createdAt) ?? 0) >= target.startedAt;
    if (superseded) return failed(`deployment of ${td} was superseded by ${primary.id ?? 'a newer deployment'} (${shortTaskDefinition(primary.taskDefinition)})`);
    return rollbackState(service, primary, `deployment of ${td} was replaced by an older one`);
  }
  if (!primary) return inProgress('no deployment yet', 'PENDING');

  const phase = sd?.lifecycleStage && sd.status !== 'SUCCESSFUL' ? sd.lifecycleStage : classicPhase(service, tgt);
  const stage = waitStage(target.waitUntil);
  if (stage) {
    if (!sd) return inProgress(`waiting for the service deployment of ${td}`, phase);
    if (sd.status === 'SUCCESSFUL' || stageIndex(sd.lifecycleStage) >= stageIndex(stage)) {
      return { state: 'succeeded', reason: `service deployment reached ${sd.status === 'SUCCESSFUL' ? 'SUCCESSFUL' : sd.lifecycleStage}`, phase, rollback: 'none' };
    }
    return inProgress(`service deployment at ${sd.lifecycleStage ?? sd.status ?? '?'}`, phase);
  }
  const counts = `${primary.runningCount ?? 0}/${primary.desiredCount ?? 0} running`;
  if (target.waitUntil === 'deployed') {
    if (sd) {
      if (sd.status === 'SUCCESSFUL') return { state: 'succeeded', reason: `deployment of ${td} successful`, phase: 'COMPLETED', rollback: 'none' };
      return inProgress(`service deployment ${sd.status ?? '?'}${sd.lifecycleStage ? ` at ${sd.lifecycleStage}` : ''}, ${counts}`, phase);
    }
    if (target.requireServiceDeployment) return inProgress(`waiting for the service deployment of ${td}`, phase);
    if (primary.rolloutState === 'COMPLETED') return { state: 'succeeded', reason: `deployment of ${td} completed`, phase: 'COMPLETED', rollback: 'none' };
    if (primary.rolloutState === undefined && isSteady(service)) return { state: 'succeeded', reason: `${td} is steady`, phase: 'COMPLETED', rollback: 'none' };
    return inProgress(`${primary.rolloutState ?? 'deploying'}, ${counts}`, phase);
  }
  if (isSteady(service)) return { state: 'succeeded', reason: `service is stable on ${td}`, phase: 'COMPLETED', rollback: 'none' };
  const others = deps.length - 1;
  return inProgress(`${counts}${others ? `, ${others} older deployment${others > 1 ? 's' : ''} draining` : ''}`, phase);
}
