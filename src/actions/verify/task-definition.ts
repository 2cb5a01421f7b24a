/** The task definition subtree of `verify`: roles, and per container its secrets and logs. */
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../../aws/clients.js';
import type { TaskDefinitionInput } from '../../definitions/types.js';
import { checkLogConfiguration } from './logs.js';
import { checkRole } from './roles.js';
import { checkSecrets } from './secrets.js';
import { ng, skip, type VerifyNode } from './tree.js';

/** Options of {@link checkTaskDefinition}. */
export interface TaskDefinitionCheckOptions {
  /** Check secrets (ecspresso `--get-secrets`, default true). Values are never read. */
  secrets: boolean;
}

/** Why a task definition without executionRoleArn cannot work, if it cannot. Pure. */
export function executionRoleNeed(td: TaskDefinitionInput): string | undefined {
  const cs = td.containerDefinitions ?? [];
  if (cs.some((c) => c.secrets?.length || c.logConfiguration?.secretOptions?.length)) return 'containers use secrets';
  if (cs.some((c) => c.repositoryCredentials)) return 'containers use repositoryCredentials';
  const fargate = td.requiresCompatibilities?.includes('FARGATE');
  if (fargate && cs.some((c) => c.logConfiguration?.logDriver === 'awslogs')) return 'Fargate tasks need it to write awslogs';
  if (fargate && cs.some((c) => /\.dkr\.ecr\./.test(c.image ?? ''))) return 'Fargate tasks need it to pull from ECR';
  return undefined;
}

async function checkContainer(clients: AwsClients, c: ContainerDefinition, o: TaskDefinitionCheckOptions): Promise<VerifyNode> {
  const children: VerifyNode[] = [skip(`Image ${c.image ?? '?'}`, 'registries are not checked')];
  const refs = [
    ...(c.secrets ?? []).map((s) => ({ label: `Secret ${s.name} ${s.valueFrom}`, valueFrom: s.valueFrom ?? '' })),
    ...(c.logConfiguration?.secretOptions ?? []).map((s) => ({ label: `LogSecret ${s.name} ${s.valueFrom}`, valueFrom: s.valueFrom ?? '' })),
    ...(c.repositoryCredentials?.credentialsParameter ? [{ label: `RepositoryCredentials ${c.repositoryCredentials.credentialsParameter}`, valueFrom: c.repositoryCredentials.credentialsParameter }] : []),
  ];
  if (refs.length && !o.secrets) children.push(...refs.map((r) => skip(r.label, 'not checked (--no-get-secrets)')));
  else children.push(...(await checkSecrets(clients, refs)));
  children.push(await checkLogConfiguration(clients, c.logConfiguration));
  return { name: `Container ${c.name}`, children };
}

/** `TaskDefinition <family>` with roles and containers. */
export async function checkTaskDefinition(clients: AwsClients, td: TaskDefinitionInput, file: string, o: TaskDefinitionCheckOptions): Promise<VerifyNode> {
  const children: VerifyNode[] = [];
  if (td.executionRoleArn) children.push(await checkRole(clients, 'ExecutionRole', td.executionRoleArn));
  else {
    const need = executionRoleNeed(td);
    children.push(need ? ng('ExecutionRole', `executionRoleArn is not set, but ${need}`) : skip('ExecutionRole', 'not set'));
  }
  children.push(td.taskRoleArn ? await checkRole(clients, 'TaskRole', td.taskRoleArn) : skip('TaskRole', 'not set'));
  for (const c of td.containerDefinitions ?? []) children.push(await checkContainer(clients, c, o));
  return { name: `TaskDefinition ${td.family} (${file})`, children };
}
