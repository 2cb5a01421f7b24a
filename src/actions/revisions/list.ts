/** Listing and resolving the revisions of one task definition family. */
import { DescribeTaskDefinitionCommand, ListTaskDefinitionsCommand, type ECSClient, type Service, type TaskDefinitionStatus } from '@aws-sdk/client-ecs';
import { UserInputError } from '../../errors.js';
import { awsErrorCode, isNotFound } from '../../aws/errors.js';

/** Revision number of a task definition ARN or `family:revision`. */
export function revisionOf(arn: string): number {
  return Number(arn.slice(arn.lastIndexOf(':') + 1));
}

/** Every revision ARN of `family` with `status` (default ACTIVE), newest first. */
export async function listRevisionArns(ecs: ECSClient, family: string, status: TaskDefinitionStatus = 'ACTIVE'): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const out = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status, sort: 'DESC', nextToken }));
    arns.push(...(out.taskDefinitionArns ?? []));
    nextToken = out.nextToken;
  } while (nextToken);
  // ListTaskDefinitions' familyPrefix is the full family on AWS; filter anyway in case a backend treats it as a prefix.
  return arns.filter((a) => a.slice(a.lastIndexOf('/') + 1, a.lastIndexOf(':')) === family);
}

/**
 * `family:N` for `N`, the service's task definition for `current`, the newest ACTIVE revision for
 * `latest`. Bad words are a usage error.
 */
export function revisionRef(family: string, revision: string, service: Service | undefined): string {
  if (revision === 'current') {
    if (!service?.taskDefinition) throw new UserInputError('NO_CURRENT_REVISION', '--revision current needs the service to exist (it has no current task definition)');
    return service.taskDefinition;
  }
  if (revision === 'latest') return family;
  if (!/^\d+$/.test(revision) || Number(revision) < 1) throw new UserInputError('USAGE', `--revision must be a revision number, current or latest; got ${JSON.stringify(revision)}`);
  return `${family}:${Number(revision)}`;
}

/** DescribeTaskDefinition with tags; a missing revision is a user error naming it. */
export async function describeRevision(ecs: ECSClient, ref: string) {
  try {
    return await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ref, include: ['TAGS'] }));
  } catch (err) {
    // ECS answers ClientException "Unable to describe task definition." for a missing family or revision (reference §5.2).
    if (isNotFound(err) || (awsErrorCode(err) === 'ClientException' && /unable to describe/i.test((err as Error).message))) {
      throw new UserInputError('TASK_DEFINITION_NOT_FOUND', `task definition ${ref} not found`, { cause: err });
    }
    throw err;
  }
}
