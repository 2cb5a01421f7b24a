/**
 * ecsx as a library. Every capability is an action that takes an ActionContext and returns data;
 * the CLI is one consumer of this API.
 */
export * from './errors.js';
export type { ActionContext } from './context.js';
export { realClock, type Clock } from './clock.js';
export type { IoHost, IoMessage, IoRequest, MessageLevel } from './io/messages.js';
export { PlainIoHost, JsonIoHost, MemoryIoHost, SilentIoHost } from './io/hosts.js';
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './config/load.js';
export type { EcsxConfig, PluginEntry } from './config/types.js';
export { loadDefinition, type DefinitionKind } from './config/load-definitions.js';
export { render, RENDER_TARGETS, type RenderOptions, type RenderResult } from './actions/render.js';
export { createClients, withClients, toEcsxError, type AwsClients, type CreateClientsOptions } from './aws/clients.js';
export type { AwsOptions } from './aws/client-config.js';
export { status, type StatusOptions, type StatusResult, type DeploymentSummary, type TaskSetSummary, type AutoScalingSummary, type EventSummary } from './actions/status.js';
export { revisions, type RevisionsOptions, type RevisionsResult, type RevisionEntry } from './actions/revisions.js';
export { register, type RegisterOptions, type RegisterResult } from './actions/register.js';
export { deregister, type DeregisterOptions, type DeregisterResult } from './actions/deregister.js';
export { init, type InitOptions, type InitResult, type InitFile } from './actions/init.js';
export { deleteService, type DeleteOptions, type DeleteResult } from './actions/delete.js';
export { appspec, buildAppSpec, type AppSpec, type AppSpecOptions } from './actions/appspec.js';
export {
  listTasks,
  findTask,
  stopTask,
  taskLogs,
  type ListTasksOptions,
  type StopTaskOptions,
  type TaskLogsOptions,
  type TaskLogsResult,
  type TaskSummary,
  type TaskSelection,
  type LogLine,
} from './actions/tasks.js';
export { deploy, calcDesiredCount, type DeployOptions, type DeployResult, type PlannedCall, type TagChanges } from './actions/deploy.js';
export { diff, type DiffOptions, type DiffResult, type DefinitionDiff } from './actions/diff.js';
export { wait, type WaitOptions } from './actions/wait.js';
export { rollback, findRollbackTarget, type RollbackOptions, type RollbackResult } from './actions/rollback.js';
export { scale, type ScaleOptions } from './actions/scale.js';
export { refresh, type RefreshOptions } from './actions/refresh.js';
export { run, type RunOptions, type RunResult, type TaskOutcome } from './actions/run.js';
export { verify, renderTree, type VerifyOptions, type VerifyResult, type VerifyNode, type VerifyStatus, type VerifyProblem } from './actions/verify.js';
export { expressDeploy, type ExpressDeployOptions, type ExpressDeployResult } from './actions/express-deploy.js';
export { expressDiff, type ExpressDiffOptions } from './actions/express-diff.js';
export { expressDelete, type ExpressDeleteOptions, type ExpressDeleteResult } from './actions/express-delete.js';
export { expressInit, type ExpressInitOptions, type ExpressInitResult } from './actions/express-init.js';
export { expressEject, type ExpressEjectOptions } from './actions/express-eject.js';
export { cleanup, type CleanupOptions } from './actions/cleanup.js';
export { decideDeploy, buildCreateInput, buildUpdateInput, immutableChanges, tagChanges as expressTagChanges, type DeployPlan, type ExpressRef, type ImmutableChange } from './express/plan.js';
export { flattenManagedResources, mergeInventories, normalizeEndpoint, type ManagedResource, type ManagedResourceKind } from './express/resources.js';
export { ResourceTracker, stuckAfterDeployment } from './express/resource-tracker.js';
export { classifyInventory, formatReport, type ReportItem, type Outcome } from './express/classify.js';
export { renderTemplate, type FuncMap } from './template/index.js';
export { VERSION } from './version.js';
