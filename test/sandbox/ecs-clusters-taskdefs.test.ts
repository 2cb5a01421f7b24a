import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT, REGION, fargateTaskDef, harness } from './ecs-helpers.js';

describe('ECS clusters', () => {
  it('creates, describes, lists, updates and deletes clusters', async () => {
    const h = harness();
    const created = await h.call('CreateCluster', { clusterName: 'prod', tags: [{ key: 'team', value: 'web' }] });
    assert.equal(created.cluster.clusterArn, `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/prod`);
    assert.equal(created.cluster.status, 'ACTIVE');
    assert.equal(created.cluster.activeServicesCount, 0);
    // CreateCluster is idempotent for an ACTIVE cluster.
    const again = await h.call('CreateCluster', { clusterName: 'prod' });
    assert.equal(again.cluster.clusterArn, created.cluster.clusterArn);

    const described = await h.call('DescribeClusters', { clusters: ['prod', 'nope'], include: ['TAGS'] });
    assert.deepEqual(described.clusters[0].tags, [{ key: 'team', value: 'web' }]);
    assert.deepEqual(described.failures, [{ arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/nope`, reason: 'MISSING' }]);
    const withoutTags = await h.call('DescribeClusters', { clusters: [created.cluster.clusterArn] });
    assert.equal(withoutTags.clusters[0].tags, undefined);

    const updated = await h.call('UpdateCluster', { cluster: 'prod', settings: [{ name: 'containerInsights', value: 'enabled' }] });
    assert.deepEqual(updated.cluster.settings, [{ name: 'containerInsights', value: 'enabled' }]);
    const cp = await h.call('PutClusterCapacityProviders', {
      cluster: 'prod',
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    });
    assert.deepEqual(cp.cluster.capacityProviders, ['FARGATE', 'FARGATE_SPOT']);
    await h.fail(
      'PutClusterCapacityProviders',
      { cluster: 'prod', capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] },
      'InvalidParameterException',
      /not associated with the cluster/,
    );

    const providers = await h.call('DescribeCapacityProviders', { capacityProviders: ['FARGATE_SPOT', 'ASG'] });
    assert.deepEqual(providers.capacityProviders.map((p: any) => [p.name, p.status]), [['FARGATE_SPOT', 'ACTIVE']]);
    assert.equal(providers.failures[0].reason, 'MISSING');

    assert.deepEqual((await h.call('ListClusters')).clusterArns, [created.cluster.clusterArn]);
    const deleted = await h.call('DeleteCluster', { cluster: 'prod' });
    assert.equal(deleted.cluster.status, 'INACTIVE');
    assert.deepEqual((await h.call('ListClusters')).clusterArns, []);
    await h.fail('DescribeServices', { cluster: 'prod', services: ['x'] }, 'ClusterNotFoundException', 'Cluster not found.');
    await h.fail('UpdateCluster', { cluster: 'nope' }, 'ClusterNotFoundException', 'Cluster not found.');
  });

  it('creates the default cluster on first use', async () => {
    const h = harness();
    assert.deepEqual((await h.call('ListClusters')).clusterArns, []);
    await h.call('ListServices', {});
    const d = await h.call('DescribeClusters', {});
    assert.equal(d.clusters[0].clusterName, 'default');
  });

  it('refuses to delete a cluster with services', async () => {
    const h = harness();
    await h.call('CreateCluster', { clusterName: 'c1' });
    await h.call('RegisterTaskDefinition', fargateTaskDef());
    await h.call('CreateService', {
      cluster: 'c1',
      serviceName: 's',
      taskDefinition: 'web',
      desiredCount: 0,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
    });
    await h.fail('DeleteCluster', { cluster: 'c1' }, 'ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
  });
});

describe('ECS task definitions', () => {
  it('registers revisions with server-side fields and container defaults', async () => {
    const h = harness();
    const r1 = await h.call('RegisterTaskDefinition', { ...fargateTaskDef(), tags: [{ key: 'k', value: 'v' }] });
    const td = r1.taskDefinition;
    assert.equal(td.taskDefinitionArn, `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/web:1`);
    assert.equal(td.revision, 1);
    assert.equal(td.status, 'ACTIVE');
    assert.equal(typeof td.registeredAt, 'number');
    assert.deepEqual(td.compatibilities, ['EC2', 'FARGATE']);
    assert.ok(td.requiresAttributes.some((a: any) => a.name === 'ecs.capability.task-eni'));
    assert.ok(td.requiresAttributes.some((a: any) => a.name === 'com.amazonaws.ecs.capability.logging-driver.awslogs'));
    const c = td.containerDefinitions[0];
    assert.equal(c.cpu, 0);
    assert.equal(c.essential, true);
    assert.deepEqual(c.environment, []);
    assert.deepEqual(c.mountPoints, []);
    assert.deepEqual(c.volumesFrom, []);
    assert.deepEqual(c.portMappings, [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }]);
    assert.deepEqual(r1.tags, [{ key: 'k', value: 'v' }]);

    const r2 = await h.call('RegisterTaskDefinition', { ...fargateTaskDef(), cpu: '1 vCPU', memory: '2GB' });
    assert.equal(r2.taskDefinition.revision, 2);
    assert.equal(r2.taskDefinition.cpu, '1024');
    assert.equal(r2.taskDefinition.memory, '2048');

    // Family alone resolves to the latest ACTIVE revision.
    assert.equal((await h.call('DescribeTaskDefinition', { taskDefinition: 'web' })).taskDefinition.revision, 2);
    const withTags = await h.call('DescribeTaskDefinition', { taskDefinition: 'web:1', include: ['TAGS'] });
    assert.deepEqual(withTags.tags, [{ key: 'k', value: 'v' }]);
    const byArn = await h.call('DescribeTaskDefinition', { taskDefinition: td.taskDefinitionArn });
    assert.equal(byArn.taskDefinition.revision, 1);
    assert.equal(byArn.tags, undefined);
    await h.fail('DescribeTaskDefinition', { taskDefinition: 'web:9' }, 'ClientException', 'Unable to describe task definition.');
    await h.fail('DescribeTaskDefinition', { taskDefinition: 'nope' }, 'ClientException', 'Unable to describe task definition.');
  });

  it('rejects invalid Fargate definitions with ECS messages', async () => {
    const h = harness();
    const base = fargateTaskDef();
    await h.fail('RegisterTaskDefinition', { ...base, cpu: undefined }, 'ClientException', "Fargate requires that 'cpu' be defined at the task level.");
    await h.fail('RegisterTaskDefinition', { ...base, memory: undefined }, 'ClientException', "Fargate requires that 'memory' be defined at the task level.");
    await h.fail('RegisterTaskDefinition', { ...base, cpu: '256', memory: '4096' }, 'ClientException', 'No Fargate configuration exists for given values.');
    await h.fail('RegisterTaskDefinition', { ...base, networkMode: 'bridge' }, 'ClientException', 'Fargate only supports network mode \u2018awsvpc\u2019.');
    await h.fail(
      'RegisterTaskDefinition',
      { family: 'ec2', containerDefinitions: [{ name: 'a', image: 'nginx' }] },
      'ClientException',
      "Invalid setting for container 'a'. At least one of 'memory' or 'memoryReservation' must be specified.",
    );
    await h.fail('RegisterTaskDefinition', { family: 'x', containerDefinitions: [{ name: 'a', memory: 128 }] }, 'ClientException', 'Container.image should not be null or empty.');
    const ok = await h.call('RegisterTaskDefinition', { family: 'ec2', containerDefinitions: [{ name: 'a', image: 'nginx', memory: 128 }] });
    assert.deepEqual(ok.taskDefinition.compatibilities, ['EXTERNAL', 'EC2']);
  });

  it('lists, deregisters and deletes with revision numbers never reused', async () => {
    const h = harness();
    for (let i = 0; i < 3; i++) await h.call('RegisterTaskDefinition', fargateTaskDef('web'));
    await h.call('RegisterTaskDefinition', fargateTaskDef('worker'));
    await h.call('RegisterTaskDefinition', fargateTaskDef('other'));
    const all = await h.call('ListTaskDefinitions', {});
    assert.equal(all.taskDefinitionArns.length, 5);
    assert.match(all.taskDefinitionArns[0], /task-definition\/other:1$/);
    const web = await h.call('ListTaskDefinitions', { familyPrefix: 'web', sort: 'DESC' });
    assert.deepEqual(web.taskDefinitionArns.map((a: string) => a.split('/')[1]), ['web:3', 'web:2', 'web:1']);

    const page1 = await h.call('ListTaskDefinitions', { maxResults: 2 });
    assert.equal(page1.taskDefinitionArns.length, 2);
    const page2 = await h.call('ListTaskDefinitions', { maxResults: 2, nextToken: page1.nextToken });
    const page3 = await h.call('ListTaskDefinitions', { maxResults: 2, nextToken: page2.nextToken });
    assert.equal(page3.nextToken, undefined);
    assert.equal(new Set([...page1.taskDefinitionArns, ...page2.taskDefinitionArns, ...page3.taskDefinitionArns]).size, 5);

    assert.deepEqual((await h.call('ListTaskDefinitionFamilies', { familyPrefix: 'w' })).families, ['web', 'worker']);

    const dereg = await h.call('DeregisterTaskDefinition', { taskDefinition: 'web:3' });
    assert.equal(dereg.taskDefinition.status, 'INACTIVE');
    assert.equal(typeof dereg.taskDefinition.deregisteredAt, 'number');
    assert.equal((await h.call('DescribeTaskDefinition', { taskDefinition: 'web' })).taskDefinition.revision, 2);
    assert.deepEqual((await h.call('ListTaskDefinitions', { status: 'INACTIVE' })).taskDefinitionArns.map((a: string) => a.split('/')[1]), ['web:3']);

    const del = await h.call('DeleteTaskDefinitions', { taskDefinitions: ['web:3', 'web:2', 'web:99'] });
    assert.equal(del.taskDefinitions.length, 1);
    assert.equal(del.taskDefinitions[0].status, 'DELETE_IN_PROGRESS');
    assert.equal(typeof del.taskDefinitions[0].deleteRequestedAt, 'number');
    assert.equal(del.failures.length, 2);
    assert.match(del.failures[0].reason, /still in ACTIVE status/);

    const next = await h.call('RegisterTaskDefinition', fargateTaskDef('web'));
    assert.equal(next.taskDefinition.revision, 4);

    for (const r of [1, 2, 4]) await h.call('DeregisterTaskDefinition', { taskDefinition: `web:${r}` });
    assert.deepEqual((await h.call('ListTaskDefinitionFamilies', { status: 'INACTIVE' })).families, ['web']);
    assert.deepEqual((await h.call('ListTaskDefinitionFamilies', {})).families, ['other', 'worker']);
  });

  it('tags every resource type', async () => {
    const h = harness();
    const c = (await h.call('CreateCluster', { clusterName: 'c' })).cluster.clusterArn;
    const td = (await h.call('RegisterTaskDefinition', fargateTaskDef())).taskDefinition.taskDefinitionArn;
    for (const arn of [c, td]) {
      await h.call('TagResource', { resourceArn: arn, tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });
      await h.call('TagResource', { resourceArn: arn, tags: [{ key: 'a', value: '3' }] });
      await h.call('UntagResource', { resourceArn: arn, tagKeys: ['b'] });
      assert.deepEqual((await h.call('ListTagsForResource', { resourceArn: arn })).tags, [{ key: 'a', value: '3' }]);
    }
    await h.fail('TagResource', { resourceArn: c, tags: [{ key: 'aws:x', value: '1' }] }, 'InvalidParameterException');
    await h.fail('ListTagsForResource', { resourceArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/none` }, 'InvalidParameterException');
  });
});
