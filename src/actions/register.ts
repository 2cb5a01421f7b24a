import { RegisterTaskDefinitionCommand, type RegisterTaskDefinitionCommandInput, type TaskDefinition, type Tag } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../context.js';
import type { LoadedConfig } from '../config/load.js';
import { loadDefinition } from '../config/load-definitions.js';
import { withClients } from '../aws/clients.js';
import { taskDefinitionName } from './status/describe.js';

/** Options of {@link register}. */
export interface RegisterOptions {
  /** Render and check the task definition, print it, register nothing. */
  dryRun?: boolean;
  /** Print the registered task definition as JSON (ecspresso's `register --output`). */
  print?: boolean;
}

/** What {@link register} returns. */
export interface RegisterResult {
  dryRun: boolean;
  /** The file the task definition came from. */
  file: string;
  /** The input that was (or, with dryRun, would be) sent. */
  input: RegisterTaskDefinitionCommandInput;
  /** What ECS registered (not with dryRun). */
  taskDefinition?: TaskDefinition;
  tags?: Tag[];
  /** `family:revision` registered (not with dryRun). */
  name?: string;
}

/**
 * Registers the config's task definition as a new revision of its family. Empty tags are not
 * sent (as ecspresso). With `dryRun`, prints what would be registered.
 */
export async function register(ctx: ActionContext, loaded: LoadedConfig, opts: RegisterOptions = {}): Promise<RegisterResult> {
  const def = await loadDefinition(loaded, 'task', { ctx });
  const input = { ...def.value } as RegisterTaskDefinitionCommandInput;
  if (!input.tags?.length) delete input.tags;
  const mask = (t: string) => loaded.secrets.mask(t);
  if (opts.dryRun) {
    const result: RegisterResult = { dryRun: true, file: def.file, input };
    await ctx.io.notify({ code: 'ECSX_REGISTER_DRY_RUN', level: 'info', message: `dry run: would register a new revision of ${input.family} from ${def.file}; nothing registered`, time: ctx.clock.now() });
    await ctx.io.notify({ code: 'ECSX_REGISTER', level: 'result', message: mask(JSON.stringify(input, null, 2)), time: ctx.clock.now(), data: JSON.parse(mask(JSON.stringify(result))) });
    return result;
  }
  const out = await withClients(ctx, loaded.aws, { mask }, async (clients) => (await clients.ecs()).send(new RegisterTaskDefinitionCommand(input)));
  const name = taskDefinitionName(out.taskDefinition?.taskDefinitionArn);
  const result: RegisterResult = { dryRun: false, file: def.file, input, taskDefinition: out.taskDefinition, tags: out.tags, name };
  const message = opts.print
    ? mask(JSON.stringify({ taskDefinition: out.taskDefinition, tags: out.tags?.length ? out.tags : undefined }, null, 2))
    : `registered task definition ${name} (${out.taskDefinition?.taskDefinitionArn})`;
  await ctx.io.notify({ code: 'ECSX_REGISTER', level: 'result', message, time: ctx.clock.now(), data: JSON.parse(mask(JSON.stringify(result))) });
  return result;
}
