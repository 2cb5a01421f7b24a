/**
 * The ROLLING strategy (reference §2.2): at most floor(desired × maximumPercent / 100) tasks
 * RUNNING or PENDING across all deployments, at least ceil(desired × minimumHealthyPercent / 100)
 * healthy RUNNING ones. Each pass: cancel older deployments' tasks that have not started, launch
 * PRIMARY tasks within the maximum, stop older (then surplus) tasks within the minimum, launch
 * again into the room that freed, and complete when the PRIMARY is whole and healthy and nothing
 * else is left running.
 */
import { completeDeployment } from '../deployments.js';
import { addEvent, eventText } from '../events.js';
import { isHealthy, isLive, isStarting, tasksOfService } from '../lookup.js';
import { launchServiceTasks, stopServiceTasks } from '../service-tasks.js';
import type { DeploymentStrategy, StrategyStep } from '../strategy.js';
import type { TaskRecord } from '../store.js';

/** Scale-in order: not yet started first, then unhealthy, then the most recently started. */
function scaleInOrder(a: TaskRecord, b: TaskRecord): number {
  const rank = (t: TaskRecord) => (isStarting(t) ? 0 : !t.sim.healthy ? 1 : 2);
  return rank(a) - rank(b) || (b.startedAt ?? b.createdAt) - (a.startedAt ?? a.createdAt);
}

export const rollingStrategy: DeploymentStrategy = {
  step({ ctx, service, primary, others, serviceDeployment, desired, canLaunch }: StrategyStep): void {
    const cfg = service.deploymentConfiguration;
    const maxTotal = Math.floor((desired * ((cfg.maximumPercent as number) ?? 200)) / 100);
    const minHealthy = Math.ceil((desired * ((cfg.minimumHealthyPercent as number) ?? 100)) / 100);
    const liveOf = (depId?: string) => tasksOfService(ctx, service).filter((t) => isLive(t) && (depId === undefined || t.deploymentId === depId));
    const failed = primary.rolloutState === 'FAILED';
    // A FAILED PRIMARY (breaker without rollback) keeps the old tasks, unless the service is being deleted.
    const keepOld = failed && service.status === 'ACTIVE';
    let acted = false;

    // 1. Older deployments' tasks that have not started are cancelled at once.
    const otherIds = new Set(others.map((d) => d.id));
    const notStarted = liveOf().filter((t) => otherIds.has(t.deploymentId ?? '') && isStarting(t));
    if (notStarted.length) {
      stopServiceTasks(ctx, service, notStarted);
      acted = true;
    }

    const launch = () => {
      if (failed || !canLaunch) return;
      const need = desired - liveOf(primary.id).length;
      const room = maxTotal - liveOf().length;
      const n = Math.min(need, room);
      if (n > 0) {
        launchServiceTasks(ctx, service, primary, n);
        acted = true;
      }
    };
    launch();

    // 2. Surplus PRIMARY tasks (scale-in).
    const primaryLive = liveOf(primary.id);
    if (primaryLive.length > desired) {
      stopServiceTasks(ctx, service, [...primaryLive].sort(scaleInOrder).slice(0, primaryLive.length - desired));
      acted = true;
    }

    // 3. Older deployments' tasks, keeping minimumHealthyPercent healthy.
    if (!keepOld) {
      let budget = liveOf().filter(isHealthy).length - minHealthy;
      const victims: TaskRecord[] = [];
      for (const t of liveOf().filter((t) => otherIds.has(t.deploymentId ?? ''))) {
        if (!isHealthy(t)) victims.push(t);
        else if (budget > 0) {
          victims.push(t);
          budget--;
        }
      }
      if (victims.length) {
        stopServiceTasks(ctx, service, victims);
        acted = true;
        launch();
      }
    }

    // Desired counts: the PRIMARY ramps up to desired, older ones shrink to what they still run.
    if (!failed) primary.desiredCount = Math.min(desired, liveOf(primary.id).length);
    for (const d of others) d.desiredCount = liveOf(d.id).length;

    if (primary.rolloutState !== 'IN_PROGRESS') return;
    const pLive = liveOf(primary.id);
    const pWhole = pLive.length === desired && pLive.every(isHealthy);
    if (serviceDeployment && ['IN_PROGRESS', 'PENDING'].includes(serviceDeployment.status)) {
      serviceDeployment.lifecycleStage = pWhole ? 'CLEAN_UP' : 'SCALE_UP';
    }
    const othersRemaining = tasksOfService(ctx, service).some((t) => otherIds.has(t.deploymentId ?? '') && t.lastStatus !== 'STOPPED');
    if (pWhole && !othersRemaining) {
      completeDeployment(ctx, service, primary);
      return;
    }
    // Neither a start nor a stop is possible and nothing is in flight: the configuration deadlocks.
    const inFlight = tasksOfService(ctx, service).some((t) => t.lastStatus !== 'STOPPED' && (!isLive(t) || isStarting(t) || !t.sim.healthy));
    if (!acted && !inFlight && canLaunch && !pWhole && !primary.deadlockReported) {
      primary.deadlockReported = true;
      addEvent(ctx, service, eventText.deploymentConfigurationDeadlock(service.name));
    }
  },
};
