import type { Service, ServiceDeployment, ServiceDeploymentBrief, Task } from '@aws-sdk/client-ecs';
import type { Clock } from '../clock.js';
import type { IoHost } from '../io/messages.js';
import type { WaitUntil } from './lifecycle.js';

/**
 * Where the monitor reads ECS state. The deploy action implements it with real SDK calls for one
 * service; tests implement it with scripted answers. Optional methods widen what the monitor can
 * do (lifecycle stages, stopped-task diagnosis, log tails); without them it degrades gracefully.
 */
export interface MonitorSource {
  /** DescribeServices for the one service; undefined when ECS reports it MISSING. */
  describeService(): Promise<Service | undefined>;
  /** DescribeServiceDeployments for one ARN. */
  describeServiceDeployment?(arn: string): Promise<ServiceDeployment | undefined>;
  /** ListServiceDeployments for the service (any order; the monitor sorts). */
  listServiceDeployments?(): Promise<ServiceDeploymentBrief[]>;
  /** DescribeTasks (the monitor passes at most 100 ARNs per call). */
  describeTasks?(taskArns: string[]): Promise<Task[]>;
  /** ListTasks with desiredStatus STOPPED, optionally filtered by `startedBy` (a deployment id). */
  listStoppedTasks?(startedBy?: string): Promise<string[]>;
  /** The last `lines` lines of the container's awslogs stream, oldest first. */
  tailLogs?(task: Task, container: string, lines: number): Promise<string[]>;
}

/** Options of {@link watchDeployment}. */
export interface WatchOptions {
  source: MonitorSource;
  waitUntil: WaitUntil;
  /** Give up after this long (ms); 0 means no limit. */
  timeoutMs: number;
  /** The task definition being deployed; default: the PRIMARY deployment's at the first poll. */
  targetTaskDefinitionArn?: string;
  /** The deployment id (`ecs-svc/N`) UpdateService/CreateService returned, when known. */
  targetDeploymentId?: string;
  /** When the change was made (epoch ms); older deployments and events are ignored. */
  deploymentStartedAt?: number;
  /**
   * Success needs the ServiceDeployment (SUCCESSFUL / its lifecycle stage), not just deployments[],
   * while the API answers. Implied for non-ROLLING strategies; set it for Express services, whose
   * ACTIVE status does not mean ready.
   */
  requireServiceDeployment?: boolean;
  io: IoHost;
  clock: Clock;
  signal?: AbortSignal;
  /** Fastest poll interval, default 1000 ms. */
  pollMinMs?: number;
  /** Slowest poll interval, default 10000 ms. */
  pollMaxMs?: number;
}

/** One stage of the watched deployment, for a later gantt summary. `end` is set once left. */
export interface TimelineEntry {
  /** `PENDING`, `SCALE_UP`, `CLEAN_UP`, `ROLLBACK`, a ServiceDeployment lifecycle stage, …; final: `COMPLETED`, `FAILED`, `ROLLED_BACK`. */
  phase: string;
  start: number;
  end?: number;
}

/** What {@link watchDeployment} returns on success (failures throw). */
export interface WatchResult {
  outcome: 'succeeded';
  timeline: TimelineEntry[];
  finalService: Service;
  serviceDeployment?: ServiceDeployment;
  elapsedMs: number;
  /** How many times DescribeServices was called. */
  polls: number;
}

/** The state of a rollout as the monitor reads it. */
export type RolloutState = 'in-progress' | 'succeeded' | 'failed' | 'rolled-back';

/**
 * Whether ECS is putting the previous revision back after a failure: `none`; `expected` (the
 * circuit breaker or alarms are configured to roll back but it has not visibly started);
 * `in-progress` (the previous deployment is PRIMARY again, or ROLLBACK_* is reported).
 */
export type RollbackProgress = 'none' | 'expected' | 'in-progress';

/** Result of {@link interpretRollout}. */
export interface RolloutInterpretation {
  state: RolloutState;
  /** One line, for people. */
  reason: string;
  /** For failures: why it failed, without what ECS did about it (`reason` = cause + outcome). */
  cause?: string;
  /** The current phase, recorded in the timeline. */
  phase: string;
  /** Only meaningful when `state` is `failed`. */
  rollback: RollbackProgress;
  /** The deployment ECS rolled back to (or is rolling back to), when known. */
  rollbackTo?: { id?: string; taskDefinition?: string };
}

/** A container of a stopped task that failed (non-zero exit code or a reason). */
export interface ContainerFailure {
  name: string;
  exitCode?: number;
  reason?: string;
}

/** Stopped tasks grouped by identical cause. */
export interface StoppedTaskGroup {
  count: number;
  stoppedReason?: string;
  stopCode?: string;
  containers: ContainerFailure[];
  /** Up to 5 task ids, newest first. */
  taskIds: string[];
  /** The last log lines of the failed container of the newest task, when they could be read. */
  logs?: { taskId: string; container: string; lines: string[] };
}

/** The diagnosis of a failed deployment: why its tasks stopped. */
export interface Diagnosis {
  /** Number of stopped tasks looked at. */
  tasks: number;
  /** Groups, the most frequent first; scheduler-initiated scale-ins last. */
  groups: StoppedTaskGroup[];
}

/** One deployment (`service.deployments[]`) in a progress snapshot. */
export interface DeploymentProgress {
  id?: string;
  status?: string;
  taskDefinition?: string;
  desired: number;
  pending: number;
  running: number;
  failed: number;
  rolloutState?: string;
  rolloutStateReason?: string;
}

/** The ServiceDeployment in a progress snapshot. */
export interface ServiceDeploymentProgress {
  arn?: string;
  status?: string;
  statusReason?: string;
  lifecycleStage?: string;
  target?: { requested: number; running: number; pending: number; productionTrafficWeight?: number; testTrafficWeight?: number };
  rollback?: { reason?: string; startedAt?: number };
  circuitBreaker?: { status?: string; failureCount?: number; threshold?: number };
  /** Lifecycle hooks waiting for ContinueServiceDeployment (PAUSE hooks). */
  awaitingHooks?: string[];
}

/** Data of `ECSX_DEPLOY_PROGRESS`: what the service looks like at one poll. */
export interface ProgressSnapshot {
  service: { name?: string; status?: string; taskDefinition?: string; desired: number; pending: number; running: number };
  deployments: DeploymentProgress[];
  serviceDeployment?: ServiceDeploymentProgress;
  waitUntil: WaitUntil;
  state: RolloutState;
  reason: string;
  phase: string;
  elapsedMs: number;
}

/** Data of `ECSX_DEPLOY_FAILED` and of the thrown error's `data`. */
export interface DeployFailureData {
  state: 'failed' | 'rolled-back' | 'timeout';
  reason: string;
  rollbackTo?: { id?: string; taskDefinition?: string };
  diagnosis?: Diagnosis;
  snapshot?: ProgressSnapshot;
  timeline: TimelineEntry[];
  /** On `ECSX_DEPLOY_FAILED` only: false while ECS is (expected to be) rolling back, so the watch goes on. */
  final?: boolean;
}
