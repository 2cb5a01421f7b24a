/**
 * Checks made before any Express call that changes something, so that input ECS would reject
 * late — or accept and then never finish provisioning — fails at once with exit 2: a bring-your-
 * own task definition that Express cannot use, and subnets or security groups that do not exist.
 */
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { DescribeTaskDefinitionCommand, type ECSClient, type TaskDefinition } from '@aws-sdk/client-ecs';
import { awsErrorCode, isAccessDenied } from '../aws/errors.js';
import type { ExpressDefinition } from '../definitions/types.js';
import { UserInputError } from '../errors.js';

/**
 * What Express requires of a task definition given as `taskDefinitionArn` (API model; reference
 * §2.2): a container named `Main` with exactly one TCP port mapping that has a containerPort and
 * a name, and FARGATE compatibility. Returns the problems, [] when usable. Pure.
 */
export function checkByoTaskDefinition(td: TaskDefinition): string[] {
  const problems: string[] = [];
  const main = (td.containerDefinitions ?? []).find((c) => c.name === 'Main');
  if (!main) {
    const names = (td.containerDefinitions ?? []).map((c) => c.name).join(', ');
    problems.push(`it has no container named "Main" (containers: ${names || 'none'}); Express routes traffic to "Main"`);
  } else {
    const tcp = (main.portMappings ?? []).filter((p) => (p.protocol ?? 'tcp') === 'tcp');
    if (tcp.length !== 1 || (main.portMappings ?? []).length !== 1) {
      problems.push(`container "Main" must have exactly one TCP port mapping (it has ${(main.portMappings ?? []).length})`);
    } else {
      if (tcp[0]!.containerPort === undefined) problems.push('the port mapping of "Main" has no containerPort');
      if (!tcp[0]!.name) problems.push('the port mapping of "Main" has no name (set portMappings[0].name, e.g. "http")');
    }
  }
  const compat = [...(td.requiresCompatibilities ?? []), ...(td.compatibilities ?? [])];
  if (!compat.includes('FARGATE')) problems.push('it is not FARGATE-compatible (requiresCompatibilities must include FARGATE)');
  return problems;
}

/** Describes and checks `taskDefinitionArn`; throws a UserInputError naming every problem. */
export async function checkTaskDefinitionArn(ecs: ECSClient, arn: string): Promise<void> {
  let td: TaskDefinition | undefined;
  try {
    td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition;
  } catch (err) {
    if (awsErrorCode(err) === 'ClientException' || awsErrorCode(err) === 'InvalidParameterException') {
      throw new UserInputError('EXPRESS_TASK_DEFINITION', `taskDefinitionArn ${arn}: task definition not found (${(err as Error).message})`, { cause: err });
    }
    throw err;
  }
  if (!td) throw new UserInputError('EXPRESS_TASK_DEFINITION', `taskDefinitionArn ${arn}: task definition not found`);
  const problems = checkByoTaskDefinition(td);
  if (problems.length) {
    throw new UserInputError('EXPRESS_TASK_DEFINITION', `taskDefinitionArn ${arn} cannot be used by an Express service: ${problems.join('; ')}`);
  }
}

/** IDs mentioned in an EC2 "not found" message: `The subnet ID 'subnet-1' does not exist`. */
export function missingIds(message: string, prefix: 'subnet' | 'sg'): string[] {
  return [...new Set(message.match(new RegExp(`${prefix}-[0-9a-zA-Z]+`, 'g')) ?? [])];
}

/**
 * The subnets and security groups of `networkConfiguration` exist and share one VPC. ECS would
 * accept the call and then leave the service's resources PROVISIONING. Missing permissions
 * (ec2:Describe*) skip the check: it is a courtesy, not a gate.
 */
export async function checkNetwork(ec2: EC2Client, def: ExpressDefinition, warn: (m: string) => Promise<void>): Promise<void> {
  const subnets = def.networkConfiguration?.subnets ?? [];
  const groups = def.networkConfiguration?.securityGroups ?? [];
  const vpcs = new Map<string, string[]>();
  try {
    if (subnets.length) {
      const out = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnets }));
      for (const s of out.Subnets ?? []) vpcs.set(s.VpcId ?? '?', [...(vpcs.get(s.VpcId ?? '?') ?? []), s.SubnetId ?? '?']);
      const azs = new Set((out.Subnets ?? []).map((s) => s.AvailabilityZone));
      if (azs.size < 2) await warn(`networkConfiguration.subnets span ${azs.size} Availability Zone${azs.size === 1 ? '' : 's'}; Express's load balancer needs subnets in at least 2`);
    }
    if (groups.length) {
      const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groups }));
      for (const g of out.SecurityGroups ?? []) vpcs.set(g.VpcId ?? '?', [...(vpcs.get(g.VpcId ?? '?') ?? []), g.GroupId ?? '?']);
    }
  } catch (err) {
    const code = awsErrorCode(err) ?? '';
    const msg = (err as Error).message ?? '';
    if (/^InvalidSubnetID\.(NotFound|Malformed)$/.test(code)) {
      throw new UserInputError('EXPRESS_NETWORK', `networkConfiguration.subnets: ${missingIds(msg, 'subnet').join(', ') || msg} not found; ECS would leave the service's resources provisioning forever`, { cause: err });
    }
    if (/^InvalidGroup(Id)?\.(NotFound|Malformed)$/.test(code)) {
      throw new UserInputError('EXPRESS_NETWORK', `networkConfiguration.securityGroups: ${missingIds(msg, 'sg').join(', ') || msg} not found; ECS would leave the service's resources provisioning forever`, { cause: err });
    }
    if (isAccessDenied(err)) return warn(`subnets and security groups not checked: ${msg}`);
    throw err;
  }
  if (vpcs.size > 1) {
    const list = [...vpcs].map(([vpc, ids]) => `${vpc}: ${ids.join(', ')}`).join('; ');
    throw new UserInputError('EXPRESS_NETWORK', `networkConfiguration mixes VPCs (${list}); subnets and security groups must all be in one VPC`);
  }
}
