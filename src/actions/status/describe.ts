/**
 * Looking up the config's service: shared by status, delete, revisions, deregister and tasks.
 * DescribeServices reports a missing service as a `failures[]` entry (reason MISSING), not as an
 * error (reference §5.2), so "not found" is decided here.
 */
import { DescribeServicesCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { ConfigError, UserInputError } from '../../errors.js';
import type { EcsxConfig } from '../../config/types.js';

/** Which service in which cluster. */
export interface ServiceRef {
  cluster: string;
  service: string;
}

/** The config's service, or a ConfigError naming the missing key. */
export function serviceRefOf(config: EcsxConfig, command: string): ServiceRef {
  if (!config.service) throw new ConfigError(`${command} needs \`service\` in the config`, { file: config.file });
  return { cluster: config.cluster, service: config.service };
}

/** DescribeServices for one service; undefined when ECS reports it MISSING. */
export async function describeService(ecs: ECSClient, ref: ServiceRef, includeTags = false): Promise<Service | undefined> {
  const out = await ecs.send(new DescribeServicesCommand({ cluster: ref.cluster, services: [ref.service], include: includeTags ? ['TAGS'] : undefined }));
  return out.services?.[0];
}

/** The user-facing "not found" error (exit 2: the config names something that does not exist). */
export function serviceNotFound(ref: ServiceRef): UserInputError {
  return new UserInputError(
    'SERVICE_NOT_FOUND',
    `service ${ref.service} not found in cluster ${ref.cluster}: check \`service\`, \`cluster\` and \`region\` in the config`,
  );
}

/** DescribeServices for one service, or {@link serviceNotFound}. INACTIVE services are returned. */
export async function requireService(ecs: ECSClient, ref: ServiceRef, includeTags = false): Promise<Service> {
  const s = await describeService(ecs, ref, includeTags);
  if (!s) throw serviceNotFound(ref);
  return s;
}

/** True for an ECS Express Mode service (managed by ECS, not by the customer). */
export function isExpressService(s: Service): boolean {
  return s.resourceManagementType === 'ECS';
}

/** `family:revision` of a task definition ARN (or the input when it is not an ARN). */
export function taskDefinitionName(arn: string | undefined): string {
  if (!arn) return '';
  const i = arn.indexOf(':task-definition/');
  return i >= 0 ? arn.slice(i + ':task-definition/'.length) : arn;
}

/** The last path segment of an ARN: a task id, a cluster or service name. */
export function arnTail(arn: string | undefined): string {
  if (!arn) return '';
  return arn.slice(arn.lastIndexOf('/') + 1);
}
