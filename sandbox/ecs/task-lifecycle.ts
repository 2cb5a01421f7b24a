/**
 * The task state machine (reference §1): PROVISIONING → PENDING → (ACTIVATING) → RUNNING →
 * (DEACTIVATING) → STOPPING → DEPROVISIONING → STOPPED, driven by scheduled actions on simulated
 * time. Every lastStatus/desiredStatus change bumps `sim.epoch`, so actions scheduled for an
 * earlier state (e.g. "finish the image pull" after a StopTask) fall away.
 * Scenarios hook in here: image pull failures, container exits, failing health checks, slow draining.
 */
import { exitLines, shutdownLines, startupLines, writeContainerLogs } from './awslogs.js';
import type { EngineContext } from './context.js';
import { imageDigest } from './images.js';
import { deregisterTargets, registerTargets, targetsFor } from './load-balancing.js';
import type { MatchSubject } from './scenarios.js';
import type { ContainerRecord, TaskRecord, TaskStatus } from './store.js';
import type { Json } from './input.js';

function schedule(ctx: EngineContext, task: TaskRecord, seconds: number, action: () => void): void {
  const epoch = task.sim.epoch;
  ctx.after(seconds, () => {
    if (task.sim.epoch === epoch) action();
  });
}

function setStatus(task: TaskRecord, status: TaskStatus): void {
  task.lastStatus = status;
  task.version++;
  task.sim.epoch++;
}

export function scenarioSubjects(task: TaskRecord): MatchSubject[] {
  return task.containers.map((c) => ({
    image: c.image,
    family: task.taskDefinition.family,
    service: task.serviceName,
    cluster: task.clusterName,
    container: c.name,
  }));
}

/** `nginx` → `docker.io/library/nginx:latest`, as containerd reports refs. */
export function qualifiedImageRef(image: string): string {
  const first = image.split('/')[0]!;
  const hasRegistry = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let ref = hasRegistry ? image : `docker.io/${image.includes('/') ? '' : 'library/'}${image}`;
  const last = ref.split('/').pop()!;
  if (!last.includes(':') && !ref.includes('@')) ref += ':latest';
  return ref;
}

/** Starts a freshly created (PROVISIONING) task on its way. */
export function launchTask(ctx: EngineContext, task: TaskRecord): void {
  schedule(ctx, task, ctx.timings.provisioning, () => {
    setStatus(task, 'PENDING');
    task.connectivity = 'CONNECTED';
    task.connectivityAt = ctx.now();
    if (task.network) task.network.status = 'ATTACHED';
    schedule(ctx, task, ctx.timings.pending, () => startPull(ctx, task));
  });
}

function startPull(ctx: EngineContext, task: TaskRecord): void {
  task.pullStartedAt = ctx.now();
  task.version++;
  const failure = ctx.scenarios.take('image-pull-failure', scenarioSubjects(task));
  if (failure) {
    const container = task.containers.find((c) => c.name === failure.subject.container) ?? task.containers[0]!;
    const reason =
      failure.scenario.reason ??
      `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${qualifiedImageRef(container.image)}: not found`;
    schedule(ctx, task, ctx.timings.pullFailure, () => failToStart(ctx, task, container, reason));
    return;
  }
  schedule(ctx, task, ctx.timings.imagePull, () => {
    task.pullStoppedAt = ctx.now();
    for (const c of task.containers) c.imageDigest = imageDigest(c.image);
    if (targetsFor(task).length > 0) {
      // ACTIVATING: registration with the target groups before RUNNING (reference §1.1).
      setStatus(task, 'ACTIVATING');
      registerTargets(ctx, task);
      schedule(ctx, task, ctx.timings.activating, () => toRunning(ctx, task));
    } else {
      toRunning(ctx, task);
    }
  });
}

/** TaskFailedToStart: the task never reaches RUNNING (reference §1.4). */
function failToStart(ctx: EngineContext, task: TaskRecord, container: ContainerRecord, reason: string): void {
  const now = ctx.now();
  container.reason = reason;
  for (const c of task.containers) c.lastStatus = 'STOPPED';
  task.pullStoppedAt = now;
  task.desiredStatus = 'STOPPED';
  task.stopCode = 'TaskFailedToStart';
  task.stoppedReason = reason;
  task.stoppingAt = now;
  task.executionStoppedAt = now;
  setStatus(task, 'DEPROVISIONING');
  if (task.network) task.network.status = 'DETACHED';
  ctx.taskChanged(task, 'failed');
  schedule(ctx, task, ctx.timings.deprovisioning, () => toStopped(ctx, task));
}

function toRunning(ctx: EngineContext, task: TaskRecord): void {
  setStatus(task, 'RUNNING');
  task.startedAt = ctx.now();
  task.containers.forEach((c, i) => {
    c.lastStatus = 'RUNNING';
    c.runtimeId = `${task.id}-${1000000000 + ((i * 7919 + task.version) % 999999999)}`;
    writeContainerLogs(ctx, task, c, startupLines(c));
  });
  ctx.taskChanged(task, 'running');
  scheduleHealth(ctx, task);
  const exit = ctx.scenarios.take('container-exit', scenarioSubjects(task));
  if (exit) {
    const container = task.containers.find((c) => c.name === exit.subject.container) ?? task.containers[0]!;
    const code = exit.scenario.exitCode ?? 1;
    schedule(ctx, task, exit.scenario.afterSeconds ?? 5, () =>
      containerExited(ctx, task, container, code, exit.scenario.logLines ?? exitLines(code)),
    );
  }
}

/**
 * Health: container checks report HEALTHY after one interval; targets become healthy after
 * `elbHealthy`; a task without either counts as healthy 40 s after RUNNING (model,
 * DeploymentConfiguration). Failures from the health-check scenario are ignored during the
 * service's healthCheckGracePeriodSeconds (reference §2.8).
 */
function scheduleHealth(ctx: EngineContext, task: TaskRecord): void {
  const checked = task.containers.filter((c) => c.definition.healthCheck);
  const hasTargets = task.sim.targets.length > 0;
  const failing = ctx.scenarios.take('health-check-failure', scenarioSubjects(task));
  for (const c of checked) {
    if (failing && (failing.scenario.check ?? (hasTargets ? 'elb' : 'container')) === 'container' && c.name === failing.subject.container) continue;
    const hc = c.definition.healthCheck as Json;
    schedule(ctx, task, (hc.interval as number) ?? 30, () => {
      c.healthStatus = 'HEALTHY';
      task.version++;
    });
  }
  if (failing) {
    const kind = failing.scenario.check ?? (hasTargets ? 'elb' : 'container');
    const container = task.containers.find((c) => c.name === failing.subject.container) ?? task.containers[0]!;
    const hc = (container.definition.healthCheck ?? {}) as Json;
    const detectAfter =
      failing.scenario.afterSeconds ??
      (kind === 'elb'
        ? ctx.timings.elbUnhealthy
        : ((hc.startPeriod as number) ?? 0) + ((hc.interval as number) ?? 30) * ((hc.retries as number) ?? 3));
    schedule(ctx, task, Math.max(detectAfter, task.sim.graceSeconds), () => {
      if (kind === 'container') {
        container.healthStatus = 'UNHEALTHY';
        task.sim.unhealthy = { kind: 'container' };
      } else {
        const target = task.sim.targets[0];
        task.sim.unhealthy = { kind: 'elb', targetGroupArn: target?.targetGroupArn, port: target?.port };
      }
      task.version++;
      ctx.taskChanged(task, 'unhealthy');
    });
    return;
  }
  const hcAfter = Math.max(0, ...checked.map((c) => ((c.definition.healthCheck as Json).interval as number) ?? 30));
  const healthyAfter = checked.length || hasTargets ? Math.max(hcAfter, hasTargets ? ctx.timings.elbHealthy : 0) : ctx.timings.healthyGrace;
  schedule(ctx, task, healthyAfter, () => {
    task.sim.healthy = true;
    ctx.taskChanged(task, 'healthy');
  });
}

function containerExited(ctx: EngineContext, task: TaskRecord, container: ContainerRecord, code: number, lines: string[]): void {
  writeContainerLogs(ctx, task, container, lines);
  container.lastStatus = 'STOPPED';
  container.exitCode = code;
  task.version++;
  if (!container.essential) return;
  task.executionStoppedAt = ctx.now();
  requestStop(ctx, task, { stopCode: 'EssentialContainerExited', reason: 'Essential container in task exited', failure: true });
}

export interface StopRequest {
  stopCode: 'UserInitiated' | 'ServiceSchedulerInitiated' | 'EssentialContainerExited' | 'TaskFailedToStart';
  reason: string;
  /** Counts against the deployment (circuit breaker, failedTasks). */
  failure?: boolean;
}

/**
 * Stops a task: desiredStatus STOPPED and stoppingAt at once. A RUNNING task behind a load
 * balancer goes to DEACTIVATING, is deregistered ~10 s later and stays there for the
 * deregistration delay; one without stays RUNNING for a moment (the Fargate StopTask response
 * shows RUNNING, reference §1.1). Tasks that never started go straight to DEPROVISIONING.
 */
export function requestStop(ctx: EngineContext, task: TaskRecord, req: StopRequest): void {
  if (task.desiredStatus === 'STOPPED' || task.lastStatus === 'STOPPED') return;
  task.desiredStatus = 'STOPPED';
  task.stoppingAt = ctx.now();
  task.stopCode = req.stopCode;
  task.stoppedReason = req.reason.slice(0, 255);
  task.sim.healthy = false;
  task.version++;
  task.sim.epoch++;
  if (task.lastStatus === 'RUNNING') {
    if (task.sim.targets.length > 0) {
      setStatus(task, 'DEACTIVATING');
      schedule(ctx, task, ctx.timings.deregistrationLag, () => {
        deregisterTargets(ctx, task);
        const slow = ctx.scenarios.take('slow-draining', scenarioSubjects(task));
        schedule(ctx, task, slow?.scenario.delaySeconds ?? ctx.timings.deregistrationDelay, () => beginStopping(ctx, task));
      });
    } else {
      schedule(ctx, task, ctx.timings.stopSignal, () => beginStopping(ctx, task));
    }
  } else {
    // Not started yet: nothing to drain or signal.
    if (task.sim.targets.length > 0) deregisterTargets(ctx, task);
    for (const c of task.containers) c.lastStatus = 'STOPPED';
    task.executionStoppedAt ??= ctx.now();
    setStatus(task, 'DEPROVISIONING');
    if (task.network) task.network.status = 'DETACHED';
    schedule(ctx, task, ctx.timings.deprovisioning, () => toStopped(ctx, task));
  }
  if (req.failure) ctx.taskChanged(task, 'failed');
}

function beginStopping(ctx: EngineContext, task: TaskRecord): void {
  setStatus(task, 'STOPPING');
  for (const c of task.containers) if (c.lastStatus === 'RUNNING') writeContainerLogs(ctx, task, c, shutdownLines());
  schedule(ctx, task, ctx.timings.stopping, () => {
    for (const c of task.containers) {
      if (c.lastStatus !== 'STOPPED') {
        c.lastStatus = 'STOPPED';
        c.exitCode ??= 0;
      }
    }
    task.executionStoppedAt ??= ctx.now();
    setStatus(task, 'DEPROVISIONING');
    if (task.network) task.network.status = 'DETACHED';
    schedule(ctx, task, ctx.timings.deprovisioning, () => toStopped(ctx, task));
  });
}

function toStopped(ctx: EngineContext, task: TaskRecord): void {
  setStatus(task, 'STOPPED');
  task.stoppedAt = ctx.now();
  task.connectivity = 'DISCONNECTED';
  if (task.network) task.network.status = 'DELETED';
  ctx.taskChanged(task, 'stopped');
}
