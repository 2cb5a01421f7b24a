import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { formatDuration } from '../config/duration.js';
import { AwsCallError, DeploymentFailedError, DeploymentRolledBackError, EcsxError, InterruptedError } from '../errors.js';
import { collectDiagnosis } from './collect-diagnosis.js';
import { formatDiagnosis } from './diagnose.js';
import { MonitorEmitter } from './emit.js';
import { EventTracker } from './events.js';
import { deploymentFailedError, rolledBackError } from './failure-errors.js';
import { interpretRollout, type RolloutTarget } from './interpret.js';
import { checkWaitUntil, describeWait } from './lifecycle.js';
import { ms, shortTaskDefinition } from './names.js';
import { nextInterval, type PollSchedule } from './polling.js';
import { CLOCK_SKEW_MS, ServiceDeploymentTracker } from './service-deployment.js';
import { snapshotKey, summarizeSnapshot, toSnapshot } from './snapshot.js';
import { Timeline } from './timeline.js';
import type { DeployFailureData, Diagnosis, ProgressSnapshot, RolloutInterpretation, WatchOptions, WatchResult } from './types.js';

/** Consecutive failed DescribeServices calls tolerated before giving up (the SDK has retried each already). */
export const MAX_POLL_ERRORS = 5;
/**
 * When the circuit breaker (or an alarm) is set to roll back but ECS has not visibly started, how
 * long to wait for it before reporting a plain failure (ECS can only roll back to a COMPLETED
 * deployment, and there may be none).
 */
export const ROLLBACK_START_GRACE_MS = 60_000;

/** Resolves `promise`, or rejects as soon as `signal` aborts (the SDK call itself keeps going). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

/** Fills in the watched task definition and deployment id from what ECS shows, and whether it has been seen. */
function resolveTarget(t: RolloutTarget, service: Service): void {
  const deps = service.deployments ?? [];
  const primary = deps.find((d) => d.status === 'PRIMARY') ?? deps[0];
  t.taskDefinitionArn ??= primary?.taskDefinition ?? service.taskDefinition;
  const recent = (d: { createdAt?: Date }) => t.startedAt === undefined || (ms(d.createdAt) ?? Infinity) >= t.startedAt - CLOCK_SKEW_MS;
  const candidates = deps.filter((d) => d.taskDefinition === t.taskDefinitionArn && recent(d));
  if (!t.deploymentId) {
    const d = candidates.find((c) => c.status === 'PRIMARY') ?? candidates.sort((a, b) => (ms(b.createdAt) ?? 0) - (ms(a.createdAt) ?? 0))[0];
    if (d?.id) t.deploymentId = d.id;
  }
  if (t.deploymentId ? deps.some((d) => d.id === t.deploymentId) : candidates.length > 0) t.seen = true;
}

/** Poll errors that are bugs or bad input are not retried. */
function retryable(err: unknown): boolean {
  return !(err instanceof EcsxError) || err instanceof AwsCallError;
}

/**
 * Watches one service deployment until `waitUntil` holds, it fails, the timeout passes or the
 * signal aborts. One polling loop on the injected clock (see {@link nextInterval} for the
 * schedule); every poll reads DescribeServices and, when the source offers it, the watched
 * ServiceDeployment. Emits `ECSX_DEPLOY_PROGRESS` each poll (`info` on change, else `debug`), each
 * new `ECSX_SERVICE_EVENT` once, `ECSX_DEPLOY_FAILED` plus `ECSX_TASK_STOPPED` diagnoses as soon
 * as a failure is seen, and ends with one of `ECSX_DEPLOY_SUCCEEDED`, a final `ECSX_DEPLOY_FAILED`,
 * `ECSX_DEPLOY_ROLLED_BACK`, `ECSX_DEPLOY_ROLLBACK_UNCONFIRMED`, `ECSX_DEPLOY_INTERRUPTED`
 * (docs/messages.md).
 *
 * @returns on success only.
 * @throws DeploymentRolledBackError (with `data`) when ECS rolled back and is steady on the previous revision;
 *   DeploymentFailedError `DEPLOYMENT_FAILED` when it failed otherwise, `TIMEOUT` after `timeoutMs`;
 *   InterruptedError when `signal` aborts; UserInputError for `ecs:<STAGE>` on a ROLLING service.
 */
export async function watchDeployment(opts: WatchOptions): Promise<WatchResult> {
  const { source, clock, signal, waitUntil } = opts;
  const schedule: PollSchedule = { minMs: opts.pollMinMs ?? 1000, maxMs: opts.pollMaxMs ?? 10_000 };
  const emit = new MonitorEmitter(opts.io, clock);
  const start = clock.now();
  const deadline = opts.timeoutMs > 0 ? start + opts.timeoutMs : Infinity;
  const events = new EventTracker(opts.deploymentStartedAt ?? start);
  const timeline = new Timeline();
  const sds = new ServiceDeploymentTracker(source, opts.deploymentStartedAt, (err) => emit.serviceDeploymentsUnavailable(err));
  const target: RolloutTarget = { waitUntil, taskDefinitionArn: opts.targetTaskDefinitionArn, deploymentId: opts.targetDeploymentId, startedAt: opts.deploymentStartedAt };
  const hooksWarned = new Set<string>();
  let interval: number | undefined;
  let lastKey: string | undefined;
  let polls = 0;
  let checked = false;
  let errors = 0;
  let snapshot: ProgressSnapshot | undefined;
  let failure: { at: number; interp: RolloutInterpretation; final: boolean; diagnosis?: Diagnosis } | undefined;

  /** The data of a failure message; with `endPhase`, the timeline is closed with it first. */
  const failureData = (state: DeployFailureData['state'], interp: RolloutInterpretation | undefined, reason: string, endPhase?: string, now?: number): DeployFailureData => {
    if (endPhase && now !== undefined) {
      timeline.enter(endPhase, now);
      timeline.close(now);
    }
    return {
      state,
      reason,
      ...(interp?.rollbackTo ? { rollbackTo: interp.rollbackTo } : {}),
      ...(failure?.diagnosis ? { diagnosis: failure.diagnosis } : {}),
      ...(snapshot ? { snapshot } : {}),
      timeline: timeline.list(),
    };
  };
  const withDiagnosis = (text: string) => {
    const d = failure?.diagnosis ? formatDiagnosis(failure.diagnosis) : '';
    return d ? `${text}\n${d}` : text;
  };
  const diagnose = async (): Promise<Diagnosis | undefined> => {
    try {
      return await abortable(collectDiagnosis(source, { deploymentId: target.deploymentId, taskDefinitionArn: target.taskDefinitionArn, since: opts.deploymentStartedAt }), signal);
    } catch (err) {
      if (signal?.aborted) throw err;
      return undefined; // best effort: the failure itself is already known
    }
  };

  try {
    for (;;) {
      signal?.throwIfAborted();
      let service: Service | undefined;
      let sd: ServiceDeployment | undefined;
      try {
        service = await abortable(source.describeService(), signal);
        polls++;
        if (service) {
          if (!checked) checkWaitUntil(service, waitUntil);
          checked = true;
          resolveTarget(target, service);
          sd = await abortable(sds.read(service, clock.now()), signal);
        }
        errors = 0;
      } catch (err) {
        if (signal?.aborted || !retryable(err)) throw err;
        if (++errors >= MAX_POLL_ERRORS) throw err instanceof EcsxError ? err : new AwsCallError(`reading the service failed: ${(err as Error)?.message ?? err}`, { cause: err });
        await emit.pollError(err, errors, MAX_POLL_ERRORS);
        interval = nextInterval(interval, false, schedule);
        const now = clock.now();
        if (now >= deadline) throw await timeoutError(now);
        await clock.sleep(Math.min(interval, deadline - now), signal);
        continue;
      }
      const strategy = sd?.deploymentConfiguration?.strategy ?? service?.deploymentConfiguration?.strategy ?? 'ROLLING';
      target.requireServiceDeployment = sds.available && (opts.requireServiceDeployment === true || strategy !== 'ROLLING');
      const interp = interpretRollout(service, sd, target);
      const now = clock.now();
      timeline.enter(interp.phase, now);
      const fresh = events.fresh(service?.events);
      for (const e of fresh) await emit.event(e);
      for (const h of sd?.lifecycleHookDetails ?? []) {
        if (h.status !== 'AWAITING_ACTION' || hooksWarned.has(h.hookId ?? '')) continue;
        hooksWarned.add(h.hookId ?? '');
        await emit.hookAwaiting(h.hookId ?? '?', sd?.lifecycleStage);
      }
      let changed = fresh.length > 0;
      if (service) {
        snapshot = toSnapshot(service, sd, interp, waitUntil, now - start);
        const key = snapshotKey(snapshot);
        changed ||= key !== lastKey;
        lastKey = key;
        await emit.progress(snapshot, changed);
      }

      if (interp.state === 'succeeded' && !failure) {
        timeline.enter('COMPLETED', now);
        const tl = timeline.close(now);
        const took = formatDuration(Math.round((now - start) / 1000) * 1000);
        await emit.succeeded({ reason: interp.reason, elapsedMs: now - start, taskDefinition: target.taskDefinitionArn, timeline: tl, snapshot: snapshot! }, `${interp.reason} (${took})`);
        return { outcome: 'succeeded', timeline: tl, finalService: service!, ...(sd ? { serviceDeployment: sd } : {}), elapsedMs: now - start, polls };
      }
      if (interp.state === 'failed' || interp.state === 'rolled-back') {
        if (!failure) {
          // Said at once, even when ECS still has to roll back: the watch may go on for a while.
          const final = interp.state === 'failed' && interp.rollback === 'none';
          failure = { at: now, interp, final };
          const waiting = final ? '' : interp.state === 'failed' ? '; waiting for ECS to roll back' : '';
          // Already rolled back at first sight (a fast rollback): the closing message below says it all.
          if (interp.state !== 'rolled-back') await emit.failed({ ...failureData(interp.state, interp, interp.reason), final }, interp.reason + waiting);
          failure.diagnosis = await diagnose();
          if (failure.diagnosis) await emit.diagnosis(failure.diagnosis);
        }
        if (interp.state === 'rolled-back') {
          // Say why it first failed ("circuit breaker: tasks failed to start"), not how the end looks.
          const first = failure.interp.cause;
          const reason = first && interp.cause && interp.reason.startsWith(interp.cause) ? first + interp.reason.slice(interp.cause.length) : interp.reason;
          const data = failureData('rolled-back', interp, reason, 'ROLLED_BACK', now);
          await emit.rolledBack(data, reason);
          throw rolledBackError(withDiagnosis(reason), data);
        }
        const gaveUp = interp.rollback === 'expected' && now - failure.at >= ROLLBACK_START_GRACE_MS;
        if (interp.rollback === 'none' || gaveUp) {
          const reason = gaveUp ? `${interp.reason}; ECS did not start a rollback` : interp.reason;
          const data = failureData('failed', interp, reason, 'FAILED', now);
          if (!failure.final) await emit.rollbackUnconfirmed(data, reason);
          throw deploymentFailedError('DEPLOYMENT_FAILED', withDiagnosis(reason), data);
        }
      } else if (failure && interp.state === 'succeeded') {
        // A rollout that failed does not succeed later; the state is simply not confirmed.
        const reason = `${failure.interp.reason}; the service looks steady again but the outcome is not confirmed`;
        const data = failureData('failed', failure.interp, reason, 'FAILED', now);
        await emit.rollbackUnconfirmed(data, reason);
        throw deploymentFailedError('DEPLOYMENT_FAILED', withDiagnosis(reason), data);
      }
      if (now >= deadline) throw await timeoutError(now);
      interval = nextInterval(interval, changed, schedule);
      await clock.sleep(Math.min(interval, deadline - now), signal);
    }
  } catch (err) {
    if (signal?.aborted && !(err instanceof DeploymentFailedError || err instanceof DeploymentRolledBackError)) {
      timeline.close(clock.now());
      const message = `interrupted; the deployment goes on in ECS: ${summarizeSnapshot(snapshot)}`;
      await emit.interrupted(message, snapshot);
      throw new InterruptedError(message);
    }
    throw err;
  }

  async function timeoutError(now: number): Promise<DeploymentFailedError> {
    const limit = formatDuration(opts.timeoutMs);
    if (failure) {
      const reason = `${failure.interp.reason}; the rollback did not finish within ${limit}: ${summarizeSnapshot(snapshot)}`;
      const data = failureData('failed', failure.interp, reason, 'TIMEOUT', now);
      if (!failure.final) await emit.rollbackUnconfirmed(data, reason);
      return deploymentFailedError('DEPLOYMENT_FAILED', withDiagnosis(reason), data);
    }
    const td = shortTaskDefinition(target.taskDefinitionArn);
    const reason = `timed out after ${limit} waiting for ${describeWait(waitUntil)} (${td}); the deployment continues in ECS: ${summarizeSnapshot(snapshot)}`;
    // Tasks that keep failing without tripping a circuit breaker are the usual reason for a timeout.
    const failing = snapshot?.deployments.some((d) => d.failed > 0) || (snapshot?.serviceDeployment?.circuitBreaker?.failureCount ?? 0) > 0;
    const diagnosis = failing ? await diagnose() : undefined;
    if (diagnosis) failure = { at: now, interp: { state: 'failed', reason, phase: 'TIMEOUT', rollback: 'none' }, final: true, diagnosis };
    const data = failureData('timeout', undefined, reason, 'TIMEOUT', now);
    await emit.failed({ ...data, final: true }, reason);
    if (diagnosis) await emit.diagnosis(diagnosis);
    return deploymentFailedError('TIMEOUT', withDiagnosis(reason), data);
  }
}
