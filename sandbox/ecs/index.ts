/**
 * The sandbox's behavioural ECS control plane. `createEcsEngine(deps)` returns a ServiceEngine
 * that answers ECS JSON-1.1 operations from in-memory state, drives tasks and deployments on the
 * injected simulated clock (`deps.scheduler`), and writes ELBv2 targets and awslogs output to moto.
 *
 * Outputs are plain JSON objects in the model's shapes; timestamps are epoch seconds with a
 * millisecond fraction, as ECS sends them on the wire (reference §0).
 *
 * Extension points: `options.extraOperations` adds or overrides operations (e.g. Express Mode),
 * and `registerStrategy` (strategy.ts) plugs in BLUE_GREEN/LINEAR/CANARY step functions.
 */
import { AwsError, type EngineDeps, type ServiceEngine } from '../types.js';
import { clusterOperations } from './clusters.js';
import { makeAfter, type EngineContext, type OperationTable } from './context.js';
import { handleControl } from './control.js';
import { ScenarioRegistry } from './scenarios.js';
import { serviceDeploymentOperations } from './service-deployments.js';
import { serviceQueryOperations } from './service-queries.js';
import { onTaskChanged, requestReconcile } from './service-scheduler.js';
import { serviceOperations } from './services.js';
import { createMotoSideEffects, SideEffectQueue, type EcsSideEffects } from './side-effects.js';
import { createStore } from './store.js';
import { registerStrategy } from './strategy.js';
import { rollingStrategy } from './strategies/rolling.js';
import { blueGreenStrategy } from './strategies/blue-green.js';
import { canaryStrategy } from './strategies/canary.js';
import { linearStrategy } from './strategies/linear.js';
import { trafficOperations } from './strategies/traffic.js';
import { attachMoto } from './express/aws.js';
import { expressOperations } from './express/index.js';
import { tagOperations } from './tags.js';
import { taskDefinitionOperations } from './task-definitions.js';
import { taskOperations } from './tasks.js';
import { defaultTimings, updateTimings, type Timings } from './timings.js';

export type { EcsSideEffects, LogWrite, Target } from './side-effects.js';
export type { EngineContext, Operation, OperationTable } from './context.js';
export type { DeploymentStrategy, StrategyStep } from './strategy.js';
export { registerStrategy } from './strategy.js';
// Building blocks for extensions (Express Mode, BLUE_GREEN/LINEAR/CANARY strategies).
export { createService, deleteService, findService, requireService, updateService } from './services.js';
export { completeDeployment, rollBack, serviceDeploymentFor, startDeployment } from './deployments.js';
export { launchServiceTasks, stopServiceTasks } from './service-tasks.js';
export { renderService } from './service-view.js';
export { resolveCluster } from './clusters.js';
export { addEvent, eventText } from './events.js';
export type { Timings } from './timings.js';

registerStrategy('ROLLING', rollingStrategy);
registerStrategy('BLUE_GREEN', blueGreenStrategy);
registerStrategy('LINEAR', linearStrategy);
registerStrategy('CANARY', canaryStrategy);

/** Every ECS operation the engine implements, by JSON-1.1 operation name. */
export const ecsOperations: OperationTable = {
  ...clusterOperations,
  ...taskDefinitionOperations,
  ...serviceOperations,
  ...serviceQueryOperations,
  ...taskOperations,
  ...serviceDeploymentOperations,
  ...tagOperations,
  ...trafficOperations,
  ...expressOperations,
};

export interface EcsEngineOptions {
  /** Replaces the moto-backed side effects (tests pass a recording fake). */
  sideEffects?: EcsSideEffects;
  log?: (message: string) => void;
  /** Initial timing overrides, in seconds. */
  timings?: Partial<Timings>;
  /** Additional operations, e.g. Express Mode; they get the same EngineContext. */
  extraOperations?: OperationTable;
}

export interface EcsEngine extends ServiceEngine {
  /** Resolves when all queued side effects (ELBv2, CloudWatch Logs) have run. */
  idle(): Promise<void>;
  /** The live context, for extensions and white-box tests. */
  readonly context: EngineContext;
}

export function createEcsEngine(deps: EngineDeps, options: EcsEngineOptions = {}): EcsEngine {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const effects = new SideEffectQueue(options.sideEffects ?? createMotoSideEffects(deps.moto), log);
  const ctx = {
    region: deps.region,
    accountId: deps.accountId,
    store: createStore(),
    scheduler: deps.scheduler,
    timings: updateTimings({ ...defaultTimings }, options.timings ?? {}),
    scenarios: new ScenarioRegistry(),
    effects,
    log,
    now: () => deps.scheduler.now(),
  } as EngineContext;
  ctx.after = makeAfter(ctx);
  ctx.taskChanged = (task, change) => onTaskChanged(ctx, task, change);
  ctx.reconcile = (service, delay) => requestReconcile(ctx, service, delay ?? 0);
  attachMoto(ctx, deps.moto);
  const operations: OperationTable = { ...ecsOperations, ...options.extraOperations };

  return {
    context: ctx,
    operations: Object.keys(operations),
    async handle(operation, input) {
      const op = operations[operation];
      if (!op) throw new AwsError('UnknownOperationException', `The ECS sandbox does not implement ${operation}.`);
      return op(ctx, input ?? {});
    },
    control: (path, method, body) => handleControl(ctx, path, method, body),
    async reset() {
      ctx.store = createStore();
      ctx.scenarios.clear();
      ctx.timings = updateTimings({ ...defaultTimings }, options.timings ?? {});
      await effects.idle();
    },
    idle: () => effects.idle(),
  };
}
