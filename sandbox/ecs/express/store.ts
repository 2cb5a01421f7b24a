/**
 * Express Mode state, kept beside the engine's store (and forgotten with it on reset): the Express
 * services, each with its per-revision configurations and its managed resources, and the shared
 * load balancers (one per VPC and scheme, up to 25 services each; express-mode.md §3.3).
 *
 * A managed resource's status is a timeline of phases (PROVISIONING at t0, ACTIVE at t1, …), so
 * "PROVISIONING → ACTIVE over simulated time" needs no timers: the status is read at `now`.
 */
import type { EngineContext } from '../context.js';
import type { Json } from '../input.js';
import type { Store, Tag } from '../store.js';

export type ManagedStatus = 'PROVISIONING' | 'ACTIVE' | 'DEPROVISIONING' | 'DELETED' | 'FAILED';

/** Resource kinds, as scenarios and the leftovers list name them. */
export const MANAGED_KINDS = [
  'loadBalancer',
  'listener',
  'loadBalancerSecurityGroup',
  'certificate',
  'rule',
  'targetGroup',
  'serviceSecurityGroup',
  'metricAlarm',
  'scalableTarget',
  'scalingPolicy',
  'logGroup',
] as const;
export type ManagedKind = (typeof MANAGED_KINDS)[number];

export interface Phase {
  status: ManagedStatus;
  at: number;
  reason?: string;
}

export interface ManagedResource {
  kind: ManagedKind;
  arn: string;
  /** The name or id other APIs want (security group id, alarm name, log group name, …). */
  id: string;
  phases: Phase[];
}

/** A load balancer Express services share: one HTTPS listener, one host-header rule per service. */
export interface SharedAlb {
  vpcId: string;
  scheme: 'internet-facing' | 'internal';
  subnets: string[];
  loadBalancer: ManagedResource;
  securityGroup: ManagedResource;
  /** Created with the first service's certificate (an HTTPS listener needs one). */
  listener?: ManagedResource;
  /** The listener's default certificate. */
  defaultCertificateArn?: string;
  /** Service ARNs using it. */
  services: Set<string>;
  nextPriority: number;
  deleted?: boolean;
}

/** The Express-level configuration of one service revision (ExpressGatewayServiceConfiguration). */
export interface ExpressConfig {
  executionRoleArn?: string;
  taskRoleArn?: string;
  /** Managed or customer task definition of this revision. */
  taskDefinitionArn: string;
  /** Whether the customer brought the task definition (then there is no primaryContainer). */
  customTaskDefinition: boolean;
  cpu: string;
  memory: string;
  /** The customer's security groups (the managed one is added when rendered) and subnets. */
  securityGroups: string[];
  subnets: string[];
  healthCheckPath: string;
  primaryContainer?: Json;
  scalingTarget: { minTaskCount: number; maxTaskCount: number; autoScalingMetric: string; autoScalingTargetValue: number };
  cpuArchitecture?: string;
  createdAt: number;
}

export interface ExpressService {
  arn: string;
  name: string;
  clusterName: string;
  clusterArn: string;
  infrastructureRoleArn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  statusReason?: string;
  createdAt: number;
  updatedAt: number;
  /** `<2 chars>-<32 hex>.ecs.<region>.on.aws` */
  host: string;
  accessType: 'PUBLIC' | 'PRIVATE';
  alb: SharedAlb;
  resources: {
    certificate: ManagedResource;
    rule: ManagedResource;
    targetGroups: ManagedResource[];
    serviceSecurityGroup: ManagedResource;
    metricAlarm: ManagedResource;
    scalableTarget: ManagedResource;
    scalingPolicy: ManagedResource;
    /** Absent when the customer named their own log group. */
    logGroup?: ManagedResource;
  };
  /** Configuration per service revision ARN. */
  configs: Map<string, ExpressConfig>;
  /** The configuration the last Create/Update asked for (what the next Update merges into). */
  latest: ExpressConfig;
  /** Tags put on every managed resource of this service. */
  resourceTags: Tag[];
  /** Resource kinds a delete leaves behind (scenario). */
  leftovers: string[];
}

export interface ExpressState {
  services: Map<string, ExpressService>;
  albs: SharedAlb[];
}

const states = new WeakMap<Store, ExpressState>();

export function expressState(ctx: EngineContext): ExpressState {
  let st = states.get(ctx.store);
  if (!st) states.set(ctx.store, (st = { services: new Map(), albs: [] }));
  return st;
}

/** The Express service a revision ARN belongs to. */
export function expressOfRevision(ctx: EngineContext, revisionArn: string): ExpressService | undefined {
  for (const svc of expressState(ctx).services.values()) if (svc.configs.has(revisionArn)) return svc;
  return undefined;
}

export function newResource(kind: ManagedKind, arn: string, id: string, now: number, readyAfterSeconds: number | undefined, reason?: string): ManagedResource {
  const phases: Phase[] = [{ status: 'PROVISIONING', at: now, reason }];
  if (readyAfterSeconds !== undefined) phases.push({ status: 'ACTIVE', at: now + readyAfterSeconds * 1000 });
  return { kind, arn, id, phases };
}

/** The resource's status at `now`. */
export function statusAt(r: ManagedResource, now: number): Phase {
  let current = r.phases[0]!;
  for (const p of r.phases) if (p.at <= now) current = p;
  return current;
}

/** Appends a phase unless the resource is already in (or past) that status. */
export function addPhase(r: ManagedResource, status: ManagedStatus, at: number, reason?: string): void {
  if (r.phases.some((p) => p.status === status)) return;
  r.phases.push({ status, at, reason });
}

/** Tags every managed resource carries (express-mode.md §3.1, §4.6); the service one is the sandbox's. */
export const MANAGED_TAG = { key: 'AmazonECSManaged', value: 'true' };
export const SERVICE_ARN_TAG_KEY = 'AmazonECSManagedServiceArn';
