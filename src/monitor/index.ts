/**
 * The deployment watcher: one polling loop on an injected clock, pure rollout interpretation,
 * stopped-task diagnosis and progress messages. See docs/messages.md for the codes it emits.
 */
export { watchDeployment, MAX_POLL_ERRORS, ROLLBACK_START_GRACE_MS } from './watch.js';
export { interpretRollout, type RolloutTarget } from './interpret.js';
export { diagnoseStoppedTasks, formatDiagnosis, describeGroup, isRoutineStop, failedContainers } from './diagnose.js';
export { collectDiagnosis, LOG_TAIL_LINES, type DiagnosisTarget } from './collect-diagnosis.js';
export { nextInterval, DEFAULT_POLL, type PollSchedule } from './polling.js';
export { LIFECYCLE_STAGES, parseWaitUntil, checkWaitUntil, describeWait, stageIndex, type LifecycleStage, type WaitUntil } from './lifecycle.js';
export { toSnapshot, snapshotKey, summarizeSnapshot, describeDeployment, describeServiceDeployment } from './snapshot.js';
export { EventTracker, eventLevel, type ServiceEventData } from './events.js';
export { MonitorCodes, type DeploySucceededData } from './emit.js';
export { deployFailureData, type WithFailureData } from './failure-errors.js';
export { shortTaskDefinition, taskIdOf } from './names.js';
export { CLOCK_SKEW_MS, SD_DISCOVERY_MS } from './service-deployment.js';
export type * from './types.js';
