/**
 * The service definition's network and load balancers: subnets and security groups exist (EC2)
 * and share a VPC; target groups exist, fit the network mode, and name a container and port
 * the task definition has.
 */
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoadBalancer, NetworkConfiguration } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../../aws/clients.js';
import { awsErrorCode } from '../../aws/errors.js';
import type { TaskDefinitionInput } from '../../definitions/types.js';
import { attempt } from './attempt.js';
import { ng, ok, skip, type VerifyNode } from './tree.js';

/** VPC ids found while checking, to compare subnets, security groups and target groups. */
export interface VpcSeen {
  subnets: Set<string>;
}

/** Subnets: one DescribeSubnets; when it fails with NotFound, one call per id to name the missing ones. */
async function describeEach<T>(ids: string[], one: (ids: string[]) => Promise<T[]>, notFound: string): Promise<{ found: T[]; missing: string[] }> {
  try {
    return { found: await one(ids), missing: [] };
  } catch (err) {
    if (awsErrorCode(err) !== notFound) throw err;
  }
  const found: T[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    try {
      found.push(...(await one([id])));
    } catch (err) {
      if (awsErrorCode(err) !== notFound) throw err;
      missing.push(id);
    }
  }
  return { found, missing };
}

/** `NetworkConfiguration` node (awsvpc only). */
export async function checkNetwork(clients: AwsClients, net: NetworkConfiguration | undefined, seen: VpcSeen): Promise<VerifyNode> {
  const vpc = net?.awsvpcConfiguration;
  if (!vpc) return skip('NetworkConfiguration', 'no awsvpcConfiguration');
  const subnets = vpc.subnets ?? [];
  const groups = vpc.securityGroups ?? [];
  const children: VerifyNode[] = [];
  children.push(
    await attempt(`Subnets ${subnets.join(' ')}`, async () => {
      if (!subnets.length) return ng('Subnets', 'no subnets');
      const ec2 = await clients.ec2();
      const r = await describeEach(subnets, async (ids) => (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: ids }))).Subnets ?? [], 'InvalidSubnetID.NotFound');
      for (const s of r.found) if (s.VpcId) seen.subnets.add(s.VpcId);
      if (r.missing.length) return ng(`Subnets ${subnets.join(' ')}`, `not found: ${r.missing.join(', ')}`);
      if (seen.subnets.size > 1) return ng(`Subnets ${subnets.join(' ')}`, `the subnets are in different VPCs (${[...seen.subnets].join(', ')})`);
      return ok(`Subnets ${subnets.join(' ')}`);
    }),
  );
  const sgName = `SecurityGroups ${groups.join(' ')}`.trim();
  children.push(
    groups.length === 0
      ? skip('SecurityGroups', 'none: the VPC\'s default security group is used')
      : await attempt(sgName, async () => {
          const ec2 = await clients.ec2();
          const r = await describeEach(groups, async (ids) => (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ids }))).SecurityGroups ?? [], 'InvalidGroup.NotFound');
          if (r.missing.length) return ng(sgName, `not found: ${r.missing.join(', ')}`);
          const other = r.found.filter((g) => g.VpcId && seen.subnets.size === 1 && !seen.subnets.has(g.VpcId));
          if (other.length) return ng(sgName, `${other.map((g) => g.GroupId).join(', ')} belong to another VPC than the subnets`);
          return ok(sgName);
        }),
  );
  return { name: 'NetworkConfiguration awsvpc', children };
}

/** One `loadBalancers[]` entry against the target group and the task definition. */
export function checkLoadBalancer(clients: AwsClients, lb: LoadBalancer, td: TaskDefinitionInput | undefined, seen: VpcSeen): Promise<VerifyNode> {
  if (!lb.targetGroupArn) return Promise.resolve(skip(`LoadBalancer ${lb.loadBalancerName ?? '?'}`, 'Classic Load Balancers are not checked'));
  const name = `TargetGroup ${lb.targetGroupArn}`;
  return attempt(name, async () => {
    const elbv2 = await clients.elbv2();
    let tg;
    try {
      tg = (await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [lb.targetGroupArn!] }))).TargetGroups?.[0];
    } catch (err) {
      if (awsErrorCode(err) === 'TargetGroupNotFound') return ng(name, 'target group not found');
      throw err;
    }
    if (!tg) return ng(name, 'target group not found');
    const problems: string[] = [];
    const mode = td?.networkMode ?? 'bridge';
    const wantType = mode === 'awsvpc' ? 'ip' : 'instance';
    if (td && tg.TargetType && tg.TargetType !== wantType) problems.push(`its target type is ${tg.TargetType}, but ${mode} tasks need ${wantType}`);
    if (tg.VpcId && seen.subnets.size === 1 && !seen.subnets.has(tg.VpcId)) problems.push(`it is in ${tg.VpcId}, not in the service's VPC ${[...seen.subnets][0]}`);
    const container = td?.containerDefinitions?.find((c) => c.name === lb.containerName);
    if (td && !container) problems.push(`the task definition has no container named ${lb.containerName ?? '(containerName not set)'}`);
    else if (container && !(container.portMappings ?? []).some((p) => p.containerPort === lb.containerPort)) {
      problems.push(`container ${lb.containerName} has no port mapping for containerPort ${lb.containerPort}`);
    }
    return problems.length ? ng(name, problems.join('; ')) : ok(name, `${lb.containerName}:${lb.containerPort}`);
  });
}
