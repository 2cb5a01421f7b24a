/**
 * The engine's state: plain records in maps, no behaviour. Output shapes are rendered from these
 * by the `*-view.ts` modules, so a record may hold simulation-only fields (timers, health).
 */
import type { Json } from './input.js';

export interface Tag {
  key: string;
  value: string;
}

export interface ClusterRecord {
  arn: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  tags: Tag[];
  settings: Json[];
  configuration?: Json;
  serviceConnectDefaults?: Json;
  capacityProviders: string[];
  defaultCapacityProviderStrategy: Json[];
}

export type TaskDefinitionStatus = 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';

export interface TaskDefinitionRecord {
  arn: string;
  family: string;
  revision: number;
  /** The TaskDefinition output shape without status, timestamps and tags. */
  body: Json;
  status: TaskDefinitionStatus;
  registeredAt: number;
  deregisteredAt?: number;
  deleteRequestedAt?: number;
  tags: Tag[];
}

export interface TaskDefinitionFamily {
  name: string;
  /** Last revision number handed out; never reused, even after deletion (reference §7). */
  lastRevision: number;
  revisions: Map<number, TaskDefinitionRecord>;
}

/**
 * The per-revision part of a service's configuration: what a service revision snapshots and
 * what, when changed, triggers a new deployment (reference §2.1, §4.1).
 */
export interface DeploymentSpec {
  taskDefinition: string;
  launchType?: string;
  capacityProviderStrategy?: Json[];
  platformVersion?: string;
  platformFamily?: string;
  loadBalancers: Json[];
  serviceRegistries: Json[];
  networkConfiguration?: Json;
  serviceConnectConfiguration?: Json;
  volumeConfigurations?: Json[];
  vpcLatticeConfigurations?: Json[];
  monitoring?: Json;
}

export interface RevisionRecord {
  arn: string;
  /** The 19-digit number shared with the deployment id. */
  n: string;
  serviceArn: string;
  clusterArn: string;
  createdAt: number;
  spec: DeploymentSpec;
  containerImages: { containerName: string; image: string; imageDigest: string }[];
}

/** A classic `deployments[]` entry: the set of tasks of one revision. */
export interface DeploymentRecord {
  /** `ecs-svc/<N>` */
  id: string;
  revision: RevisionRecord;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  desiredCount: number;
  /** Consecutively failed tasks; reset when a task of the deployment becomes healthy. */
  failedTasks: number;
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
  createdAt: number;
  updatedAt: number;
  /** Set once the "unable to stop or start tasks" event has been written for this deployment. */
  deadlockReported?: boolean;
}

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export interface RevisionCounts {
  arn: string;
  requestedTaskCount: number;
  runningTaskCount: number;
  pendingTaskCount: number;
}

/** A ServiceDeployment: the transition from source revisions to a target revision. */
export interface ServiceDeploymentRecord {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  stoppedAt?: number;
  updatedAt: number;
  /** The classic deployment that carries the target revision's tasks. */
  target: DeploymentRecord;
  /** Deployments live when this one started (their revisions are the sources). */
  sources: DeploymentRecord[];
  status: ServiceDeploymentStatus;
  statusReason?: string;
  lifecycleStage?: string;
  deploymentConfiguration: Json;
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string; to: DeploymentRecord };
  breaker: { enabled: boolean; failureCount: number; threshold: number; triggered: boolean };
  /** Counts frozen when the deployment finished, so history does not change afterwards. */
  frozen?: { target: RevisionCounts; sources: RevisionCounts[] };
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

export interface ServiceRecord {
  arn: string;
  name: string;
  clusterName: string;
  clusterArn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  spec: DeploymentSpec;
  deploymentConfiguration: Json;
  deploymentController: Json;
  placementConstraints: Json[];
  placementStrategy: Json[];
  healthCheckGracePeriodSeconds: number;
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  roleArn?: string;
  tags: Tag[];
  createdBy: string;
  enableECSManagedTags: boolean;
  propagateTags: string;
  enableExecuteCommand: boolean;
  availabilityZoneRebalancing: string;
  resourceManagementType: 'CUSTOMER' | 'ECS';
  clientToken?: string;
  createdAt: number;
  /** Live classic deployments, PRIMARY first. Drained ones are removed (reference §2.3). */
  deployments: DeploymentRecord[];
  /** Every service deployment, oldest first. */
  serviceDeployments: ServiceDeploymentRecord[];
  /** The last deployment that reached COMPLETED: the circuit breaker's rollback target. */
  lastCompleted?: DeploymentRecord;
  /** Newest first, at most 100. */
  events: ServiceEventRecord[];
  /** Simulation state. */
  sim: {
    steady: boolean;
    /** Identifies the current steady period (for the 6-hourly repeat of the steady-state event). */
    steadyToken: number;
    reconcileToken: number;
    reconcileAt?: number;
    /** The scheduler does nothing before this (its reaction time after Create/UpdateService). */
    holdUntil?: number;
    /** No launches before this (retry delay and throttle back-off after failed tasks). */
    launchNotBefore?: number;
    /** Consecutive tasks that stopped before RUNNING (service throttle logic, reference §2.7). */
    startFailureStreak: number;
    throttleReported?: boolean;
    /** Unhealthy tasks stopped and not yet replaced (for the "replaced N tasks" event suffix). */
    unhealthyReplacements: number;
    /** DRAINING → INACTIVE has been scheduled. */
    inactivating?: boolean;
    /** Eventual-consistency scenario: what DescribeServices shows until `until`. */
    staleView?: { until: number; view: Json | 'MISSING' };
  };
}

export type TaskStatus =
  | 'PROVISIONING'
  | 'PENDING'
  | 'ACTIVATING'
  | 'RUNNING'
  | 'DEACTIVATING'
  | 'STOPPING'
  | 'DEPROVISIONING'
  | 'STOPPED';

export interface ContainerRecord {
  arn: string;
  name: string;
  image: string;
  imageDigest?: string;
  runtimeId?: string;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  exitCode?: number;
  reason?: string;
  essential: boolean;
  healthStatus?: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  /** The container definition (after overrides), for health checks, ports and logging. */
  definition: Json;
}

export interface TaskNetwork {
  attachmentId: string;
  eniId: string;
  subnetId: string;
  privateIp: string;
  macAddress: string;
  status: 'PRECREATED' | 'ATTACHED' | 'DETACHED' | 'DELETED';
}

export interface TargetRegistration {
  targetGroupArn: string;
  id: string;
  port?: number;
}

export interface TaskRecord {
  arn: string;
  id: string;
  clusterName: string;
  clusterArn: string;
  taskDefinition: TaskDefinitionRecord;
  serviceName?: string;
  /** `ecs-svc/<N>` for service tasks. */
  deploymentId?: string;
  group: string;
  startedBy?: string;
  launchType: string;
  capacityProviderName?: string;
  platformVersion?: string;
  platformFamily?: string;
  containerInstanceArn?: string;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  createdAt: number;
  connectivity?: 'CONNECTED' | 'DISCONNECTED';
  connectivityAt?: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppingAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
  stopCode?: string;
  stoppedReason?: string;
  containers: ContainerRecord[];
  network?: TaskNetwork;
  availabilityZone: string;
  cpu?: string;
  memory?: string;
  overrides: Json;
  tags: Tag[];
  enableExecuteCommand: boolean;
  version: number;
  /** Load balancers of the service revision that launched this task. */
  loadBalancers: Json[];
  sim: {
    /** Bumped on every transition; scheduled actions from an earlier epoch are ignored. */
    epoch: number;
    /** Counts toward minimumHealthyPercent (reference §2.2). */
    healthy: boolean;
    /** Health-check failure being acted upon. */
    unhealthy?: { kind: 'container' | 'elb'; targetGroupArn?: string; port?: number };
    targets: TargetRegistration[];
    /** A failure (not a scheduler/user stop) already counted toward the breaker. */
    failureCounted?: boolean;
    /** The service's healthCheckGracePeriodSeconds when the task was launched. */
    graceSeconds: number;
    /** Fake EC2 instance id used as ELB target for non-awsvpc tasks. */
    instanceId?: string;
    /** Host port (bridge mode) per container port. */
    hostPorts?: Record<number, number>;
  };
}

export interface Store {
  clusters: Map<string, ClusterRecord>;
  taskDefinitions: Map<string, TaskDefinitionFamily>;
  /** Keyed by service ARN; a name reused after INACTIVE replaces the old record. */
  services: Map<string, ServiceRecord>;
  tasks: Map<string, TaskRecord>;
  revisions: Map<string, RevisionRecord>;
  nextIp: number;
}

export function createStore(): Store {
  return {
    clusters: new Map(),
    taskDefinitions: new Map(),
    services: new Map(),
    tasks: new Map(),
    revisions: new Map(),
    nextIp: 10,
  };
}
