/**
 * Deployment strategies are pluggable step functions. On every scheduler pass the service's
 * strategy (by `deploymentConfiguration.strategy`) decides which tasks to start and stop and when
 * the deployment is complete. ROLLING is built in (strategies/rolling.ts); BLUE_GREEN, LINEAR and
 * CANARY can be added with {@link registerStrategy} and fall back to ROLLING until then.
 */
import type { EngineContext } from './context.js';
import type { DeploymentRecord, ServiceDeploymentRecord, ServiceRecord } from './store.js';

export interface StrategyStep {
  ctx: EngineContext;
  service: ServiceRecord;
  /** The PRIMARY deployment (service.deployments[0]). */
  primary: DeploymentRecord;
  /** The other live deployments (ACTIVE), newest first. */
  others: DeploymentRecord[];
  /** The service deployment targeting `primary`, or rolling back to it. */
  serviceDeployment?: ServiceDeploymentRecord;
  /** Target task count: the service's desiredCount, 0 while DRAINING. */
  desired: number;
  /** False while retry back-off after failed tasks applies. */
  canLaunch: boolean;
}

export interface DeploymentStrategy {
  /**
   * One scheduler pass. Use service-tasks.ts to launch/stop tasks and deployments.ts to complete
   * the deployment; the scheduler handles failures, rollback, steady state and draining.
   */
  step(step: StrategyStep): void;
}

const registry = new Map<string, DeploymentStrategy>();

export function registerStrategy(name: string, strategy: DeploymentStrategy): void {
  registry.set(name, strategy);
}

export function strategyFor(service: ServiceRecord): DeploymentStrategy {
  const name = (service.deploymentConfiguration.strategy as string | undefined) ?? 'ROLLING';
  const strategy = registry.get(name) ?? registry.get('ROLLING');
  if (!strategy) throw new Error('ecs engine: no ROLLING strategy registered');
  return strategy;
}
