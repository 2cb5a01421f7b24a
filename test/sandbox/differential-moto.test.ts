/**
 * Differential test: the same ECS CRUD sequence through the real SDK against moto's own ECS (a
 * private moto_server) and against the sandbox's engine, compared field by field wherever both
 * answer. Members only the sandbox sends are fine (moto implements less); every other difference
 * must be in ALLOWED below with its reason, and an allow-list entry that no longer matches fails
 * too, so any new difference (or a moto upgrade that fixes one) shows up here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateClusterCommand, CreateServiceCommand, DeleteClusterCommand, DeleteServiceCommand, DeregisterTaskDefinitionCommand,
  DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListClustersCommand,
  ListServicesCommand, ListTagsForResourceCommand, ListTaskDefinitionFamiliesCommand, ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand, TagResourceCommand, UpdateServiceCommand, type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { startMoto, type Moto } from '../helpers/moto.js';
import { compareResults, type Difference } from './differential-compare.js';
import { ALLOWED } from './differential-allowed.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const ARN = 'arn:aws:ecs:us-east-1:123456789012';

const td = (image: string): RegisterTaskDefinitionCommandInput => ({
  family: 'app',
  networkMode: 'bridge',
  requiresCompatibilities: ['EC2'],
  containerDefinitions: [{ name: 'web', image, memory: 128, essential: true, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
});

/** The CRUD sequence; each step's result (or `{error, status}`) under its name. */
async function crud(endpoint: string): Promise<Record<string, unknown>> {
  const ecs = new ECSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  const out: Record<string, unknown> = {};
  const step = async (name: string, p: Promise<{ $metadata?: unknown }>) => {
    try {
      const { $metadata: _, ...rest } = await p;
      out[name] = rest;
    } catch (e) {
      const err = e as Error & { $metadata?: { httpStatusCode?: number } };
      out[name] = { error: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
    }
  };
  await step('createCluster', ecs.send(new CreateClusterCommand({ clusterName: 'diff' })));
  await step('createClusterAgain', ecs.send(new CreateClusterCommand({ clusterName: 'diff' })));
  await step('describeClusters', ecs.send(new DescribeClustersCommand({ clusters: ['diff', 'nope'] })));
  await step('tagCluster', ecs.send(new TagResourceCommand({ resourceArn: `${ARN}:cluster/diff`, tags: [{ key: 'team', value: 'a' }] })));
  await step('listClusterTags', ecs.send(new ListTagsForResourceCommand({ resourceArn: `${ARN}:cluster/diff` })));
  await step('register1', ecs.send(new RegisterTaskDefinitionCommand(td('nginx:1'))));
  await step('register2', ecs.send(new RegisterTaskDefinitionCommand(td('nginx:2'))));
  await step('registerOther', ecs.send(new RegisterTaskDefinitionCommand({ family: 'other', containerDefinitions: [{ name: 'x', image: 'busybox:1', memory: 64 }] })));
  await step('describeLatest', ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'app' })));
  await step('listTaskDefs', ecs.send(new ListTaskDefinitionsCommand({})));
  await step('listFamilies', ecs.send(new ListTaskDefinitionFamiliesCommand({})));
  await step('deregister1', ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'app:1' })));
  await step('register3', ecs.send(new RegisterTaskDefinitionCommand(td('nginx:3'))));
  await step('describeInactive', ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${ARN}:task-definition/app:1` })));
  await step('listActive', ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'app', status: 'ACTIVE' })));
  await step('listInactive', ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'app', status: 'INACTIVE' })));
  await step('createService', ecs.send(new CreateServiceCommand({ cluster: 'diff', serviceName: 'web', taskDefinition: 'app:2', desiredCount: 2 })));
  await step('createServiceAgain', ecs.send(new CreateServiceCommand({ cluster: 'diff', serviceName: 'web', taskDefinition: 'app:2', desiredCount: 2 })));
  await step('scale', ecs.send(new UpdateServiceCommand({ cluster: 'diff', service: 'web', desiredCount: 3 })));
  await step('updateDeploymentConfig', ecs.send(new UpdateServiceCommand({ cluster: 'diff', service: 'web', deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 150 } })));
  await step('updateTaskDef', ecs.send(new UpdateServiceCommand({ cluster: 'diff', service: 'web', taskDefinition: 'app:3' })));
  await step('describeServices', ecs.send(new DescribeServicesCommand({ cluster: 'diff', services: ['web', 'missing'] })));
  await step('listServices', ecs.send(new ListServicesCommand({ cluster: 'diff' })));
  await step('errNoCluster', ecs.send(new DescribeServicesCommand({ cluster: 'nope', services: ['web'] })));
  await step('errNoServiceUpdate', ecs.send(new UpdateServiceCommand({ cluster: 'diff', service: 'nope', desiredCount: 1 })));
  await step('errNoServiceDelete', ecs.send(new DeleteServiceCommand({ cluster: 'diff', service: 'nope' })));
  await step('errNoTaskDef', ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'app:99' })));
  await step('errNoFamily', ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope' })));
  await step('errServiceNoTaskDef', ecs.send(new CreateServiceCommand({ cluster: 'diff', serviceName: 'x', taskDefinition: 'app:99', desiredCount: 1 })));
  await step('errServiceNoCluster', ecs.send(new CreateServiceCommand({ cluster: 'nope', serviceName: 'x', taskDefinition: 'app:2', desiredCount: 1 })));
  await step('errDeleteScaled', ecs.send(new DeleteServiceCommand({ cluster: 'diff', service: 'web' })));
  await step('deleteService', ecs.send(new DeleteServiceCommand({ cluster: 'diff', service: 'web', force: true })));
  await step('describeDeleted', ecs.send(new DescribeServicesCommand({ cluster: 'diff', services: ['web'] })));
  await step('listServicesAfterDelete', ecs.send(new ListServicesCommand({ cluster: 'diff' })));
  await step('errUpdateDeleted', ecs.send(new UpdateServiceCommand({ cluster: 'diff', service: 'web', desiredCount: 1 })));
  // A cluster that still has an active service.
  await step('createBusy', ecs.send(new CreateClusterCommand({ clusterName: 'busy' })));
  await step('createBusyService', ecs.send(new CreateServiceCommand({ cluster: 'busy', serviceName: 'svc', taskDefinition: 'other', desiredCount: 0 })));
  await step('errDeleteBusyCluster', ecs.send(new DeleteClusterCommand({ cluster: 'busy' })));
  return out;
}

/** The end of the sequence, after the sandbox's clock has let the deleted service go INACTIVE. */
async function teardown(endpoint: string): Promise<Record<string, unknown>> {
  const ecs = new ECSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  const strip = <T extends { $metadata?: unknown }>({ $metadata: _, ...rest }: T) => rest;
  return {
    describeInactiveService: strip(await ecs.send(new DescribeServicesCommand({ cluster: 'diff', services: ['web'] }))),
    deleteCluster: strip(await ecs.send(new DeleteClusterCommand({ cluster: 'diff' }))),
    describeDeletedCluster: strip(await ecs.send(new DescribeClustersCommand({ clusters: ['diff'] }))),
    listClusters: strip(await ecs.send(new ListClustersCommand({}))),
  };
}

describe("differential: moto's ECS vs the sandbox's engine, same CRUD sequence", () => {
  let moto: Moto | undefined;
  let sandbox: Sandbox;
  let skip: string | false = false;

  before(async () => {
    try {
      moto = await startMoto();
    } catch (e) {
      skip = `moto_server unavailable: ${(e as Error).message}`;
    }
    sandbox = await startSandbox({ moto: false, timeScale: 0 });
  });
  after(async () => {
    await sandbox?.stop();
    await moto?.stop();
  });

  it('differs only where ALLOWED says why', async (t) => {
    if (skip) return t.skip(skip);
    const fromMoto = await crud(moto!.endpoint);
    const fromSandbox = await crud(sandbox.endpoint);
    // moto has no deployments and no draining: its deleted service is INACTIVE at once. The
    // sandbox drains it on its clock first (desired count 0, no tasks), which takes seconds.
    await sandbox.client.advance(600);
    Object.assign(fromMoto, await teardown(moto!.endpoint));
    Object.assign(fromSandbox, await teardown(sandbox.endpoint));

    // What both must agree on is compared below; these make sure it was there to compare.
    const r = fromSandbox as Record<string, any>;
    assert.equal(r.register3.taskDefinition.taskDefinitionArn, `${ARN}:task-definition/app:3`);
    assert.equal(r.deregister1.taskDefinition.status, 'INACTIVE');
    assert.deepEqual(r.listInactive.taskDefinitionArns, [`${ARN}:task-definition/app:1`]);
    assert.equal(r.createService.service.serviceArn, `${ARN}:service/diff/web`);
    assert.equal(r.createService.service.launchType, 'EC2');
    assert.equal(r.updateDeploymentConfig.service.deploymentConfiguration.minimumHealthyPercent, 50);
    assert.deepEqual(r.errNoCluster, { error: 'ClusterNotFoundException', status: 400, message: 'Cluster not found.' });
    assert.equal(r.describeDeletedCluster.clusters[0].status, 'INACTIVE');

    const differences = compareResults(fromMoto, fromSandbox);
    const unexplained: Difference[] = [];
    const used = new Set<number>();
    for (const d of differences) {
      const i = ALLOWED.findIndex((a) => a.path.test(d.path) && (!a.when || a.when(d)));
      if (i < 0) unexplained.push(d);
      else used.add(i);
    }
    const show = (d: Difference) => `${d.path}: moto ${JSON.stringify(d.moto)} / sandbox ${JSON.stringify(d.sandbox)}`;
    assert.deepEqual(unexplained.map(show), [], 'new differences from moto: explain them in differential-allowed.ts, or fix the sandbox');
    const stale = ALLOWED.filter((_, i) => !used.has(i)).map((a) => `${a.path} (${a.reason})`);
    assert.deepEqual(stale, [], 'allow-list entries that no longer match any difference: remove them');
  });
});
