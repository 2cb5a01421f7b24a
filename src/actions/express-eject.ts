/**
 * `ecsx express eject`: write classic definitions equivalent to the Express service — the task
 * definition Express manages and the ECS service's own configuration (network, load balancer,
 * canary deployment settings) — for a team that outgrows Express. Same files as ecspresso's
 * `init --no-express`, next to the config, with a classic config of their own.
 */
import { dirname, relative, resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import type { ActionContext } from '../context.js';
import { expressRefOf, say } from '../express/action-helpers.js';
import { init, type InitResult } from './init.js';

/** Options of {@link expressEject}. */
export interface ExpressEjectOptions {
  /** The classic config to write, relative to the Express config's directory; default `ecsx.classic.yml`. */
  output?: string;
  taskDefinitionPath?: string;
  serviceDefinitionPath?: string;
  forceOverwrite?: boolean;
}

/** Writes the classic config, task definition and service definition of the config's Express service. */
export async function expressEject(ctx: ActionContext, loaded: LoadedConfig, o: ExpressEjectOptions = {}): Promise<InitResult> {
  const ref = expressRefOf(loaded.config, 'express eject');
  const dir = dirname(loaded.config.file);
  const output = resolve(dir, o.output ?? 'ecsx.classic.yml');
  const r = (await init(ctx, {
    aws: loaded.aws,
    cluster: ref.cluster,
    service: ref.service,
    config: output,
    cwd: dir,
    taskDefinitionPath: o.taskDefinitionPath ?? 'ecs-task-def.json',
    serviceDefinitionPath: o.serviceDefinitionPath ?? 'ecs-service-def.json',
    express: false,
    forceOverwrite: o.forceOverwrite,
  })) as InitResult;
  const shown = relative(process.cwd(), output) || output;
  await say(
    ctx,
    'info',
    'ECSX_EXPRESS_EJECT_NEXT',
    [
      `Next steps (docs/express.md, "Leaving Express"):`,
      `  - \`ecsx diff --config ${shown}\` compares the classic files with the running service.`,
      `  - The files name resources Express owns (its target group, security group, task definition family).`,
      `    To run the service yourself, deploy them as a new service on your own load balancer, move traffic,`,
      `    then \`ecsx delete --purge\` the Express service.`,
    ].join('\n'),
  );
  return r;
}
