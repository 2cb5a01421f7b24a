/**
 * Clusters: Create/Describe/List/Delete/UpdateCluster, UpdateClusterSettings and
 * PutClusterCapacityProviders. The `default` cluster is created on first use, as AWS gives
 * "each account … a default cluster the first time you use the service" (model, RunTask.cluster).
 */
import { AwsError } from '../types.js';
import { capacityProviderArn, clusterArn, clusterNameFrom, parseArn } from './arns.js';
import type { EngineContext, OperationTable } from './context.js';
import { clusterNotFound, invalidParameter } from './errors.js';
import { clone, compact, optList, optObject, optString, optStringList, reqString, type Json } from './input.js';
import { paginate } from './paging.js';
import type { ClusterRecord } from './store.js';
import { readTags } from './tags.js';

/** The capacity providers every account has. */
export const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];

const clusterContains = (code: string, message: string) => new AwsError(code, message);

const NAME_RE = /^[a-zA-Z0-9_-]{1,255}$/;

function newCluster(ctx: EngineContext, name: string): ClusterRecord {
  return {
    arn: clusterArn(ctx, name),
    name,
    status: 'ACTIVE',
    tags: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
  };
}

/**
 * Resolves an operation's `cluster` member (name or ARN; absent means `default`).
 * Unknown or deleted clusters raise ClusterNotFoundException.
 */
export function resolveCluster(ctx: EngineContext, ref: string | undefined): ClusterRecord {
  const name = ref === undefined || ref === '' ? 'default' : clusterNameFrom(ref);
  let cluster = ctx.store.clusters.get(name);
  if ((!cluster || cluster.status !== 'ACTIVE') && name === 'default') {
    cluster = newCluster(ctx, 'default');
    ctx.store.clusters.set(name, cluster);
  }
  if (!cluster || cluster.status !== 'ACTIVE') throw clusterNotFound();
  return cluster;
}

function readStrategy(input: Json, key: string): Json[] | undefined {
  const list = optList<Json>(input, key);
  list?.forEach((item) => {
    if (typeof item?.capacityProvider !== 'string') throw invalidParameter('capacityProvider can not be blank.');
  });
  return list;
}

function checkProviders(names: string[]): void {
  for (const n of names) {
    if (!FARGATE_PROVIDERS.includes(n)) {
      throw invalidParameter(`The specified capacity provider does not exist. Specify a valid name or ARN and try again.`);
    }
  }
}

function counts(ctx: EngineContext, c: ClusterRecord) {
  let running = 0;
  let pending = 0;
  for (const t of ctx.store.tasks.values()) {
    if (t.clusterName !== c.name) continue;
    if (t.lastStatus === 'RUNNING') running++;
    else if (['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(t.lastStatus)) pending++;
  }
  let services = 0;
  for (const s of ctx.store.services.values()) if (s.clusterName === c.name && s.status === 'ACTIVE') services++;
  return { running, pending, services };
}

/** The Cluster output shape. */
export function renderCluster(ctx: EngineContext, c: ClusterRecord, include: string[] = []): Json {
  const n = counts(ctx, c);
  return compact({
    clusterArn: c.arn,
    clusterName: c.name,
    configuration: include.includes('CONFIGURATIONS') ? clone(c.configuration) : undefined,
    status: c.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: c.status === 'ACTIVE' ? n.running : 0,
    pendingTasksCount: c.status === 'ACTIVE' ? n.pending : 0,
    activeServicesCount: c.status === 'ACTIVE' ? n.services : 0,
    statistics: include.includes('STATISTICS') ? [] : undefined,
    tags: include.includes('TAGS') ? clone(c.tags) : undefined,
    settings: clone(c.settings),
    capacityProviders: clone(c.capacityProviders),
    defaultCapacityProviderStrategy: clone(c.defaultCapacityProviderStrategy),
    attachments: include.includes('ATTACHMENTS') ? [] : undefined,
    serviceConnectDefaults: clone(c.serviceConnectDefaults),
  });
}

export const clusterOperations: OperationTable = {
  CreateCluster(ctx, input) {
    const name = optString(input, 'clusterName') ?? 'default';
    if (!NAME_RE.test(name)) {
      throw invalidParameter('Cluster name can have up to 255 characters: letters, numbers, hyphens and underscores.');
    }
    const existing = ctx.store.clusters.get(name);
    // CreateCluster is idempotent for an ACTIVE cluster: it returns the existing one.
    if (existing && existing.status === 'ACTIVE') return { cluster: renderCluster(ctx, existing, ['TAGS']) };
    const c = newCluster(ctx, name);
    c.tags = readTags(input);
    c.settings = clone(optList<Json>(input, 'settings')) ?? c.settings;
    c.configuration = clone(optObject(input, 'configuration'));
    c.serviceConnectDefaults = clone(optObject(input, 'serviceConnectDefaults'));
    const providers = optStringList(input, 'capacityProviders') ?? [];
    checkProviders(providers);
    c.capacityProviders = [...providers];
    c.defaultCapacityProviderStrategy = clone(readStrategy(input, 'defaultCapacityProviderStrategy')) ?? [];
    ctx.store.clusters.set(name, c);
    return { cluster: renderCluster(ctx, c, ['TAGS']) };
  },

  DescribeClusters(ctx, input) {
    const refs = optStringList(input, 'clusters') ?? ['default'];
    const include = optStringList(input, 'include') ?? [];
    const clusters: Json[] = [];
    const failures: Json[] = [];
    for (const ref of refs) {
      const c = ctx.store.clusters.get(clusterNameFrom(ref));
      if (c) clusters.push(renderCluster(ctx, c, include));
      else failures.push({ arn: clusterArn(ctx, clusterNameFrom(ref)), reason: 'MISSING' });
    }
    return { clusters, failures };
  },

  ListClusters(ctx, input) {
    const arns = [...ctx.store.clusters.values()].filter((c) => c.status === 'ACTIVE').map((c) => c.arn);
    const page = paginate(arns, {
      nextToken: optString(input, 'nextToken'),
      maxResults: input.maxResults as number | undefined,
      defaultMax: 100,
      limit: 100,
    });
    return compact({ clusterArns: page.items, nextToken: page.nextToken });
  },

  DeleteCluster(ctx, input) {
    const c = resolveCluster(ctx, reqString(input, 'cluster'));
    const services = [...ctx.store.services.values()].filter((s) => s.clusterName === c.name && s.status !== 'INACTIVE');
    if (services.length > 0) {
      throw clusterContains('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
    }
    const tasks = [...ctx.store.tasks.values()].filter((t) => t.clusterName === c.name && t.lastStatus !== 'STOPPED');
    if (tasks.length > 0) {
      throw clusterContains('ClusterContainsTasksException', 'The Cluster cannot be deleted while Tasks are active.');
    }
    c.status = 'INACTIVE';
    return { cluster: renderCluster(ctx, c) };
  },

  UpdateCluster(ctx, input) {
    const c = resolveCluster(ctx, reqString(input, 'cluster'));
    const settings = optList<Json>(input, 'settings');
    if (settings) c.settings = clone(settings);
    const configuration = optObject(input, 'configuration');
    if (configuration) c.configuration = clone(configuration);
    const scd = optObject(input, 'serviceConnectDefaults');
    if (scd) c.serviceConnectDefaults = clone(scd);
    return { cluster: renderCluster(ctx, c) };
  },

  UpdateClusterSettings(ctx, input) {
    const c = resolveCluster(ctx, reqString(input, 'cluster'));
    const settings = optList<Json>(input, 'settings');
    if (!settings) throw invalidParameter('settings can not be blank.');
    for (const s of settings) {
      c.settings = c.settings.filter((x) => x.name !== s.name).concat([clone(s)]);
    }
    return { cluster: renderCluster(ctx, c) };
  },

  /** Only the built-in Fargate providers exist in the sandbox. */
  DescribeCapacityProviders(ctx, input) {
    const refs = optStringList(input, 'capacityProviders') ?? FARGATE_PROVIDERS;
    const capacityProviders: Json[] = [];
    const failures: Json[] = [];
    for (const ref of refs) {
      const arn = parseArn(ref);
      const name = arn && arn.resourceType === 'capacity-provider' ? arn.path.join('/') : ref;
      if (FARGATE_PROVIDERS.includes(name)) {
        capacityProviders.push({ capacityProviderArn: capacityProviderArn(ctx, name), name, status: 'ACTIVE', tags: [], type: name });
      } else {
        failures.push({ arn: capacityProviderArn(ctx, name), reason: 'MISSING' });
      }
    }
    return { capacityProviders, failures };
  },

  PutClusterCapacityProviders(ctx, input) {
    const c = resolveCluster(ctx, reqString(input, 'cluster'));
    const providers = optStringList(input, 'capacityProviders');
    const strategy = readStrategy(input, 'defaultCapacityProviderStrategy');
    if (!providers) throw invalidParameter('capacityProviders can not be blank.');
    if (!strategy) throw invalidParameter('defaultCapacityProviderStrategy can not be blank.');
    checkProviders(providers);
    for (const item of strategy) {
      if (!providers.includes(item.capacityProvider as string)) {
        throw invalidParameter(
          'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster.',
        );
      }
    }
    c.capacityProviders = [...providers];
    c.defaultCapacityProviderStrategy = clone(strategy);
    return { cluster: renderCluster(ctx, c) };
  },
};
