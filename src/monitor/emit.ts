import type { Clock } from '../clock.js';
import type { IoHost, MessageLevel } from '../io/messages.js';
import { eventLevel, type ServiceEventData } from './events.js';
import { describeGroup, isRoutineStop } from './diagnose.js';
import { summarizeSnapshot } from './snapshot.js';
import type { DeployFailureData, Diagnosis, ProgressSnapshot, TimelineEntry } from './types.js';

/** Stable message codes the monitor emits (see docs/messages.md). */
export const MonitorCodes = {
  PROGRESS: 'ECSX_DEPLOY_PROGRESS',
  SERVICE_EVENT: 'ECSX_SERVICE_EVENT',
  FAILED: 'ECSX_DEPLOY_FAILED',
  ROLLED_BACK: 'ECSX_DEPLOY_ROLLED_BACK',
  ROLLBACK_UNCONFIRMED: 'ECSX_DEPLOY_ROLLBACK_UNCONFIRMED',
  SUCCEEDED: 'ECSX_DEPLOY_SUCCEEDED',
  TASK_STOPPED: 'ECSX_TASK_STOPPED',
  HOOK_AWAITING: 'ECSX_DEPLOY_HOOK_AWAITING',
  POLL_ERROR: 'ECSX_MONITOR_POLL_ERROR',
  INTERRUPTED: 'ECSX_DEPLOY_INTERRUPTED',
} as const;

/** Data of `ECSX_DEPLOY_SUCCEEDED`. */
export interface DeploySucceededData {
  reason: string;
  elapsedMs: number;
  taskDefinition?: string;
  timeline: TimelineEntry[];
  snapshot: ProgressSnapshot;
}

/** Sends the monitor's messages to an IoHost, stamped with the injected clock. */
export class MonitorEmitter {
  constructor(
    private readonly io: IoHost,
    private readonly clock: Clock,
  ) {}

  private send(code: string, level: MessageLevel, message: string, data?: unknown): Promise<void> {
    return this.io.notify({ code, level, message, time: this.clock.now(), data });
  }

  /** Every poll: `info` when something changed, `debug` when not (live views still refresh elapsed time). */
  progress(s: ProgressSnapshot, changed: boolean): Promise<void> {
    return this.send(MonitorCodes.PROGRESS, changed ? 'info' : 'debug', summarizeSnapshot(s), s);
  }

  event(e: ServiceEventData): Promise<void> {
    return this.send(MonitorCodes.SERVICE_EVENT, eventLevel(e.message), e.message, e);
  }

  succeeded(d: DeploySucceededData, message: string): Promise<void> {
    return this.send(MonitorCodes.SUCCEEDED, 'info', message, d);
  }

  /** Once, when the failure is seen; `final` false while ECS is (expected to be) rolling back. */
  failed(d: DeployFailureData & { final: boolean }, message: string): Promise<void> {
    // Not final: ECS is rolling back and the closing message will be the error; this is news, not the verdict.
    return this.send(MonitorCodes.FAILED, d.final ? 'error' : 'warn', message, d);
  }

  /** The end after a rollback: the service is steady on the previous revision. */
  rolledBack(d: DeployFailureData, message: string): Promise<void> {
    return this.send(MonitorCodes.ROLLED_BACK, 'error', message, d);
  }

  /** The end after a non-final failure when the rollback did not finish, failed or never started. */
  rollbackUnconfirmed(d: DeployFailureData, message: string): Promise<void> {
    return this.send(MonitorCodes.ROLLBACK_UNCONFIRMED, 'error', message, d);
  }

  /** One `ECSX_TASK_STOPPED` per non-routine group, with its log tail in the text. */
  async diagnosis(d: Diagnosis): Promise<void> {
    for (const g of d.groups) {
      if (isRoutineStop(g)) continue;
      let text = describeGroup(g);
      if (g.logs) text += `\n  last log lines of ${g.logs.container} in task ${g.logs.taskId}:\n` + g.logs.lines.map((l) => `    | ${l}`).join('\n');
      await this.send(MonitorCodes.TASK_STOPPED, 'warn', text, g);
    }
  }

  /** The watch stopped on Ctrl-C / abort; ECS carries on. */
  interrupted(message: string, snapshot: ProgressSnapshot | undefined): Promise<void> {
    return this.send(MonitorCodes.INTERRUPTED, 'warn', message, { snapshot });
  }

  hookAwaiting(hookId: string, stage: string | undefined): Promise<void> {
    return this.send(MonitorCodes.HOOK_AWAITING, 'warn', `lifecycle hook ${hookId}${stage ? ` at ${stage}` : ''} is waiting for ContinueServiceDeployment`, { hookId, stage });
  }

  /** The ServiceDeployments API kept failing: only `deployments[]` is followed from now on. */
  serviceDeploymentsUnavailable(err: unknown): Promise<void> {
    const text = err instanceof Error ? err.message : String(err);
    return this.send(MonitorCodes.POLL_ERROR, 'warn', `ServiceDeployments API not usable, following service.deployments only: ${text}`, { api: 'ServiceDeployments', error: text });
  }

  pollError(err: unknown, attempt: number, max: number): Promise<void> {
    const text = err instanceof Error ? err.message : String(err);
    return this.send(MonitorCodes.POLL_ERROR, 'warn', `reading the deployment state failed (${attempt}/${max}), retrying: ${text}`, { attempt, max, error: text });
  }
}
