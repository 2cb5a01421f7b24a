import type { TaskDefinition, Tag } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import { withClients } from '../aws/clients.js';
import { describeService, taskDefinitionName } from './status/describe.js';
import { resolveFamily } from './revisions/family.js';
import { collectInUse } from './revisions/in-use.js';
import { describeRevision, listRevisionArns, revisionOf, revisionRef } from './revisions/list.js';
import { formatTable, formatTsv } from './revisions/table.js';

/** Options of {@link revisions}. */
export interface RevisionsOptions {
  /** Dump one revision instead of listing: a number, `current` (the service's) or `latest`. */
  revision?: string;
  /** List format; default `table`. */
  format?: 'table' | 'tsv' | 'json';
}

/** One ACTIVE revision of the family. */
export interface RevisionEntry {
  revision: number;
  /** `family:revision`. */
  taskDefinition: string;
  arn: string;
  inUse: boolean;
  /** Why it is in use: `PRIMARY deployment`, `ACTIVE deployment`, `2 tasks`, … */
  usedBy: string[];
}

/** What {@link revisions} returns: the list, or with `revision` the one task definition. */
export interface RevisionsResult {
  family: string;
  revisions: RevisionEntry[];
  /** With `revision`: DescribeTaskDefinition's output (`taskDefinition` and `tags`). */
  dump?: { taskDefinition?: TaskDefinition; tags?: Tag[] };
}

/** Rows for table and TSV output. */
export function revisionRows(list: RevisionEntry[]): string[][] {
  return list.map((r) => [String(r.revision), r.taskDefinition, r.usedBy.join(', ')]);
}

const HEADERS = ['REVISION', 'TASK DEFINITION', 'IN USE'];

/**
 * Lists the ACTIVE revisions of the config's task definition family, newest first, marking those
 * in use (by the service's deployments or task sets, or by tasks still running in the cluster);
 * or, with `revision`, prints that revision as JSON (usable as a task definition file).
 */
export async function revisions(ctx: ActionContext, loaded: LoadedConfig, opts: RevisionsOptions = {}): Promise<RevisionsResult> {
  const { cluster, service: serviceName } = loaded.config;
  const hint = { cluster, service: serviceName };
  const result = await withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint }, async (clients) => {
    const ecs = await clients.ecs();
    const service = serviceName ? await describeService(ecs, { cluster, service: serviceName }) : undefined;
    const family = await resolveFamily(ctx, loaded, service);
    if (opts.revision !== undefined) {
      const out = await describeRevision(ecs, revisionRef(family, opts.revision, service));
      return { family, revisions: [], dump: { taskDefinition: out.taskDefinition, tags: out.tags?.length ? out.tags : undefined } };
    }
    const arns = await listRevisionArns(ecs, family);
    const inUse = await collectInUse(ecs, cluster, family, service);
    const list: RevisionEntry[] = arns.map((arn) => ({
      revision: revisionOf(arn),
      taskDefinition: taskDefinitionName(arn),
      arn,
      inUse: inUse.has(arn),
      usedBy: inUse.get(arn) ?? [],
    }));
    return { family, revisions: list };
  });
  let text: string;
  if (result.dump) text = loaded.secrets.mask(JSON.stringify(result.dump, null, 2));
  else if (opts.format === 'json') text = JSON.stringify(result.revisions, null, 2);
  else if (opts.format === 'tsv') text = formatTsv(HEADERS, revisionRows(result.revisions));
  else text = formatTable(HEADERS, revisionRows(result.revisions));
  await ctx.io.notify({ code: 'ECSX_REVISIONS', level: 'result', message: text, time: ctx.clock.now(), data: result.dump ?? result.revisions });
  return result;
}
