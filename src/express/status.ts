/**
 * The Express part of `ecsx status`: state, endpoint, current service deployment, active
 * configurations and the managed-resource inventory with each resource's status.
 */
import { DescribeServiceDeploymentsCommand, type Service } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients.js';
import { activeRevisionArns, describeExpress, endpointsOf, readInventory } from './lookup.js';
import { describeResource, type ManagedResource } from './resources.js';

/** The Express view of a service. */
export interface ExpressStatus {
  /** ACTIVE, DRAINING or INACTIVE (DescribeExpressGatewayService). */
  status: string;
  statusReason?: string;
  /** `https://…` */
  endpoints: string[];
  infrastructureRoleArn?: string;
  currentDeployment?: { arn: string; status?: string; statusReason?: string; lifecycleStage?: string; productionTrafficWeight?: number; alarms?: string[] };
  /** Newest first; more than one during a deployment. */
  configurations: { revisionArn?: string; image?: string; taskDefinitionArn?: string; cpu?: string; memory?: string; createdAt?: string }[];
  resources: ManagedResource[];
}

/** Reads the Express view; undefined when the service is not an Express service or cannot be described. */
export async function readExpressStatus(clients: AwsClients, service: Service): Promise<ExpressStatus | undefined> {
  if (service.resourceManagementType !== 'ECS' || !service.serviceArn) return undefined;
  const ecs = await clients.ecs();
  const live = await describeExpress(ecs, service.serviceArn);
  if (!live) return undefined;
  const configs = [...(live.activeConfigurations ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  const out: ExpressStatus = {
    status: live.status?.statusCode ?? service.status ?? '?',
    ...(live.status?.statusReason ? { statusReason: live.status.statusReason } : {}),
    endpoints: endpointsOf(live),
    ...(live.infrastructureRoleArn ? { infrastructureRoleArn: live.infrastructureRoleArn } : {}),
    configurations: configs.map((c) => ({
      revisionArn: c.serviceRevisionArn,
      image: c.primaryContainer?.image,
      taskDefinitionArn: c.taskDefinitionArn,
      cpu: c.cpu,
      memory: c.memory,
      createdAt: c.createdAt?.toISOString(),
    })),
    resources: [],
  };
  if (live.status?.statusCode !== 'INACTIVE') out.resources = await readInventory(ecs, activeRevisionArns(live)).catch(() => []);
  const arn = live.currentDeployment ?? service.currentServiceDeployment;
  if (arn) {
    const sd = (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })).catch(() => undefined))?.serviceDeployments?.[0];
    out.currentDeployment = {
      arn,
      ...(sd?.status ? { status: sd.status } : {}),
      ...(sd?.statusReason ? { statusReason: sd.statusReason } : {}),
      ...(sd?.lifecycleStage ? { lifecycleStage: sd.lifecycleStage } : {}),
      ...(sd?.targetServiceRevision?.requestedProductionTrafficWeight !== undefined ? { productionTrafficWeight: sd.targetServiceRevision.requestedProductionTrafficWeight } : {}),
      ...(sd?.alarms?.triggeredAlarmNames?.length ? { alarms: sd.alarms.triggeredAlarmNames } : {}),
    };
  }
  return out;
}

/** The Express block of the status text. Pure. */
export function formatExpressStatus(s: ExpressStatus): string {
  const lines = ['Express:', `  Status: ${s.status}${s.statusReason ? ` (${s.statusReason})` : ''}`];
  for (const e of s.endpoints) lines.push(`  Endpoint: ${e}`);
  const d = s.currentDeployment;
  if (d) {
    const at = d.lifecycleStage && d.status !== 'SUCCESSFUL' ? ` at ${d.lifecycleStage}` : '';
    const w = d.productionTrafficWeight !== undefined && d.status !== 'SUCCESSFUL' ? `, production traffic ${d.productionTrafficWeight}%` : '';
    const why = d.statusReason ? ` (${d.statusReason})` : '';
    const alarms = d.alarms?.length ? `, alarms triggered: ${d.alarms.join(', ')}` : '';
    lines.push(`  CurrentDeployment: ${d.arn.slice(d.arn.lastIndexOf('/') + 1)} ${d.status ?? '?'}${at}${w}${why}${alarms}`);
  }
  if (s.configurations.length) {
    lines.push('  Configurations:');
    for (const c of s.configurations) {
      const rev = c.revisionArn ? c.revisionArn.slice(c.revisionArn.lastIndexOf('/') + 1) : '?';
      const size = c.cpu || c.memory ? ` cpu:${c.cpu ?? '?'} memory:${c.memory ?? '?'}` : '';
      lines.push(`    revision ${rev} ${c.image ?? c.taskDefinitionArn ?? ''}${size}`);
    }
  }
  if (s.resources.length) {
    lines.push('  ManagedResources:');
    for (const r of s.resources) lines.push(`    ${describeResource(r)} ${r.status}${r.statusReason && r.status !== 'ACTIVE' ? ` (${r.statusReason})` : ''}`);
  }
  return lines.join('\n');
}
