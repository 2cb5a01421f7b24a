/**
 * What a deploy of an Express definition does, decided from the live service. Pure: the caller
 * reads DescribeServices / DescribeExpressGatewayService and passes what it got.
 */
import type {
  CreateExpressGatewayServiceCommandInput,
  ECSExpressGatewayService,
  Service,
  Tag,
  UpdateExpressGatewayServiceCommandInput,
} from '@aws-sdk/client-ecs';
import type { ExpressDefinition } from '../definitions/types.js';
import { clusterName } from '../diff/index.js';
import { UserInputError } from '../errors.js';

/** The service a config names. */
export interface ExpressRef {
  cluster: string;
  service: string;
}

/** A field that UpdateExpressGatewayService cannot change. */
export interface ImmutableChange {
  field: 'cluster' | 'serviceName' | 'infrastructureRoleArn';
  from: string;
  to: string;
}

/** The decision of {@link decideDeploy}. */
export type DeployPlan =
  | { kind: 'create'; reason: string }
  | { kind: 'wait-then-create'; serviceArn: string; reason: string }
  | { kind: 'update'; serviceArn: string; reason: string }
  | { kind: 'replace'; serviceArn: string; changes: ImmutableChange[]; reason: string };

/** Inputs of {@link decideDeploy}. */
export interface DecideDeployInput {
  ref: ExpressRef;
  definition: ExpressDefinition;
  /** DescribeServices' answer for the config's service; undefined when MISSING. */
  service: Service | undefined;
  /** DescribeExpressGatewayService's answer, when the service is (or was) an Express service. */
  express?: ECSExpressGatewayService;
  /** `--replace`: delete and re-create when an immutable field changed. */
  replace?: boolean;
}

/**
 * Create, update, wait-then-create or replace (reference express-mode.md §9.3): missing or
 * INACTIVE → create; DRAINING → wait until INACTIVE, then create (the name is blocked while
 * draining); ACTIVE → update, unless an immutable field changed: then replace with `--replace`,
 * else a UserInputError naming the fields. An ACTIVE classic (customer-managed) service of the
 * same name is refused: Express cannot take it over.
 */
export function decideDeploy(input: DecideDeployInput): DeployPlan {
  const { service, ref } = input;
  const status = service?.status;
  // The ECS service underneath is INACTIVE once drained; Express holds the name until its resources are gone.
  if (status === 'INACTIVE' && input.express?.status?.statusCode === 'DRAINING' && service?.serviceArn) {
    return { kind: 'wait-then-create', serviceArn: service.serviceArn, reason: `Express service ${ref.service} is still DRAINING (removing its managed resources); its name is blocked until it is INACTIVE` };
  }
  if (!service || status === 'INACTIVE') {
    return { kind: 'create', reason: service ? `service ${ref.service} is INACTIVE (deleted); creating it again` : `service ${ref.service} does not exist yet` };
  }
  const arn = service.serviceArn ?? '';
  if (service.resourceManagementType !== 'ECS' && status !== 'DRAINING') {
    throw new UserInputError(
      'NOT_EXPRESS',
      `service ${ref.service} in cluster ${ref.cluster} exists and is not an Express Mode service: remove express_definition from the config to manage it as a classic service, or choose another service name`,
    );
  }
  if (status === 'DRAINING') {
    return { kind: 'wait-then-create', serviceArn: arn, reason: `service ${ref.service} is DRAINING after a delete; its name is blocked until it is INACTIVE` };
  }
  const changes = immutableChanges(input.definition, ref, input.express ?? service);
  if (changes.length === 0) return { kind: 'update', serviceArn: arn, reason: `service ${ref.service} is ACTIVE` };
  if (input.replace) return { kind: 'replace', serviceArn: arn, changes, reason: `${describeChanges(changes)} cannot be updated in place` };
  throw new UserInputError(
    'IMMUTABLE_FIELD',
    `${describeChanges(changes)} cannot be changed on an existing Express service (UpdateExpressGatewayService does not accept ${changes.length > 1 ? 'them' : 'it'}). ` +
      'Run `ecsx deploy --replace` to delete the service, wait until it is INACTIVE and create it again (its URL will change), or revert the change.',
  );
}

/** `infrastructureRoleArn (arn:…/old → arn:…/new)`, joined. */
export function describeChanges(changes: ImmutableChange[]): string {
  return changes.map((c) => `${c.field} (${c.from} → ${c.to})`).join(', ');
}

/**
 * The immutable fields (reference §5.2, §4.3) that differ between the definition and the live
 * service: cluster and name (compared by name, the live cluster being an ARN) and the
 * infrastructure role. Tags are not here: ecsx changes them with Tag/UntagResource.
 */
export function immutableChanges(
  def: ExpressDefinition,
  ref: ExpressRef,
  live: Pick<ECSExpressGatewayService, 'cluster' | 'serviceName' | 'infrastructureRoleArn'> & { clusterArn?: string; roleArn?: string },
): ImmutableChange[] {
  const out: ImmutableChange[] = [];
  const liveCluster = live.cluster ?? live.clusterArn;
  if (liveCluster && clusterName(liveCluster) !== clusterName(ref.cluster)) out.push({ field: 'cluster', from: clusterName(liveCluster), to: clusterName(ref.cluster) });
  if (live.serviceName && live.serviceName !== ref.service) out.push({ field: 'serviceName', from: live.serviceName, to: ref.service });
  const role = live.infrastructureRoleArn;
  if (role && def.infrastructureRoleArn && role !== def.infrastructureRoleArn) out.push({ field: 'infrastructureRoleArn', from: role, to: def.infrastructureRoleArn });
  return out;
}

/** CreateExpressGatewayService's input: the definition plus name and cluster from the config. */
export function buildCreateInput(def: ExpressDefinition, ref: ExpressRef): CreateExpressGatewayServiceCommandInput {
  return { ...structuredClone(def), serviceName: ref.service, cluster: ref.cluster };
}

/**
 * UpdateExpressGatewayService's input. Update keeps whatever a request omits (reference §5.2,
 * ecspresso's `exToUpdateExpressGatewayServiceInput`), so `primaryContainer` is sent complete,
 * with empty `environment`, `secrets` and `command` lists when the definition has none, so that
 * removing them from the file removes them from the service. Cluster, name, infrastructure role
 * and tags are not Update fields.
 */
export function buildUpdateInput(def: ExpressDefinition, serviceArn: string): UpdateExpressGatewayServiceCommandInput {
  const d = structuredClone(def);
  const input: UpdateExpressGatewayServiceCommandInput = { serviceArn };
  if (d.executionRoleArn !== undefined) input.executionRoleArn = d.executionRoleArn;
  if (d.taskRoleArn !== undefined) input.taskRoleArn = d.taskRoleArn;
  if (d.healthCheckPath !== undefined) input.healthCheckPath = d.healthCheckPath;
  if (d.networkConfiguration !== undefined) input.networkConfiguration = d.networkConfiguration;
  if (d.cpu !== undefined) input.cpu = d.cpu;
  if (d.memory !== undefined) input.memory = d.memory;
  if (d.scalingTarget !== undefined) input.scalingTarget = d.scalingTarget;
  if (d.taskDefinitionArn !== undefined) input.taskDefinitionArn = d.taskDefinitionArn;
  if (d.cpuArchitecture !== undefined) input.cpuArchitecture = d.cpuArchitecture;
  if (d.primaryContainer) {
    input.primaryContainer = { ...d.primaryContainer, environment: d.primaryContainer.environment ?? [], secrets: d.primaryContainer.secrets ?? [], command: d.primaryContainer.command ?? [] };
  }
  return input;
}

/** Tags to add or change and keys to remove, so the service's tags match the definition's. */
export interface TagChanges {
  tag: Tag[];
  untag: string[];
}

/**
 * The tag changes to make with TagResource / UntagResource. Keys that are AWS's (`aws:`), that
 * the config's `ignore.tags` lists, or that ECS manages (`AmazonECSManaged`) are never removed.
 */
export function tagChanges(desired: Tag[] | undefined, live: Tag[] | undefined, ignore: readonly string[] = []): TagChanges {
  const keep = (k: string) => !k.startsWith('aws:') && !ignore.includes(k) && k !== 'AmazonECSManaged';
  const want = new Map((desired ?? []).filter((t) => t.key && keep(t.key)).map((t) => [t.key!, t.value ?? '']));
  const have = new Map((live ?? []).filter((t) => t.key && keep(t.key)).map((t) => [t.key!, t.value ?? '']));
  const tag = [...want].filter(([k, v]) => have.get(k) !== v).map(([key, value]) => ({ key, value }));
  const untag = [...have.keys()].filter((k) => !want.has(k)).sort();
  return { tag, untag };
}
