import { stringify as toYaml } from 'yaml';
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import { loadDefinition } from '../config/load-definitions.js';
import { withClients } from '../aws/clients.js';
import { buildAppSpec, type AppSpec, type AppSpecServiceLike } from './appspec/build.js';
import { resolveFamily } from './revisions/family.js';
import { describeRevision, listRevisionArns } from './revisions/list.js';
import { describeService, serviceNotFound, serviceRefOf } from './status/describe.js';
import { UserInputError } from '../errors.js';

export { buildAppSpec, type AppSpec } from './appspec/build.js';

/** Options of {@link appspec}. */
export interface AppSpecOptions {
  /** `latest` (default: newest ACTIVE revision of the family), `current` (the service's) or a task definition ARN / `family:revision`. */
  taskDefinition?: string;
  /** Take load balancer and network from the local service definition (default true) instead of the running service. */
  updateService?: boolean;
  /** Print JSON instead of YAML. */
  json?: boolean;
}

/** Prints the CodeDeploy AppSpec for the service (YAML, or JSON). */
export async function appspec(ctx: ActionContext, loaded: LoadedConfig, opts: AppSpecOptions = {}): Promise<AppSpec> {
  const ref = serviceRefOf(loaded.config, 'appspec');
  const which = opts.taskDefinition ?? 'latest';
  const spec = await withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref }, async (clients) => {
    const ecs = await clients.ecs();
    const service = await describeService(ecs, ref);
    if (!service || service.status === 'INACTIVE') throw serviceNotFound(ref);
    let arn: string;
    if (which === 'current') arn = service.taskDefinition!;
    else if (which === 'latest') {
      const family = await resolveFamily(ctx, loaded, service);
      arn = (await listRevisionArns(ecs, family))[0] ?? '';
      if (!arn) throw new UserInputError('TASK_DEFINITION_NOT_FOUND', `no ACTIVE revision of ${family}`);
    } else arn = (await describeRevision(ecs, which)).taskDefinition!.taskDefinitionArn!;
    let source: AppSpecServiceLike = service as AppSpecServiceLike;
    if (opts.updateService !== false && loaded.config.serviceDefinition) source = (await loadDefinition(loaded, 'service')).value as AppSpecServiceLike;
    return buildAppSpec(arn, source, loaded.config.appspec);
  });
  const text = opts.json ? JSON.stringify(spec, null, 2) : toYaml(spec, { lineWidth: 0 }).trimEnd();
  await ctx.io.notify({ code: 'ECSX_APPSPEC', level: 'result', message: text, time: ctx.clock.now(), data: spec });
  return spec;
}
