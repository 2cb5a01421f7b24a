// Shared fixtures for monitor tests: a fake clock, service/deployment builders and a scripted source.
import type { Deployment, Service, ServiceDeployment, ServiceEvent, Task } from '@aws-sdk/client-ecs';
import type { Clock } from '../../../src/clock.js';
import type { MonitorSource } from '../../../src/monitor/index.js';

export const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
export const TD = (rev: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/app:${rev}`;

/** A virtual clock: sleep advances `now` at once and records what was slept. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t = T0) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.t += ms;
    await Promise.resolve();
    if (signal?.aborted) throw signal.reason;
  }
}

export interface DepSpec {
  id: string;
  status?: 'PRIMARY' | 'ACTIVE';
  td: number;
  desired?: number;
  running?: number;
  pending?: number;
  failed?: number;
  rollout?: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  reason?: string;
  createdAt?: number;
}

export function dep(s: DepSpec): Deployment {
  return {
    id: s.id,
    status: s.status ?? 'PRIMARY',
    taskDefinition: TD(s.td),
    desiredCount: s.desired ?? 2,
    runningCount: s.running ?? 0,
    pendingCount: s.pending ?? 0,
    failedTasks: s.failed ?? 0,
    ...(s.rollout ? { rolloutState: s.rollout } : {}),
    ...(s.reason ? { rolloutStateReason: s.reason } : {}),
    createdAt: new Date(s.createdAt ?? T0),
  };
}

export interface SvcSpec {
  deployments: Deployment[];
  desired?: number;
  events?: ServiceEvent[];
  strategy?: 'ROLLING' | 'BLUE_GREEN' | 'CANARY' | 'LINEAR';
  breaker?: { enable: boolean; rollback: boolean };
  status?: string;
  currentServiceDeployment?: string;
}

export function svc(s: SvcSpec): Service {
  const running = s.deployments.reduce((n, d) => n + (d.runningCount ?? 0), 0);
  const pending = s.deployments.reduce((n, d) => n + (d.pendingCount ?? 0), 0);
  const primary = s.deployments.find((d) => d.status === 'PRIMARY');
  return {
    serviceName: 'web',
    status: s.status ?? 'ACTIVE',
    desiredCount: s.desired ?? 2,
    runningCount: running,
    pendingCount: pending,
    taskDefinition: primary?.taskDefinition,
    deployments: s.deployments,
    events: s.events ?? [],
    deploymentConfiguration: {
      strategy: s.strategy ?? 'ROLLING',
      ...(s.breaker ? { deploymentCircuitBreaker: s.breaker } : {}),
    },
    ...(s.currentServiceDeployment ? { currentServiceDeployment: s.currentServiceDeployment } : {}),
  };
}

/** Old steady deployment ecs-svc/1 on app:1, and new ecs-svc/2 on app:2 created at T0. */
export const OLD = (o: Partial<DepSpec> = {}) => dep({ id: 'ecs-svc/1', status: 'ACTIVE', td: 1, running: 2, rollout: 'COMPLETED', createdAt: T0 - 86_400_000, ...o });
export const NEW = (o: Partial<DepSpec> = {}) => dep({ id: 'ecs-svc/2', status: 'PRIMARY', td: 2, rollout: 'IN_PROGRESS', createdAt: T0, ...o });

export function event(id: string, atMs: number, message: string): ServiceEvent {
  return { id, createdAt: new Date(T0 + atMs), message };
}

export function sdep(o: Partial<ServiceDeployment> & { arn?: string } = {}): ServiceDeployment {
  const { arn, ...rest } = o;
  return { serviceDeploymentArn: arn ?? 'arn:aws:ecs:us-east-1:123456789012:service-deployment/c/web/abc', createdAt: new Date(T0), status: 'IN_PROGRESS', ...rest };
}

/** States valid from a time offset (ms after T0) on; the latest whose offset ≤ now applies. */
export type Script<T> = [number, T][];

export function at<T>(script: Script<T>, clock: FakeClock): T {
  let cur = script[0][1];
  for (const [t, v] of script) if (clock.now() - T0 >= t) cur = v;
  return cur;
}

export interface ScriptedSourceOptions {
  services: Script<Service | undefined>;
  sds?: Script<ServiceDeployment | undefined>;
  stopped?: Task[];
  logs?: Record<string, string[]>;
  /** Called on every describeService, before answering (to abort, throw, …). */
  onPoll?: (n: number) => void;
}

/** A MonitorSource answering from scripts on the fake clock, recording the times it was polled. */
export function scriptedSource(clock: FakeClock, o: ScriptedSourceOptions): MonitorSource & { pollTimes: number[]; tailed: string[]; listedBy: (string | undefined)[] } {
  const pollTimes: number[] = [];
  const tailed: string[] = [];
  const listedBy: (string | undefined)[] = [];
  const src: MonitorSource & { pollTimes: number[]; tailed: string[]; listedBy: (string | undefined)[] } = {
    pollTimes,
    tailed,
    listedBy,
    async describeService() {
      pollTimes.push(clock.now() - T0);
      o.onPoll?.(pollTimes.length);
      return structuredClone(at(o.services, clock));
    },
  };
  if (o.sds) {
    const sds = o.sds;
    src.describeServiceDeployment = async () => structuredClone(at(sds, clock));
    src.listServiceDeployments = async () => {
      const sd = at(sds, clock);
      return sd ? [{ serviceDeploymentArn: sd.serviceDeploymentArn, createdAt: sd.createdAt, status: sd.status }] : [];
    };
  }
  if (o.stopped) {
    const stopped = o.stopped;
    src.listStoppedTasks = async (startedBy) => (listedBy.push(startedBy), stopped.filter((t) => !startedBy || t.startedBy === startedBy).map((t) => t.taskArn!));
    src.describeTasks = async (arns) => stopped.filter((t) => arns.includes(t.taskArn!));
    src.tailLogs = async (task, container, lines) => {
      tailed.push(`${task.taskArn!.split('/').pop()}/${container}`);
      return (o.logs?.[container] ?? []).slice(-lines);
    };
  }
  return src;
}

let taskSeq = 0;
export function stoppedTask(o: Partial<Task> & { containers?: Task['containers'] } = {}): Task {
  taskSeq++;
  const id = taskSeq.toString(16).padStart(32, '0');
  return {
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/c/${id}`,
    taskDefinitionArn: TD(2),
    startedBy: 'ecs-svc/2',
    lastStatus: 'STOPPED',
    stoppedAt: new Date(T0 + 30_000 + taskSeq),
    ...o,
  };
}
