/** Result types of `status` (also used by `delete`, which shows the status before deleting). */

/** One entry of the service's `deployments[]`. */
export interface DeploymentSummary {
  /** PRIMARY, ACTIVE or INACTIVE. */
  status: string;
  id?: string;
  /** `family:revision`. */
  taskDefinition: string;
  desiredCount: number;
  pendingCount: number;
  runningCount: number;
  failedTasks: number;
  rolloutState?: string;
  rolloutStateReason?: string;
  /** ISO 8601. */
  createdAt?: string;
  updatedAt?: string;
}

/** One task set (EXTERNAL / CODE_DEPLOY controllers). */
export interface TaskSetSummary {
  id?: string;
  status: string;
  taskDefinition: string;
  computedDesiredCount: number;
  pendingCount: number;
  runningCount: number;
  /** Percent of the desired count. */
  scale?: number;
  stabilityStatus: string;
}

/** The service's Application Auto Scaling target and policies. */
export interface AutoScalingSummary {
  minCapacity: number;
  maxCapacity: number;
  suspended: { dynamicScalingIn: boolean; dynamicScalingOut: boolean; scheduledScaling: boolean };
  policies: { name: string; type: string }[];
}

/** One service event; `createdAt` is ISO 8601. */
export interface EventSummary {
  id?: string;
  createdAt: string;
  message: string;
}

/** What `status` returns (and prints). */
export interface StatusResult {
  cluster: string;
  service: string;
  serviceArn?: string;
  /** ACTIVE, DRAINING or INACTIVE. */
  status: string;
  /** An ECS Express Mode service. */
  express: boolean;
  /** `family:revision` of the service's task definition. */
  taskDefinition?: string;
  taskDefinitionArn?: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  launchType?: string;
  deploymentController?: string;
  deployments: DeploymentSummary[];
  taskSets: TaskSetSummary[];
  /** Absent when the service has no scalable target (or it could not be read). */
  autoScaling?: AutoScalingSummary;
  /** The last N events, oldest first. */
  events: EventSummary[];
}
