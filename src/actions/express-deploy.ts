/**
 * `deploy` for an Express service (config `express_definition`): create, wait out DRAINING then
 * create, update, or replace — decided from the live service — then watch the canary deployment
 * and the managed resources until the service is ready, and print its endpoint.
 */
import { DeleteExpressGatewayServiceCommand, TagResourceCommand, UntagResourceCommand, UpdateExpressGatewayServiceCommand } from '@aws-sdk/client-ecs';
import { withClients, type AwsClients } from '../aws/clients.js';
import { awsErrorCode } from '../aws/errors.js';
import type { LoadedConfig } from '../config/load.js';
import { loadDefinition } from '../config/load-definitions.js';
import type { ActionContext } from '../context.js';
import type { ExpressDefinition } from '../definitions/types.js';
import { diffJson } from '../diff/index.js';
import { UsageError } from '../errors.js';
import { compareExpress } from '../express/compare.js';
import { createExpressService } from '../express/create.js';
import { describeExpress, describeRevisions, describeServiceByName, endpointsOf } from '../express/lookup.js';
import { buildCreateInput, buildUpdateInput, decideDeploy, describeChanges, tagChanges, type DeployPlan, type ExpressRef, type TagChanges } from '../express/plan.js';
import { checkNetwork, checkTaskDefinitionArn } from '../express/preflight.js';
import type { ManagedResource } from '../express/resources.js';
import { expressRefOf, remainingMs, say } from '../express/action-helpers.js';
import { displayPath } from './diff/classic.js';
import { waitExpressInactive } from '../express/wait-inactive.js';
import { watchExpressDeployment } from '../express/watch.js';

/** Options of {@link expressDeploy}. */
export interface ExpressDeployOptions {
  /** Print the exact API input and change nothing. */
  dryRun?: boolean;
  /** Delete and re-create when an immutable field (infrastructure role, …) changed. */
  replace?: boolean;
  /** Wait for the deployment (default true). */
  wait?: boolean;
  /** Update even when the definition matches the live service (e.g. to pull a moving tag again). */
  forceNewDeployment?: boolean;
  /** A managed resource PROVISIONING this long fails the deploy (ms); default 10 minutes. */
  stuckAfterMs?: number;
}

/** What {@link expressDeploy} did. */
export interface ExpressDeployResult {
  action: 'create' | 'update' | 'replace' | 'none';
  dryRun: boolean;
  serviceArn?: string;
  /** `https://…`; empty before ECS has assigned one (`--no-wait`, dry run of a create). */
  endpoints: string[];
  /** The deployed revision's managed resources (after a watched deploy). */
  resources: ManagedResource[];
  /** The Create or Update input sent (or that would be sent), secrets masked. */
  input?: unknown;
  tags?: TagChanges;
}

/** Deploys the config's express definition. See docs/express.md. */
export async function expressDeploy(ctx: ActionContext, loaded: LoadedConfig, opts: ExpressDeployOptions = {}): Promise<ExpressDeployResult> {
  const ref = expressRefOf(loaded.config, 'deploy');
  const warn = (m: string) => say(ctx, 'warn', 'ECSX_DEFINITION_WARNING', m);
  const def = (await loadDefinition(loaded, 'express', { ctx })).value as ExpressDefinition;
  const start = ctx.clock.now();
  const timeoutMs = loaded.config.timeoutMs;
  const mask = (v: unknown) => JSON.parse(loaded.secrets.mask(JSON.stringify(v)));

  return withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref }, async (clients) => {
    const ecs = await clients.ecs();
    const service = await describeServiceByName(ecs, ref);
    const wasExpress = service?.serviceArn && service.resourceManagementType === 'ECS' && service.status !== 'DRAINING';
    const described = wasExpress ? await describeExpress(ecs, service.serviceArn!) : undefined;
    const live = service?.status === 'ACTIVE' ? described : undefined;
    const plan = decideDeploy({ ref, definition: def, service, express: described, replace: opts.replace });
    await say(ctx, 'info', 'ECSX_EXPRESS_PLAN', planText(plan, ref, opts.dryRun), { plan });

    if (def.taskDefinitionArn) await checkTaskDefinitionArn(ecs, def.taskDefinitionArn);
    await checkNetwork(await clients.ec2(), def, warn);

    if (plan.kind === 'update') {
      const tags = tagChanges(def.tags, live?.tags, loaded.config.ignore.tags);
      const pair = await compareExpress(clients, ref, { ...def, tags: undefined }, live ? { ...live, tags: undefined } : undefined, { ignoreTags: loaded.config.ignore.tags });
      const d = diffJson(pair.remote, pair.local, { remoteName: plan.serviceArn, localName: displayPath(loaded.config.expressDefinition ?? '') });
      const input = buildUpdateInput(def, plan.serviceArn);
      if (!d.changed && !opts.forceNewDeployment) {
        const endpoints = endpointsOf(live);
        if (!opts.dryRun) await applyTags(clients, plan.serviceArn, tags);
        const tagNote = tags.tag.length || tags.untag.length ? ' (tags updated)' : '';
        await say(ctx, 'info', 'ECSX_EXPRESS_NO_CHANGES', `no changes to deploy${opts.dryRun ? '' : tagNote}; use --force-new-deployment to deploy anyway`);
        await printEndpoints(ctx, endpoints);
        return { action: 'none', dryRun: Boolean(opts.dryRun), serviceArn: plan.serviceArn, endpoints, resources: [], tags };
      }
      if (d.changed) await say(ctx, 'info', 'ECSX_EXPRESS_CHANGES', d.unified.trimEnd(), { changes: d.changes });
      if (opts.dryRun) return dryRun(ctx, 'update', 'UpdateExpressGatewayService', mask(input), plan.serviceArn, tags, endpointsOf(live));
      await applyTags(clients, plan.serviceArn, tags);
      const out = await ecs.send(new UpdateExpressGatewayServiceCommand(input));
      const target = out.service?.targetConfiguration;
      await say(ctx, 'info', 'ECSX_EXPRESS_UPDATED', `updated ${ref.service}: new revision ${target?.serviceRevisionArn ?? '?'}`);
      return finish('update', plan.serviceArn, target?.serviceRevisionArn, out.service?.updatedAt?.getTime(), false, mask(input), tags);
    }

    const input = buildCreateInput(def, ref);
    if (opts.dryRun) return dryRun(ctx, plan.kind === 'replace' ? 'replace' : 'create', 'CreateExpressGatewayService', mask(input), plan.kind === 'create' ? undefined : plan.serviceArn);
    if (plan.kind === 'replace') {
      await say(ctx, 'warn', 'ECSX_EXPRESS_REPLACE', `replacing ${ref.service}: ${describeChanges(plan.changes)}. The service is deleted and created again; its URL will change (${endpointsOf(live).join(', ') || 'unknown'} stops working)`);
      try {
        await ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: plan.serviceArn }));
      } catch (err) {
        if (awsErrorCode(err) !== 'ServiceNotActiveException') throw err;
      }
    }
    if (plan.kind !== 'create') {
      await say(ctx, 'info', 'ECSX_EXPRESS_WAIT_INACTIVE', `waiting for ${ref.service} to become INACTIVE before creating it again (ECS holds the name while it drains)`);
      await waitExpressInactive({ ecs, ref, serviceArn: plan.serviceArn, timeoutMs: remainingMs(ctx, start, timeoutMs), io: ctx.io, clock: ctx.clock, signal: ctx.signal });
    }
    const created = await createExpressService(ecs, input, { io: ctx.io, clock: ctx.clock, signal: ctx.signal });
    const revision = created.activeConfigurations?.[0]?.serviceRevisionArn;
    await say(ctx, 'info', 'ECSX_EXPRESS_CREATED', `created ${ref.service}: ${created.serviceArn ?? '?'}`);
    const at = (created.updatedAt ?? created.createdAt)?.getTime();
    return finish(plan.kind === 'replace' ? 'replace' : 'create', created.serviceArn ?? '', revision, at, true, mask(input), undefined);

    async function finish(action: ExpressDeployResult['action'], serviceArn: string, revision: string | undefined, at: number | undefined, first: boolean, sent: unknown, tags: TagChanges | undefined): Promise<ExpressDeployResult> {
      if (opts.wait === false) {
        const endpoints = endpointsOf(await describeExpress(ecs, serviceArn));
        await say(ctx, 'info', 'ECSX_EXPRESS_NO_WAIT', 'not waiting for the deployment (--no-wait); follow it with `ecsx status`');
        await printEndpoints(ctx, endpoints);
        return { action, dryRun: false, serviceArn, endpoints, resources: [], input: sent, ...(tags ? { tags } : {}) };
      }
      const td = revision ? (await describeRevisions(ecs, [revision]).catch(() => []))[0]?.taskDefinition : undefined;
      const w = await watchExpressDeployment({
        clients,
        ecs,
        ref,
        serviceArn,
        targetRevisionArn: revision,
        targetTaskDefinitionArn: td,
        startedAt: at,
        created: first,
        timeoutMs: remainingMs(ctx, start, timeoutMs),
        io: ctx.io,
        clock: ctx.clock,
        signal: ctx.signal,
        stuckAfterMs: opts.stuckAfterMs,
      });
      await printEndpoints(ctx, w.endpoints);
      return { action, dryRun: false, serviceArn, endpoints: w.endpoints, resources: w.resources, input: sent, ...(tags ? { tags } : {}) };
    }
  });
}

function planText(plan: DeployPlan, ref: ExpressRef, dryRun?: boolean): string {
  const pre = dryRun ? '(dry run) ' : '';
  switch (plan.kind) {
    case 'create':
      return `${pre}creating Express service ${ref.service} in cluster ${ref.cluster}: ${plan.reason}`;
    case 'wait-then-create':
      return `${pre}${plan.reason}; waiting for INACTIVE, then creating it`;
    case 'update':
      return `${pre}updating Express service ${ref.service} in cluster ${ref.cluster}`;
    case 'replace':
      return `${pre}replacing Express service ${ref.service}: ${plan.reason}`;
  }
}

async function applyTags(clients: AwsClients, arn: string, t: TagChanges): Promise<void> {
  const ecs = await clients.ecs();
  if (t.tag.length) await ecs.send(new TagResourceCommand({ resourceArn: arn, tags: t.tag }));
  if (t.untag.length) await ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: t.untag }));
}

async function dryRun(
  ctx: ActionContext,
  action: ExpressDeployResult['action'],
  operation: string,
  input: unknown,
  serviceArn?: string,
  tags?: TagChanges,
  endpoints: string[] = [],
): Promise<ExpressDeployResult> {
  const body = { operation, input, ...(tags && (tags.tag.length || tags.untag.length) ? { TagResource: tags.tag, UntagResource: tags.untag } : {}) };
  await say(ctx, 'result', 'ECSX_EXPRESS_DRY_RUN', `${operation} ${JSON.stringify(input, null, 2)}${tags?.tag.length ? `\nTagResource ${JSON.stringify(tags.tag)}` : ''}${tags?.untag.length ? `\nUntagResource ${JSON.stringify(tags.untag)}` : ''}`, body);
  await say(ctx, 'info', 'ECSX_DRY_RUN_OK', 'DRY RUN OK');
  return { action, dryRun: true, ...(serviceArn ? { serviceArn } : {}), endpoints, resources: [], input, ...(tags ? { tags } : {}) };
}

async function printEndpoints(ctx: ActionContext, endpoints: string[]): Promise<void> {
  for (const e of endpoints) await say(ctx, 'result', 'ECSX_EXPRESS_ENDPOINT', e, { endpoint: e });
}

/** The classic deploy flags (as `deploy` receives them) plus `--replace`. */
export interface DeployFlagsForExpress {
  dryRun?: boolean;
  forceNewDeployment?: boolean;
  wait?: boolean;
  replace?: boolean;
  tasks?: number;
  skipTaskDefinition?: boolean;
  revision?: number;
  latestTaskDefinition?: boolean;
  updateService?: boolean;
  waitUntil?: string;
  suspendAutoScaling?: boolean;
  resumeAutoScaling?: boolean;
  autoScalingMin?: number;
  autoScalingMax?: number;
}

/**
 * `deploy`'s entry for Express services: rejects flags that mean nothing for Express (Express
 * manages the task definition, the count and the scaling itself; it always waits for `deployed`)
 * before anything is read, then runs {@link expressDeploy}.
 */
export async function expressDeployFromFlags(ctx: ActionContext, loaded: LoadedConfig, f: DeployFlagsForExpress): Promise<ExpressDeployResult> {
  const bad = [
    f.tasks !== undefined && f.tasks !== -1 && '--tasks (set scalingTarget in the express definition)',
    f.skipTaskDefinition && '--skip-task-definition',
    f.revision && '--revision (set taskDefinitionArn in the express definition)',
    f.latestTaskDefinition && '--latest-task-definition',
    f.updateService === false && '--no-update-service',
    f.waitUntil !== undefined && f.waitUntil !== 'deployed' && `--wait-until ${f.waitUntil}`,
    (f.suspendAutoScaling || f.resumeAutoScaling || f.autoScalingMin !== undefined || f.autoScalingMax !== undefined) && 'the auto-scaling flags (set scalingTarget)',
  ].filter(Boolean);
  if (bad.length) throw new UsageError(`not supported for Express services: ${bad.join(', ')}`);
  return expressDeploy(ctx, loaded, { dryRun: f.dryRun, forceNewDeployment: f.forceNewDeployment, wait: f.wait, replace: f.replace });
}
