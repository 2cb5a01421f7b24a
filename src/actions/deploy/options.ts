/** Deploy options and their validation (shared by deploy, scale and refresh). */
import { UsageError } from '../../errors.js';
import { parseWaitUntil, type WaitUntil } from '../../monitor/index.js';
import { checkAutoScalingFlags, type AutoScalingFlags } from './auto-scaling.js';
import { DEFAULT_TASKS } from './desired-count.js';
import { taskDefinitionSpec, type TaskDefinitionFlags, type TaskDefinitionSpec } from './task-definition.js';

/** Options of `deploy` (ecspresso's flags and defaults). */
export interface DeployOptions extends TaskDefinitionFlags, AutoScalingFlags {
  /** Print the diff and the API inputs; change nothing. */
  dryRun?: boolean;
  /** Desired count; -1 (default) = the service definition's (none there = unchanged). */
  tasks?: number;
  forceNewDeployment?: boolean;
  /** Apply the service definition's attributes and tags; default true. */
  updateService?: boolean;
  /** Wait for the deployment; default true. */
  wait?: boolean;
  /** `stable`, `deployed` (default) or `ecs:<STAGE>`. */
  waitUntil?: WaitUntil | string;
  /** Colour the diff printed before the change. */
  color?: boolean;
}

/** Internal knobs scale and refresh set. */
export interface DeployMode {
  /** The command name, for messages. */
  command: string;
  /** Fail when the service does not exist instead of creating it. */
  requireService?: boolean;
  /** Never send desiredCount (refresh). */
  keepDesiredCount?: boolean;
}

/** Validated options. */
export interface ResolvedDeployOptions {
  spec: TaskDefinitionSpec;
  tasks: number;
  updateService: boolean;
  wait: boolean;
  waitUntil: WaitUntil;
  o: DeployOptions;
}

/** Checks the options before anything is read or changed (exit 2, nothing mutated). */
export function resolveDeployOptions(o: DeployOptions, defaultWait: WaitUntil = 'deployed'): ResolvedDeployOptions {
  const spec = taskDefinitionSpec(o);
  checkAutoScalingFlags(o);
  const tasks = o.tasks ?? DEFAULT_TASKS;
  if (!Number.isInteger(tasks) || tasks < DEFAULT_TASKS) throw new UsageError(`--tasks must be a whole number ≥ 0 (or -1 for the service definition's), got ${o.tasks}`);
  const waitUntil = o.waitUntil === undefined ? defaultWait : parseWaitUntil(o.waitUntil);
  return { spec, tasks, updateService: o.updateService ?? true, wait: o.wait ?? true, waitUntil, o };
}
