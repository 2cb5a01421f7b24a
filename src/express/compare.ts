/**
 * The live Express service next to its definition, normalised for comparison: used by `diff`
 * (to show) and `deploy` (to skip an update that would change nothing). ECS-managed security
 * groups are found from the revision's inventory and, as a fallback, from the EC2 tag
 * `AmazonECSManaged=true` (reference §5.3).
 */
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import type { ECSExpressGatewayService } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients.js';
import type { ExpressDefinition } from '../definitions/types.js';
import { currentExpressConfiguration, managedSecurityGroupIds, normalizeExpressDefinition, type NormalizedExpressPair } from '../diff/index.js';
import { describeRevisions } from './lookup.js';
import type { ExpressRef } from './plan.js';

/** Options of {@link compareExpress}. */
export interface CompareExpressOptions {
  ignoreTags?: readonly string[];
}

/**
 * The IDs among the live configuration's security groups that ECS manages: those the current
 * revision's `ecsManagedResources` lists, and, as a fallback for the rest, those EC2 tags
 * `AmazonECSManaged=true`. `exclude` are not looked up (the definition's own groups). Failures
 * only make the set smaller.
 */
export async function managedSecurityGroups(clients: AwsClients, live: ECSExpressGatewayService, exclude: readonly string[] = []): Promise<Set<string>> {
  const config = currentExpressConfiguration(live);
  const managed = new Set<string>();
  if (config?.serviceRevisionArn) {
    try {
      const [rev] = await describeRevisions(await clients.ecs(), [config.serviceRevisionArn]);
      for (const id of managedSecurityGroupIds(rev?.ecsManagedResources)) managed.add(id);
    } catch {
      // Inventory unreadable: fall back to EC2 tags below.
    }
  }
  const skip = new Set(exclude);
  const unknown = (config?.networkConfiguration?.securityGroups ?? []).filter((g) => !skip.has(g) && !managed.has(g));
  if (unknown.length) {
    try {
      const out = await (await clients.ec2()).send(new DescribeSecurityGroupsCommand({ GroupIds: unknown }));
      for (const g of out.SecurityGroups ?? []) {
        if (g.GroupId && (g.Tags ?? []).some((t) => t.Key === 'AmazonECSManaged' && t.Value === 'true')) managed.add(g.GroupId);
      }
    } catch {
      // Not readable: the group shows as a difference, which is the honest answer.
    }
  }
  return managed;
}

/** Normalises the definition and the live service (undefined when it does not exist). */
export async function compareExpress(
  clients: AwsClients,
  ref: ExpressRef,
  def: ExpressDefinition,
  live: ECSExpressGatewayService | undefined,
  opts: CompareExpressOptions = {},
): Promise<NormalizedExpressPair> {
  const base = { ignoreTags: opts.ignoreTags, cluster: ref.cluster, serviceName: ref.service };
  if (!live) return normalizeExpressDefinition(def, undefined, base);
  const managed = await managedSecurityGroups(clients, live, def.networkConfiguration?.securityGroups ?? []);
  return normalizeExpressDefinition(def, live, { ...base, managedSecurityGroupIds: [...managed] });
}
