/**
 * Express definitions written by `init`: imported from a live service, or a quick start from an
 * image. Pure.
 */
import type { ECSExpressGatewayService } from '@aws-sdk/client-ecs';
import type { ExpressDefinition } from '../definitions/types.js';
import { currentExpressConfiguration } from '../diff/index.js';

/**
 * The definition of a live Express service, written so that `ecsx diff` shows nothing: the
 * current configuration's fields, ECS-managed security groups dropped (Express adds its own;
 * listing it would pin a resource ECS owns), reserved `aws:` tags dropped, empty lists left out.
 * `taskDefinitionArn` is kept only for a bring-your-own task definition (no `primaryContainer`):
 * for a managed one it is ECS's revision, which a later update replaces.
 */
export function definitionFromService(live: ECSExpressGatewayService, managedSecurityGroups: readonly string[] = []): ExpressDefinition {
  const c = currentExpressConfiguration(live) ?? {};
  const def: ExpressDefinition = { infrastructureRoleArn: live.infrastructureRoleArn };
  const byo = !c.primaryContainer && c.taskDefinitionArn;
  if (byo) def.taskDefinitionArn = c.taskDefinitionArn;
  else {
    if (c.executionRoleArn) def.executionRoleArn = c.executionRoleArn;
    if (c.taskRoleArn) def.taskRoleArn = c.taskRoleArn;
    if (c.cpu) def.cpu = c.cpu;
    if (c.memory) def.memory = c.memory;
  }
  if (c.healthCheckPath) def.healthCheckPath = c.healthCheckPath;
  const nc = c.networkConfiguration;
  if (nc) {
    const managed = new Set(managedSecurityGroups);
    const sgs = (nc.securityGroups ?? []).filter((g) => !managed.has(g));
    const net: NonNullable<ExpressDefinition['networkConfiguration']> = {};
    if (nc.subnets?.length) net.subnets = [...nc.subnets];
    if (sgs.length) net.securityGroups = sgs;
    if (net.subnets || net.securityGroups) def.networkConfiguration = net;
  }
  if (c.primaryContainer) {
    const p = c.primaryContainer;
    def.primaryContainer = { image: p.image };
    if (p.containerPort !== undefined) def.primaryContainer.containerPort = p.containerPort;
    if (p.command?.length) def.primaryContainer.command = [...p.command];
    if (p.environment?.length) def.primaryContainer.environment = p.environment.map((e) => ({ name: e.name, value: e.value }));
    if (p.secrets?.length) def.primaryContainer.secrets = p.secrets.map((s) => ({ name: s.name, valueFrom: s.valueFrom }));
    if (p.awsLogsConfiguration) def.primaryContainer.awsLogsConfiguration = { ...p.awsLogsConfiguration };
    if (p.repositoryCredentials?.credentialsParameter) def.primaryContainer.repositoryCredentials = { ...p.repositoryCredentials };
  }
  if (c.scalingTarget) def.scalingTarget = { ...c.scalingTarget };
  const tags = (live.tags ?? []).filter((t) => t.key && !t.key.startsWith('aws:'));
  if (tags.length) def.tags = tags.map((t) => ({ key: t.key, value: t.value ?? '' }));
  return def;
}

/** Options of {@link quickStartDefinition}. */
export interface QuickStartInput {
  image: string;
  port: number;
  executionRoleArn: string;
  infrastructureRoleArn: string;
}

/**
 * A small, explicit definition for the quick start. Every defaulted field is set, because the
 * documented defaults disagree (reference §4.2: health check `/ping` per the API, `/` per the
 * console): an image such as nginx answers 404 on `/ping` and would never become healthy.
 */
export function quickStartDefinition(q: QuickStartInput): ExpressDefinition {
  return {
    executionRoleArn: q.executionRoleArn,
    infrastructureRoleArn: q.infrastructureRoleArn,
    cpu: '256',
    memory: '512',
    healthCheckPath: '/',
    primaryContainer: { image: q.image, containerPort: q.port },
    scalingTarget: { minTaskCount: 1, maxTaskCount: 10, autoScalingMetric: 'AVERAGE_CPU', autoScalingTargetValue: 60 },
  };
}

/** A service name from an image reference: `public.ecr.aws/nginx/nginx:1.27` → `nginx`. */
export function serviceNameFromImage(image: string): string {
  const noDigest = image.split('@')[0]!;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const name = last.split(':')[0]!.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return (name || 'app').slice(0, 255);
}
