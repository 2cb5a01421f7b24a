/**
 * `ecsx verify`: pre-flight checks of everything the definitions reference, before a deploy
 * finds out the slow way: the cluster; execution and task roles (exist, trust ECS tasks);
 * secrets and parameters (exist; values are never read); log groups; subnets and security
 * groups; target groups (exist, fit the network mode, name a real container and port).
 * Missing permissions are WARN, not NG (ecspresso's rule).
 */
import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import type { ServiceDefinition, TaskDefinitionInput } from '../definitions/types.js';
import { withClients, type AwsClients } from '../aws/clients.js';
import { ConfigError } from '../errors.js';
import { displayPath } from './diff/classic.js';
import { say } from './deploy/notify.js';
import { loadLocal } from './deploy/service.js';
import { attempt } from './verify/attempt.js';
import { checkLoadBalancer, checkNetwork, type VpcSeen } from './verify/network.js';
import { checkTaskDefinition } from './verify/task-definition.js';
import { countStatuses, ng, ok, problems, renderTree, statusOf, type VerifyNode, type VerifyProblem, type VerifyStatus } from './verify/tree.js';

export { renderTree, statusOf, problems, type VerifyNode, type VerifyStatus, type VerifyProblem } from './verify/tree.js';
export { trustsEcsTasks, roleNameOf } from './verify/roles.js';
export { secretRef } from './verify/secrets.js';

/** Options of {@link verify} (ecspresso's flags). */
export interface VerifyOptions {
  /** Check secrets and parameters exist (default true). */
  getSecrets?: boolean;
  /** Colour the tree. */
  color?: boolean;
}

/** What {@link verify} found. `ok` is false when anything is NG. */
export interface VerifyResult {
  ok: boolean;
  status: VerifyStatus;
  tree: VerifyNode[];
  counts: Record<VerifyStatus, number>;
  problems: VerifyProblem[];
}

/** Checks the config's cluster and definitions. Emits the tree (`ECSX_VERIFY`, result) and a summary. */
export async function verify(ctx: ActionContext, loaded: LoadedConfig, opts: VerifyOptions = {}): Promise<VerifyResult> {
  // Express Mode services branch off here (config.expressDefinition).
  const c = loaded.config;
  if (!c.taskDefinition && !c.serviceDefinition) throw new ConfigError('verify needs task_definition and/or service_definition in the config', { file: c.file });
  const td = c.taskDefinition ? await loadLocal<TaskDefinitionInput>(ctx, loaded, 'task') : undefined;
  const sv = c.serviceDefinition ? await loadLocal<ServiceDefinition>(ctx, loaded, 'service') : undefined;
  const tree = await withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: { cluster: c.cluster } }, async (clients) => {
    const nodes: VerifyNode[] = [await checkCluster(clients, c.cluster)];
    if (td) nodes.push(await checkTaskDefinition(clients, td.value, displayPath(td.file), { secrets: opts.getSecrets ?? true }));
    if (sv) nodes.push(await checkService(clients, sv.value, displayPath(sv.file), c.service, td?.value));
    return nodes;
  });
  const status = tree.map(statusOf).reduce<VerifyStatus>((a, s) => (rankOf(s) > rankOf(a) ? s : a), 'SKIP');
  const result: VerifyResult = { ok: status !== 'NG', status, tree, counts: countStatuses(tree), problems: problems(tree) };
  await say(ctx, 'ECSX_VERIFY', 'result', renderTree(tree, { color: opts.color }), result);
  const ngs = result.problems.filter((p) => p.status === 'NG');
  const warns = result.problems.length - ngs.length;
  if (!result.ok) {
    const list = ngs.map((p) => `  ${p.path.join(' > ')}: ${p.message}`).join('\n');
    await say(ctx, 'ECSX_VERIFY_FAILED', 'error', `verify found ${ngs.length} problem${ngs.length === 1 ? '' : 's'}${warns ? ` and ${warns} warning${warns === 1 ? '' : 's'}` : ''}:\n${list}`, result.problems);
  } else {
    await say(ctx, 'ECSX_VERIFY_OK', 'info', `verify OK${warns ? ` with ${warns} warning${warns === 1 ? '' : 's'} (checks that could not run)` : ''}`);
  }
  return result;
}

const rankOf = (s: VerifyStatus) => ({ SKIP: 0, OK: 1, WARN: 2, NG: 3 })[s];

function checkCluster(clients: AwsClients, cluster: string): Promise<VerifyNode> {
  const name = `Cluster ${cluster}`;
  return attempt(name, async () => {
    const out = await (await clients.ecs()).send(new DescribeClustersCommand({ clusters: [cluster] }));
    const found = out.clusters?.[0];
    if (!found) return ng(name, 'cluster not found');
    return found.status === 'ACTIVE' ? ok(name) : ng(name, `cluster is ${found.status}`);
  });
}

async function checkService(clients: AwsClients, sv: ServiceDefinition, file: string, service: string | undefined, td: TaskDefinitionInput | undefined): Promise<VerifyNode> {
  const seen: VpcSeen = { subnets: new Set() };
  const children: VerifyNode[] = [await checkNetwork(clients, sv.networkConfiguration, seen)];
  for (const lb of sv.loadBalancers ?? []) children.push(await checkLoadBalancer(clients, lb, td, seen));
  return { name: `ServiceDefinition ${service ?? ''} (${file})`.replace('  ', ' '), children };
}
