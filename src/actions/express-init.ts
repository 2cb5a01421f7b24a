/**
 * `init --express`: write an `ecsx.yml` and an `ecs-express-def.json` — a quick start from an
 * image (`--image`, optionally creating the IAM roles), or an import of an existing Express
 * service that `ecsx diff` shows as unchanged.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, relative } from 'node:path';
import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { stringify as toYaml } from 'yaml';
import type { AwsOptions } from '../aws/client-config.js';
import { resolveRegion } from '../aws/client-config.js';
import { withClients } from '../aws/clients.js';
import { awsErrorCode } from '../aws/errors.js';
import type { ActionContext } from '../context.js';
import type { ExpressDefinition } from '../definitions/types.js';
import { UserInputError } from '../errors.js';
import { toJsonnetText, type JsonValue } from '../jsonnet/index.js';
import { say } from '../express/action-helpers.js';
import { managedSecurityGroups } from '../express/compare.js';
import { definitionFromService, quickStartDefinition, serviceNameFromImage } from '../express/import.js';
import { describeExpress, describeServiceByName } from '../express/lookup.js';
import { ensureRoles } from '../express/roles.js';
import { confirm } from './deregister/confirm.js';
import { configLocation, definitionLocation, definitionText, jsonnetPath } from './init/files.js';

/** Options of {@link expressInit}. */
export interface ExpressInitOptions {
  aws: AwsOptions;
  cluster?: string;
  /** The service to import, or the quick start's name (default: from the image). */
  service?: string;
  /** Quick start: the container image. Without it, `service` is imported. */
  image?: string;
  /** Quick start: the container port, default 80. */
  port?: number;
  /** Quick start: create (or reuse) the execution and infrastructure roles. */
  createRoles?: boolean;
  /** Default `ecs-express-def.json`, relative to the config. */
  expressDefinitionPath?: string;
  config?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  jsonnet?: boolean;
  forceOverwrite?: boolean;
}

/** What {@link expressInit} wrote. */
export interface ExpressInitResult {
  mode: 'quick-start' | 'import';
  region: string;
  cluster: string;
  service: string;
  files: { kind: 'config' | 'express'; path: string }[];
  /** Quick start with --create-roles: the roles and whether ecsx created them. */
  roles?: { execution: { arn: string; created: boolean }; infrastructure: { arn: string; created: boolean } };
}

/** The AWS-documented role names (CLI tutorial), used when they exist and --create-roles is not given. */
const CONVENTIONAL = { execution: 'ecsTaskExecutionRole', infrastructure: 'ecsInfrastructureRoleForExpressServices' };

/** Writes the config and the express definition. See docs/express.md. */
export async function expressInit(ctx: ActionContext, o: ExpressInitOptions): Promise<ExpressInitResult> {
  if (!o.image && !o.service) throw new UserInputError('USAGE', 'init --express needs --image IMAGE (quick start) or --service NAME (import an existing Express service)');
  const port = o.port ?? 80;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserInputError('USAGE', `--port must be 1-65535, got ${o.port}`);
  const cwd = o.cwd ?? process.cwd();
  const cluster = o.cluster ?? 'default';
  const service = o.service ?? serviceNameFromImage(o.image!);
  const jsonnet = Boolean(o.jsonnet);
  const configPath = configLocation(cwd, o.config, jsonnet);
  const defRel = jsonnet ? jsonnetPath(o.expressDefinitionPath ?? 'ecs-express-def.json') : (o.expressDefinitionPath ?? 'ecs-express-def.json');
  const ref = { cluster, service };

  const made = await withClients(ctx, o.aws, { hint: ref }, async (clients) => {
    const ecs = await clients.ecs();
    const region = resolveRegion(o.aws, o.env) ?? (await ecs.config.region());
    const existing = await describeServiceByName(ecs, ref);
    const active = existing?.status === 'ACTIVE';
    if (!o.image) {
      if (!active || !existing?.serviceArn) throw new UserInputError('SERVICE_NOT_FOUND', `service ${service} not found (or not ACTIVE) in cluster ${cluster}: nothing to import; pass --image to start a new one`);
      if (existing.resourceManagementType !== 'ECS') throw new UserInputError('NOT_EXPRESS', `service ${service} is not an Express Mode service: import it with \`ecsx init --service ${service}\` (no --express)`);
      const live = await describeExpress(ecs, existing.serviceArn);
      if (!live) throw new UserInputError('SERVICE_NOT_FOUND', `Express service ${service} could not be described`);
      // The managed security group is found the same way diff finds it, so the import diffs clean.
      const managed = await managedSecurityGroups(clients, live);
      return { region, def: definitionFromService(live, [...managed]), mode: 'import' as const };
    }
    if (active) {
      throw new UserInputError('SERVICE_EXISTS', `service ${service} already exists in cluster ${cluster}: import it with \`ecsx init --express --service ${service}\` (no --image), or choose another --service`);
    }
    const iam = await clients.iam();
    let roles: ExpressInitResult['roles'];
    if (o.createRoles) {
      const r = await ensureRoles(iam, ref);
      roles = { execution: { arn: r.execution.arn, created: r.execution.created }, infrastructure: { arn: r.infrastructure.arn, created: r.infrastructure.created } };
      for (const [what, x] of [['execution', r.execution], ['infrastructure', r.infrastructure]] as const) {
        await say(ctx, 'info', 'ECSX_INIT_ROLE', `${x.created ? 'created' : 'reusing'} ${what} role ${x.arn}`, x);
      }
    } else {
      const execution = await roleArn(iam, CONVENTIONAL.execution);
      const infrastructure = await roleArn(iam, CONVENTIONAL.infrastructure);
      if (!execution || !infrastructure) {
        const missing = [!execution && CONVENTIONAL.execution, !infrastructure && CONVENTIONAL.infrastructure].filter(Boolean).join(' and ');
        throw new UserInputError('EXPRESS_ROLES', `role ${missing} not found: pass --create-roles to create the roles an Express service needs (tagged as ecsx's, removed by \`ecsx delete --purge\`)`);
      }
      roles = { execution: { arn: execution, created: false }, infrastructure: { arn: infrastructure, created: false } };
    }
    const def = quickStartDefinition({ image: o.image, port, executionRoleArn: roles.execution.arn, infrastructureRoleArn: roles.infrastructure.arn });
    return { region, def, mode: 'quick-start' as const, roles };
  });

  const defPath = definitionLocation(configPath, defRel);
  const config = { region: made.region, cluster, service, express_definition: defRel, timeout: '30m' };
  const files = [
    { kind: 'config' as const, path: configPath, text: configText(configPath, config) },
    { kind: 'express' as const, path: defPath, text: definitionText(defPath, made.def as ExpressDefinition) },
  ];
  for (const f of files) {
    if (!existsSync(f.path) || o.forceOverwrite) continue;
    const shown = relative(cwd, f.path) || f.path;
    await confirm(ctx, { code: 'ECSX_INIT_OVERWRITE', question: `${shown} exists. Overwrite it? [y/N]`, action: `overwrite ${shown}`, forceFlag: '--force-overwrite' });
  }
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text);
    await say(ctx, 'info', 'ECSX_INIT_WROTE', `wrote ${relative(cwd, f.path) || f.path}`, { kind: f.kind, path: f.path });
  }
  const result: ExpressInitResult = { mode: made.mode, region: made.region, cluster, service, files: files.map(({ kind, path }) => ({ kind, path })), ...('roles' in made ? { roles: made.roles } : {}) };
  const next = made.mode === 'quick-start' ? '; deploy it with `ecsx deploy`' : '; `ecsx diff` should show no differences';
  await say(ctx, 'result', 'ECSX_INIT', `${made.mode === 'import' ? 'imported Express service' : 'wrote a quick start for Express service'} ${service} into ${relative(cwd, configPath) || configPath}${next}`, result);
  return result;
}

async function roleArn(iam: IAMClient, name: string): Promise<string | undefined> {
  try {
    return (await iam.send(new GetRoleCommand({ RoleName: name }))).Role?.Arn;
  } catch (err) {
    if (awsErrorCode(err) === 'NoSuchEntity') return undefined;
    throw err;
  }
}

function configText(path: string, c: Record<string, string>): string {
  const ext = extname(path).toLowerCase();
  return ext === '.jsonnet' || ext === '.json' ? toJsonnetText(c as JsonValue) : toYaml(c, { lineWidth: 0 });
}
