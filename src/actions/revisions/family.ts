/**
 * The task definition family a command works on: the one in the config's task definition file
 * (ecspresso's rule), else the family of the service's current task definition.
 */
import type { Service } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../../context.js';
import type { LoadedConfig } from '../../config/load.js';
import { loadDefinition } from '../../config/load-definitions.js';
import { ConfigError, UserInputError } from '../../errors.js';
import { taskDefinitionName } from '../status/describe.js';

/** `family` of `family:revision` (or of a task definition ARN). */
export function familyOf(taskDefinition: string): string {
  const name = taskDefinitionName(taskDefinition);
  const i = name.lastIndexOf(':');
  return i > 0 ? name.slice(0, i) : name;
}

/**
 * The family from the config's `task_definition` file; when the file cannot be rendered (say a
 * `must_env` variable is unset) and the service exists, the service's family, with a warning.
 */
export async function resolveFamily(ctx: ActionContext, loaded: LoadedConfig, service: Service | undefined): Promise<string> {
  const fromService = service?.taskDefinition ? familyOf(service.taskDefinition) : undefined;
  if (!loaded.config.taskDefinition) {
    if (fromService) return fromService;
    throw new ConfigError('cannot tell the task definition family: set `task_definition` (or `service`) in the config', { file: loaded.config.file });
  }
  try {
    const d = await loadDefinition(loaded, 'task');
    if (typeof d.value.family === 'string' && d.value.family) return d.value.family;
    throw new ConfigError('the task definition has no family', { file: d.file });
  } catch (err) {
    if (!(err instanceof UserInputError) || !fromService) throw err;
    await ctx.io.notify({
      code: 'ECSX_FAMILY_FROM_SERVICE',
      level: 'warn',
      message: `could not read the family from the task definition file (${err.message}); using the service's family ${fromService}`,
      time: ctx.clock.now(),
    });
    return fromService;
  }
}
