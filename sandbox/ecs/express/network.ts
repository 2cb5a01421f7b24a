/**
 * Express networking (express-mode.md §3.2): with no subnets ECS uses the default VPC's public
 * subnets; given subnets must exist, share one VPC and be all public (internet-facing ALB, public
 * IPs for tasks) or all private (internal ALB). A subnet counts as public when it maps public IPs
 * on launch or its route table sends traffic to an internet gateway. Everything is read from moto.
 */
import { DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, type Subnet } from '@aws-sdk/client-ec2';
import type { EngineContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import { aws, errorName } from './aws.js';

export interface ResolvedNetwork {
  vpcId: string;
  subnets: string[];
  public: boolean;
}

async function isPublic(ctx: EngineContext, subnet: Subnet): Promise<boolean> {
  if (subnet.MapPublicIpOnLaunch) return true;
  const { ec2 } = aws(ctx);
  const explicit = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet.SubnetId!] }] }));
  const tables = explicit.RouteTables?.length
    ? explicit.RouteTables
    : (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [subnet.VpcId!] }, { Name: 'association.main', Values: ['true'] }] })))
        .RouteTables;
  return (tables ?? []).some((t) => (t.Routes ?? []).some((r) => r.GatewayId?.startsWith('igw-')));
}

/** Subnets, VPC and scheme for an Express service; error wordings other than EC2's are UNCONFIRMED. */
export async function resolveNetwork(ctx: EngineContext, requested: string[]): Promise<ResolvedNetwork> {
  const { ec2 } = aws(ctx);
  let subnets: Subnet[];
  if (requested.length === 0) {
    const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0];
    if (!vpc) throw invalidParameter('No default VPC exists in this Region. Specify subnets in networkConfiguration.');
    const all = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).Subnets ?? [];
    subnets = all.filter((s) => s.DefaultForAz || s.MapPublicIpOnLaunch).sort((a, b) => a.AvailabilityZone!.localeCompare(b.AvailabilityZone!));
    // "at least 2 public subnets in at least 2 AZs" (§3.2).
    if (new Set(subnets.map((s) => s.AvailabilityZone)).size < 2) {
      throw invalidParameter('The default VPC needs public subnets in at least two Availability Zones. Specify subnets in networkConfiguration.');
    }
  } else {
    try {
      subnets = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: requested }))).Subnets ?? [];
    } catch (e) {
      if (errorName(e) === 'InvalidSubnetID.NotFound') throw invalidParameter((e as Error).message);
      throw e;
    }
  }
  const vpcs = new Set(subnets.map((s) => s.VpcId));
  if (vpcs.size !== 1) throw invalidParameter('The subnets in networkConfiguration must all belong to the same VPC.');
  const kinds = await Promise.all(subnets.map((s) => isPublic(ctx, s)));
  // "mixed subnet type" (aws/integrations-on-dotnet-aspire-for-aws PR #200).
  if (new Set(kinds).size > 1) throw invalidParameter('The subnets in networkConfiguration are of mixed subnet type: use only public or only private subnets.');
  return { vpcId: [...vpcs][0]!, subnets: subnets.map((s) => s.SubnetId!), public: kinds[0]! };
}

/**
 * Security groups the customer names must exist: the underlying CreateService rejects them the
 * way ECS does (the message is the one ECS returns, reproduced by moto's ECS).
 */
export async function checkSecurityGroups(ctx: EngineContext, ids: string[]): Promise<void> {
  for (const id of ids) {
    try {
      await aws(ctx).ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }));
    } catch (e) {
      if (errorName(e) !== 'InvalidGroup.NotFound') throw e;
      throw invalidParameter(`Error retrieving security group information for [${id}]: The security group '${id}' does not exist (ErrorCode: InvalidGroup.NotFound)`);
    }
  }
}
