/** The config's service as the classic actions look it up. */
import { DescribeServicesCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import type { ActionContext } from '../../context.js';
import { loadDefinition, type DefinitionKind, type LoadedDefinition } from '../../config/load-definitions.js';
import type { LoadedConfig } from '../../config/load.js';
import { ConfigError, UserInputError } from '../../errors.js';
import { say } from './notify.js';

/** Which service in which cluster. */
export interface ServiceRef {
  cluster: string;
  service: string;
}

/** The config's service, or a ConfigError saying `command` needs one. */
export function requireServiceRef(loaded: LoadedConfig, command: string): ServiceRef {
  const c = loaded.config;
  if (!c.service) throw new ConfigError(`${command} needs \`service\` in the config`, { file: c.file });
  return { cluster: c.cluster, service: c.service };
}

/** DescribeServices for one service (with tags when asked); undefined when ECS reports it MISSING. */
export async function describeOneService(ecs: ECSClient, ref: ServiceRef, tags = false): Promise<Service | undefined> {
  const out = await ecs.send(new DescribeServicesCommand({ cluster: ref.cluster, services: [ref.service], ...(tags ? { include: ['TAGS'] } : {}) }));
  return out.services?.[0];
}

/** True when the service exists and can be updated (not DRAINING or INACTIVE). */
export function isLive(s: Service | undefined): s is Service {
  return s !== undefined && s.status === 'ACTIVE';
}

/** DescribeServices, failing with exit 2 unless the service is ACTIVE. */
export async function requireLiveService(ecs: ECSClient, ref: ServiceRef, tags = false): Promise<Service> {
  const s = await describeOneService(ecs, ref, tags);
  if (!s || s.status === 'INACTIVE') {
    throw new UserInputError('SERVICE_NOT_FOUND', `service ${ref.service} not found in cluster ${ref.cluster}: check \`service\`, \`cluster\` and \`region\` in the config, or create it with \`ecsx deploy\``);
  }
  if (s.status !== 'ACTIVE') throw new UserInputError('SERVICE_NOT_ACTIVE', `service ${ref.service} is ${s.status} (being deleted)`);
  return s;
}

/** Loads a definition the config names, reporting definition warnings through the IoHost. */
export function loadLocal<T>(ctx: ActionContext, loaded: LoadedConfig, kind: DefinitionKind, file?: string): Promise<LoadedDefinition<T>> {
  return loadDefinition(loaded, kind, { file, ctx });
}

/** Service CODE_DEPLOY and EXTERNAL controllers are not handled by the classic actions yet. */
export function rejectUnsupportedController(s: Service | undefined, command: string): void {
  const type = s?.deploymentController?.type;
  if (type === 'CODE_DEPLOY') {
    throw new UserInputError('CODE_DEPLOY_UNSUPPORTED', `${command}: service ${s!.serviceName} uses the CODE_DEPLOY deployment controller, which ecsx does not support yet; use ECS-native blue/green (deploymentConfiguration.strategy BLUE_GREEN) or ecspresso for this service`);
  }
  if (type === 'EXTERNAL') throw new UserInputError('EXTERNAL_UNSUPPORTED', `${command}: service ${s!.serviceName} uses the EXTERNAL deployment controller, which ecsx cannot deploy`);
}
