/** DescribeServices and ListServices. */
import { serviceArn, serviceRefFrom } from './arns.js';
import { resolveCluster } from './clusters.js';
import type { OperationTable } from './context.js';
import { invalidParameter } from './errors.js';
import { optEnum, optString, optStringList, compact, type Json } from './input.js';
import { paginate } from './paging.js';
import { findService } from './services.js';
import { renderService } from './service-view.js';

export const serviceQueryOperations: OperationTable = {
  DescribeServices(ctx, input) {
    const cluster = resolveCluster(ctx, optString(input, 'cluster'));
    const refs = optStringList(input, 'services');
    if (!refs || refs.length === 0) throw invalidParameter('services can not be empty.');
    if (refs.length > 10) throw invalidParameter('services can have at most 10 items.');
    const includeTags = (optStringList(input, 'include') ?? []).includes('TAGS');
    const services: Json[] = [];
    const failures: Json[] = [];
    for (const ref of refs) {
      const service = findService(ctx, cluster, ref);
      const stale = service?.sim.staleView;
      const lagging = stale && ctx.now() < stale.until ? stale.view : undefined;
      if (!service || lagging === 'MISSING') {
        const { name, cluster: c } = serviceRefFrom(ref);
        failures.push({ arn: serviceArn(ctx, c ?? cluster.name, name), reason: 'MISSING' });
      } else if (lagging) {
        services.push(lagging);
      } else {
        services.push(renderService(ctx, service, includeTags));
      }
    }
    return { services, failures };
  },

  ListServices(ctx, input) {
    const cluster = resolveCluster(ctx, optString(input, 'cluster'));
    const launchType = optString(input, 'launchType');
    const scheduling = optEnum(input, 'schedulingStrategy', ['REPLICA', 'DAEMON'] as const);
    const rmt = optEnum(input, 'resourceManagementType', ['CUSTOMER', 'ECS'] as const);
    // DRAINING and INACTIVE services are not listed (reference §5.1).
    const arns = [...ctx.store.services.values()]
      .filter((s) => s.clusterName === cluster.name && s.status === 'ACTIVE')
      .filter((s) => !launchType || s.spec.launchType === launchType || (launchType === 'FARGATE' && s.spec.capacityProviderStrategy?.length))
      .filter((s) => !scheduling || s.schedulingStrategy === scheduling)
      .filter((s) => !rmt || s.resourceManagementType === rmt)
      .map((s) => s.arn);
    const page = paginate(arns, {
      nextToken: optString(input, 'nextToken'),
      maxResults: input.maxResults as number | undefined,
      defaultMax: 10,
      limit: 100,
    });
    return compact({ serviceArns: page.items, nextToken: page.nextToken });
  },
};
