import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { ActionContext } from '../context.js';
import type { AwsOptions } from '../aws/client-config.js';
import { resolveRegion } from '../aws/client-config.js';
import { withClients } from '../aws/clients.js';
import { UsageError, UserInputError } from '../errors.js';
import type { ExpressInitResult } from './express-init.js';
import { confirm } from './deregister/confirm.js';
import { configLocation, configText, definitionLocation, definitionText, jsonnetPath } from './init/files.js';
import { serviceDefinitionOf, taskDefinitionOf } from './init/strip.js';
import { describeRevision } from './revisions/list.js';
import { isExpressService, requireService, taskDefinitionName } from './status/describe.js';

export { serviceDefinitionOf, sortTaskDefinition, taskDefinitionOf } from './init/strip.js';

/** Options of {@link init}: exactly one of `service` and `taskDefinition`. */
export interface InitOptions {
  /** Region and profile (`--region`, `--profile`); the region falls back to AWS_REGION and the profile's. */
  aws: AwsOptions;
  /** Default `default`. */
  cluster?: string;
  /** Import this service and its task definition. */
  service?: string;
  /** Import only this task definition (`family:revision`, `family` or an ARN). */
  taskDefinition?: string;
  /** Default `ecs-task-def.json` (`.jsonnet` with `jsonnet`), relative to the config. */
  taskDefinitionPath?: string;
  /** Default `ecs-service-def.json`. */
  serviceDefinitionPath?: string;
  /** The config file to write; default `ecsx.yml` in `cwd`. */
  config?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Write Jsonnet (config and definitions renamed to `.jsonnet`). */
  jsonnet?: boolean;
  /** Sort the task definition's order-insensitive lists. */
  sort?: boolean;
  /** Overwrite existing files without asking. */
  forceOverwrite?: boolean;
  /**
   * Express Mode: true writes an express definition (quick start with `image`, or an import of
   * `service`); false imports an Express service as classic definitions (ecspresso's
   * `--no-express`, ecsx's `express eject`); undefined: express for an Express service.
   */
  express?: boolean;
  /** Express quick start (src/actions/express-init.ts): the image, its port, create the roles. */
  image?: string;
  port?: number;
  createRoles?: boolean;
  /** Default `ecs-express-def.json`. */
  expressDefinitionPath?: string;
}

/** One file `init` wrote. */
export interface InitFile {
  kind: 'config' | 'service' | 'task';
  path: string;
}

/** What {@link init} returns. */
export interface InitResult {
  region: string;
  cluster: string;
  service?: string;
  /** `family:revision` imported. */
  taskDefinition: string;
  files: InitFile[];
}

/**
 * Imports an existing service (or task definition) into a config and definition files that
 * `ecsx diff` shows as unchanged: read-only fields stripped, nothing else rewritten. Existing
 * files are overwritten only with `forceOverwrite` or after a confirmation per file.
 */
export async function init(ctx: ActionContext, opts: InitOptions): Promise<InitResult | ExpressInitResult> {
  // Express Mode (src/actions/express-init.ts): --express, or --image for a quick start.
  if (opts.express || (opts.express === undefined && opts.image)) return (await import('./express-init.js')).expressInit(ctx, opts);
  if (opts.image || opts.createRoles) throw new UsageError('--image and --create-roles are for Express services: add --express');
  if (Boolean(opts.service) === Boolean(opts.taskDefinition)) throw new UsageError('init needs exactly one of --service and --task-definition');
  const cwd = opts.cwd ?? process.cwd();
  const cluster = opts.cluster ?? 'default';
  const jsonnet = Boolean(opts.jsonnet);
  const configPath = configLocation(cwd, opts.config, jsonnet);
  const tdRel = (p: string) => (jsonnet ? jsonnetPath(p) : p);
  const taskPath = tdRel(opts.taskDefinitionPath ?? 'ecs-task-def.json');
  const servicePath = tdRel(opts.serviceDefinitionPath ?? 'ecs-service-def.json');
  const hint = { cluster, service: opts.service };

  const imported = await withClients(ctx, opts.aws, { hint }, async (clients) => {
    const ecs = await clients.ecs();
    const region = resolveRegion(opts.aws, opts.env) ?? (await ecs.config.region());
    let service;
    if (opts.service) {
      service = await requireService(ecs, { cluster, service: opts.service }, true);
      if (service.status !== 'ACTIVE') throw new UserInputError('SERVICE_NOT_ACTIVE', `service ${opts.service} is ${service.status}: there is nothing to import`);
      if (isExpressService(service) && opts.express === undefined) return { express: true as const };
      if (isExpressService(service)) {
        // --no-express: classic definitions of the Express service; ECS does not set its taskDefinition, the PRIMARY deployment has it.
        service.taskDefinition ??= service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition;
      }
      if (service.deploymentController?.type === 'CODE_DEPLOY') {
        await ctx.io.notify({ code: 'ECSX_INIT_CODEDEPLOY', level: 'warn', message: 'the service uses CodeDeploy: add `codedeploy:` (application and deployment group) to the config yourself', time: ctx.clock.now() });
      }
    }
    const td = await describeRevision(ecs, opts.taskDefinition ?? service!.taskDefinition!);
    return { region, service, td };
  });

  if ('express' in imported) return (await import('./express-init.js')).expressInit(ctx, opts);
  const files: (InitFile & { text: string })[] = [];
  const taskFile = definitionLocation(configPath, taskPath);
  files.push({ kind: 'task', path: taskFile, text: definitionText(taskFile, taskDefinitionOf(imported.td.taskDefinition!, imported.td.tags, opts.sort)) });
  if (imported.service) {
    const serviceFile = definitionLocation(configPath, servicePath);
    files.push({ kind: 'service', path: serviceFile, text: definitionText(serviceFile, serviceDefinitionOf(imported.service)) });
  }
  const config = {
    region: imported.region,
    cluster,
    service: opts.service,
    service_definition: imported.service ? servicePath : undefined,
    task_definition: taskPath,
    timeout: '10m',
  };
  files.unshift({ kind: 'config', path: configPath, text: configText(configPath, config) });

  // Ask (or refuse) for every existing file before writing any, so a refusal leaves nothing half-written.
  for (const f of files) {
    if (!existsSync(f.path) || opts.forceOverwrite) continue;
    const shown = relative(cwd, f.path) || f.path;
    await confirm(ctx, { code: 'ECSX_INIT_OVERWRITE', question: `${shown} exists. Overwrite it? [y/N]`, action: `overwrite ${shown}`, forceFlag: '--force-overwrite' });
  }
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text);
    await ctx.io.notify({ code: 'ECSX_INIT_WROTE', level: 'info', message: `wrote ${relative(cwd, f.path) || f.path}`, time: ctx.clock.now(), data: { kind: f.kind, path: f.path } });
  }
  const result: InitResult = {
    region: imported.region,
    cluster,
    service: opts.service,
    taskDefinition: taskDefinitionName(imported.td.taskDefinition?.taskDefinitionArn),
    files: files.map(({ kind, path }) => ({ kind, path })),
  };
  const what = opts.service ? `service ${opts.service} and task definition ${result.taskDefinition}` : `task definition ${result.taskDefinition}`;
  await ctx.io.notify({ code: 'ECSX_INIT', level: 'result', message: `imported ${what} into ${relative(cwd, configPath) || configPath}`, time: ctx.clock.now(), data: result });
  return result;
}
