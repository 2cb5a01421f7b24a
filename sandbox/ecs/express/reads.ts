/**
 * What Express changes in the engine's read operations:
 *
 * - DescribeServiceRevisions carries `ecsManagedResources` for Express revisions (§2.3), and is
 *   refused for a service that is INACTIVE (`Cannot call DescribeServiceRevisions for a service
 *   that is INACTIVE`, aws-cli's serviceviewcollector.py, §2.4).
 * - DescribeServices leaves `taskDefinition` out for ECS-managed services; tools read it from the
 *   primary deployment (ecspresso PR #902, §2.3).
 */
import type { OperationTable } from '../context.js';
import { invalidParameter } from '../errors.js';
import { optStringList, type Json } from '../input.js';
import { serviceDeploymentOperations } from '../service-deployments.js';
import { serviceQueryOperations } from '../service-queries.js';
import { expressOfRevision } from './store.js';
import { renderManagedResources } from './view.js';

export const expressReadOperations: OperationTable = {
  DescribeServiceRevisions(ctx, input) {
    for (const arn of optStringList(input, 'serviceRevisionArns') ?? []) {
      if (expressOfRevision(ctx, arn)?.status === 'INACTIVE') throw invalidParameter('Cannot call DescribeServiceRevisions for a service that is INACTIVE');
    }
    const out = serviceDeploymentOperations.DescribeServiceRevisions!(ctx, input) as { serviceRevisions: Json[] };
    for (const rev of out.serviceRevisions) {
      const arn = rev.serviceRevisionArn as string;
      const svc = expressOfRevision(ctx, arn);
      if (svc) rev.ecsManagedResources = renderManagedResources(ctx, svc, svc.configs.get(arn)!);
    }
    return out;
  },

  DescribeServices(ctx, input) {
    const out = serviceQueryOperations.DescribeServices!(ctx, input) as { services: Json[] };
    for (const service of out.services) if (service.resourceManagementType === 'ECS') delete service.taskDefinition;
    return out;
  },
};
