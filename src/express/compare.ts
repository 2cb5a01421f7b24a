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
 * Normalises the definition and the live service (undefined when it does not exist). Reads the
 * current revision's `ecsManagedResources` and the EC2 tags of security groups the definition
 * does not list; failures there only make the managed group show as a difference.
 */
export async function compareExpress(
  clients: AwsClients,
  ref: ExpressRef,
  def: ExpressDefinition,
  live: ECSExpressGatewayService | undefined,
  opts: CompareExpressOptions = {},
): Promise<NormalizedExpressPair> {
  const base = { ignoreTags: opts.ignoreTags, cluster: ref.cluster, serviceName: ref.service };
  if (!live) return normalizeExpressDefinition(def, undefined, base);
  const config = currentExpressConfiguration(live);
  const managed = new Set<string>();
  const ecs = await clients.ecs();
  if (config?.serviceRevisionArn) {
    try {
      const [rev] = await describeRevisions(ecs, [config.serviceRevisionArn]);
      for (const id of managedSecurityGroupIds(rev?.ecsManagedResources)) managed.add(id);
    } catch {
      // Inventory unreadable: fall back to EC2 tags below.
    }
  }
  const mine = new Set(def.networkConfiguration?.securityGroups ?? []);
  const unknown = (config?.networkConfiguration?.securityGroups ?? []).filter((g) => !mine.has(g) && !managed.has(g));
  if (unknown.length) {
    try {
      const ec2 = await clients.ec2();
      const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: unknown }));
      for (const g of out.SecurityGroups ?? []) {
        if (g.GroupId && (g.Tags ?? []).some((t) => t.Key === 'AmazonECSManaged' && t.Value === 'true')) managed.add(g.GroupId);
      }
    } catch {
      // Not readable: the group shows as a difference, which is the honest answer.
    }
  }
  return normalizeExpressDefinition(def, live, { ...base, managedSecurityGroupIds: [...managed] });
}
