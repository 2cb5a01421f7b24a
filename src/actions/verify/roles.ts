/** Task and execution roles: the role exists and trusts `ecs-tasks.amazonaws.com` (IAM GetRole). */
import { GetRoleCommand } from '@aws-sdk/client-iam';
import type { AwsClients } from '../../aws/clients.js';
import { awsErrorCode } from '../../aws/errors.js';
import { attempt } from './attempt.js';
import { ng, ok, type VerifyNode } from './tree.js';

/** `arn:aws:iam::123456789012:role/path/name` → `name`; a bare name is returned as it is. */
export function roleNameOf(arnOrName: string): string {
  const i = arnOrName.indexOf(':role/');
  const tail = i >= 0 ? arnOrName.slice(i + 6) : arnOrName;
  return tail.slice(tail.lastIndexOf('/') + 1);
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Principal?: string | { Service?: string | string[] };
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Whether a trust policy (URL-encoded or plain JSON, as IAM returns it) lets ECS tasks assume the role. Pure. */
export function trustsEcsTasks(document: string | undefined): boolean {
  if (!document) return false;
  let policy: { Statement?: Statement | Statement[] };
  try {
    policy = JSON.parse(document.trimStart().startsWith('{') ? document : decodeURIComponent(document));
  } catch {
    return false;
  }
  return list(policy.Statement).some((s) => {
    if (s.Effect !== 'Allow') return false;
    const actions = list(s.Action);
    if (!actions.some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*')) return false;
    const principals = typeof s.Principal === 'string' ? [s.Principal] : list(s.Principal?.Service);
    return principals.some((p) => p === 'ecs-tasks.amazonaws.com' || p === '*');
  });
}

/** One role node: exists and trusted by ECS tasks. */
export function checkRole(clients: AwsClients, label: string, arn: string): Promise<VerifyNode> {
  const name = `${label} ${arn}`;
  return attempt(name, async () => {
    const iam = await clients.iam();
    try {
      const out = await iam.send(new GetRoleCommand({ RoleName: roleNameOf(arn) }));
      if (!trustsEcsTasks(out.Role?.AssumeRolePolicyDocument)) {
        return ng(name, 'the role\'s trust policy does not allow ecs-tasks.amazonaws.com to sts:AssumeRole');
      }
      return ok(name);
    } catch (err) {
      if (awsErrorCode(err) === 'NoSuchEntity') return ng(name, 'role not found');
      throw err;
    }
  });
}
