/**
 * The two IAM roles an Express service needs (reference §4.1), for the quick start: the task
 * execution role (trusts ecs-tasks.amazonaws.com, AmazonECSTaskExecutionRolePolicy) and the
 * infrastructure role (trusts ecs.amazonaws.com, AmazonECSInfrastructureRoleforExpressGatewayServices).
 * Roles ecsx creates are tagged so that `delete --purge` removes those — and only those — once
 * the service is INACTIVE (earlier, ECS could not finish deleting: §4.6).
 */
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { awsErrorCode } from '../aws/errors.js';
import type { ExpressRef } from './plan.js';

export const EXECUTION_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
export const INFRASTRUCTURE_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices';
/** Tag key and value on roles ecsx created; `ecsx:service` says for which service (`cluster/name`). */
export const CREATED_BY_TAG = 'ecsx:created-by';
export const SERVICE_TAG = 'ecsx:service';

/** The role names ecsx uses for a service: `ecsx-<service>-execution` / `-infrastructure` (IAM allows 64 characters). */
export function roleNames(service: string): { execution: string; infrastructure: string } {
  const base = `ecsx-${service}`.slice(0, 64 - '-infrastructure'.length);
  return { execution: `${base}-execution`, infrastructure: `${base}-infrastructure` };
}

/** A trust policy letting `principal` assume the role. */
export function trustPolicy(principal: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }] });
}

/** The role name in a role ARN (`arn:aws:iam::1:role/path/name` → `name`). */
export function roleNameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** One role as {@link ensureRoles} left it. */
export interface RoleResult {
  name: string;
  arn: string;
  created: boolean;
}

/** Creates the two roles, or reuses roles of those names that exist. */
export async function ensureRoles(iam: IAMClient, ref: ExpressRef): Promise<{ execution: RoleResult; infrastructure: RoleResult }> {
  const names = roleNames(ref.service);
  const execution = await ensureRole(iam, names.execution, 'ecs-tasks.amazonaws.com', EXECUTION_POLICY_ARN, ref, 'Task execution role of the Express service');
  const infrastructure = await ensureRole(iam, names.infrastructure, 'ecs.amazonaws.com', INFRASTRUCTURE_POLICY_ARN, ref, 'Infrastructure role of the Express service');
  return { execution, infrastructure };
}

async function ensureRole(iam: IAMClient, name: string, principal: string, policyArn: string, ref: ExpressRef, what: string): Promise<RoleResult> {
  try {
    const out = await iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: trustPolicy(principal),
        Description: `${what} ${ref.cluster}/${ref.service} (created by ecsx)`,
        Tags: [
          { Key: CREATED_BY_TAG, Value: 'ecsx' },
          { Key: SERVICE_TAG, Value: `${ref.cluster}/${ref.service}` },
        ],
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn }));
    return { name, arn: out.Role?.Arn ?? '', created: true };
  } catch (err) {
    if (awsErrorCode(err) !== 'EntityAlreadyExists') throw err;
    const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role;
    // Reused as it is: someone (maybe an earlier quick start) made it; make sure the policy is there.
    await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn }));
    return { name, arn: role?.Arn ?? '', created: false };
  }
}

/** What {@link deleteCreatedRoles} did with one role. */
export interface RoleDeletion {
  arn: string;
  deleted: boolean;
  reason: string;
}

/**
 * Deletes the roles among `arns` that ecsx created for this service (tags `ecsx:created-by=ecsx`
 * and `ecsx:service=<cluster>/<name>`); other roles are left alone. Call only once the service is
 * INACTIVE.
 */
export async function deleteCreatedRoles(iam: IAMClient, arns: string[], ref: ExpressRef): Promise<RoleDeletion[]> {
  const out: RoleDeletion[] = [];
  for (const arn of [...new Set(arns)]) {
    const name = roleNameOf(arn);
    let tags: Record<string, string>;
    try {
      const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role;
      tags = Object.fromEntries((role?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
    } catch (err) {
      if (awsErrorCode(err) === 'NoSuchEntity') {
        out.push({ arn, deleted: false, reason: 'already gone' });
        continue;
      }
      throw err;
    }
    if (tags[CREATED_BY_TAG] !== 'ecsx' || tags[SERVICE_TAG] !== `${ref.cluster}/${ref.service}`) {
      out.push({ arn, deleted: false, reason: 'not created by ecsx for this service: kept' });
      continue;
    }
    for (const p of (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies ?? []) {
      await iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: p.PolicyArn }));
    }
    for (const p of (await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? []) {
      await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: p }));
    }
    await iam.send(new DeleteRoleCommand({ RoleName: name }));
    out.push({ arn, deleted: true, reason: 'created by ecsx for this service' });
  }
  return out;
}
