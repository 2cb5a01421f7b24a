/**
 * Express Mode failure scenarios through the control API, checked with the real SDK: a delete that
 * leaves resources behind, an alarm during the canary bake (rollback), a resource stuck in
 * PROVISIONING, a deleted security group (tasks fail with the ENI error), slow draining, and an
 * infrastructure role that cannot be assumed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateExpressGatewayServiceCommand,
  DeleteExpressGatewayServiceCommand,
  DescribeExpressGatewayServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  UpdateExpressGatewayServiceCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand, DescribeRulesCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { account, rejection, ruleWeights, startSdkSandbox, type SdkSandbox } from './express-support.js';

const ROLE = `arn:aws:iam::${account}:role/ecsInfrastructureRoleForExpressServices`;
const arnOf = (name: string) => `arn:aws:ecs:us-east-1:${account}:service/default/${name}`;
let s: SdkSandbox;

const create = (serviceName: string, image = 'nginx:1.27') =>
  s.ecs.send(new CreateExpressGatewayServiceCommand({ serviceName, infrastructureRoleArn: ROLE, executionRoleArn: `arn:aws:iam::${account}:role/exec`, primaryContainer: { image } }));
const describeExpress = async (name: string) => (await s.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: arnOf(name) }))).service!;
const scenario = (body: object) => s.sandbox.client.ecs('/scenarios', 'POST', body);
const current = async (name: string) => {
  const svc = await describeExpress(name);
  return (await s.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [svc.currentDeployment!] }))).serviceDeployments![0]!;
};
const finished = (sd: ServiceDeployment) => ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'].includes(sd.status!);
const settle = (name: string) => s.until(async () => { const sd = await current(name); return finished(sd) && sd; }, { every: 20 });
const resourcesOf = async (name: string) => {
  const rev = (await describeExpress(name)).activeConfigurations![0]!.serviceRevisionArn!;
  return (await s.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [rev] }))).serviceRevisions![0]!.ecsManagedResources!;
};
const inactive = (name: string, max = 900) => s.until(async () => (await describeExpress(name)).status!.statusCode === 'INACTIVE', { every: 10, max });

describe('Express Mode scenarios', () => {
  before(async () => {
    s = await startSdkSandbox();
    await s.iam.send(new CreateRoleCommand({ RoleName: 'ecsInfrastructureRoleForExpressServices', AssumeRolePolicyDocument: '{}' }));
  });
  after(() => s?.stop());

  it('express-delete-leftovers: the ALB, target groups and certificate survive the delete; the rest goes', async () => {
    await create('left');
    await settle('left');
    const res = await resourcesOf('left');
    const ingress = res.ingressPaths![0]!;
    await scenario({ kind: 'express-delete-leftovers', match: { service: 'left' }, leftovers: ['alb', 'targetGroup', 'certificate'] });
    await s.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: arnOf('left') }));
    await inactive('left');
    assert.equal((await s.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [ingress.loadBalancer!.arn!] }))).LoadBalancers!.length, 1);
    assert.equal((await s.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: ingress.targetGroups!.map((t) => t.arn!) }))).TargetGroups!.length, 2);
    assert.equal((await s.acm.send(new DescribeCertificateCommand({ CertificateArn: ingress.certificate!.arn }))).Certificate!.DomainName, ingress.certificate!.domainName);
    assert.equal((await rejection(s.elb.send(new DescribeRulesCommand({ RuleArns: [ingress.rule!.arn!] })))).name, 'RuleNotFoundException');
    const alarm = res.metricAlarms![0]!.arn!.split(':alarm:')[1]!;
    assert.deepEqual((await s.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarm] }))).MetricAlarms, []);
    // Express lost track of the leftover ALB: the next service in the VPC gets a new one.
    await create('next');
    assert.notEqual((await resourcesOf('next')).ingressPaths![0]!.loadBalancer!.arn, ingress.loadBalancer!.arn);
    s.assertModelValid();
  });

  it('deployment-alarm during the canary bake: deployment fails, traffic goes back, ROLLBACK_SUCCESSFUL', async () => {
    await create('canary');
    const first = await settle('canary');
    assert.equal(first.status, 'SUCCESSFUL');
    const blue = (await describeExpress('canary')).activeConfigurations![0]!.serviceRevisionArn!;
    const res = await resourcesOf('canary');
    const alarm = res.metricAlarms![0]!.arn!.split(':alarm:')[1]!;
    await scenario({ kind: 'deployment-alarm', match: { service: 'canary' }, stage: 'PRODUCTION_TRAFFIC_SHIFT', afterSeconds: 60, times: 1 });
    await s.ecs.send(new UpdateExpressGatewayServiceCommand({ serviceArn: arnOf('canary'), primaryContainer: { image: 'nginx:broken' } }));
    const canaryWeights = await s.until(async () => (await current('canary')).targetServiceRevision!.requestedProductionTrafficWeight === 5 && ruleWeights(s, res.ingressPaths![0]!.rule!.arn!));
    assert.deepEqual(Object.values(canaryWeights).sort((a, b) => a - b), [5, 95]);
    const sd = await settle('canary');
    assert.equal(sd.status, 'ROLLBACK_SUCCESSFUL');
    assert.deepEqual(sd.alarms, { status: 'TRIGGERED', alarmNames: [alarm], triggeredAlarmNames: [alarm] });
    assert.equal(sd.rollback!.serviceRevisionArn, blue);
    assert.equal(sd.targetServiceRevision!.requestedProductionTrafficWeight, 0);
    const [tgA, tgB] = res.ingressPaths![0]!.targetGroups!.map((t) => t.arn!);
    assert.deepEqual(await ruleWeights(s, res.ingressPaths![0]!.rule!.arn!), { [tgA!]: 100, [tgB!]: 0 });
    assert.deepEqual((await describeExpress('canary')).activeConfigurations!.map((c) => c.serviceRevisionArn), [blue]);
    const events = (await s.ecs.send(new DescribeServicesCommand({ services: ['canary'] }))).services![0]!.events!.map((e) => e.message!);
    assert.ok(events.some((m) => /^\(service canary\) \(deployment ecs-svc\/\d{19}\) deployment failed: alarm detected\.$/.test(m)), events.join('\n'));
    assert.ok(events.some((m) => m.startsWith('(service canary) rolling back to deployment ecs-svc/')));
    // Once traffic is back on blue the alarm recovers.
    await s.advance(1);
    assert.equal((await s.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarm] }))).MetricAlarms![0]!.StateValue, 'OK');
    s.assertModelValid();
  });

  it('express-resource-stuck: the certificate stays PROVISIONING, with its reason, while the rest becomes ACTIVE', async () => {
    await scenario({ kind: 'express-resource-stuck', match: { service: 'stuck' }, resource: 'certificate', reason: 'Waiting for DNS validation.' });
    await create('stuck');
    await s.advance(600);
    const res = await resourcesOf('stuck');
    assert.deepEqual([res.ingressPaths![0]!.certificate!.status, res.ingressPaths![0]!.certificate!.statusReason], ['PROVISIONING', 'Waiting for DNS validation.']);
    assert.equal(res.ingressPaths![0]!.rule!.status, 'ACTIVE');
    assert.equal(res.serviceSecurityGroups![0]!.status, 'ACTIVE');
    s.assertModelValid();
  });

  it('missing-security-group: tasks fail while PROVISIONING with the ENI error; the deployment never succeeds', async () => {
    await scenario({ kind: 'missing-security-group', match: { service: 'nosg' }, securityGroup: 'sg-0deleted0000000000' });
    await create('nosg');
    const sd = await settle('nosg');
    // The first deployment has nothing to roll back to (reference §2.5).
    assert.equal(sd.status, 'ROLLBACK_FAILED');
    assert.equal(sd.deploymentCircuitBreaker!.status, 'TRIGGERED');
    const stopped = await s.ecs.send(new ListTasksCommand({ serviceName: 'nosg', desiredStatus: 'STOPPED' }));
    const tasks = (await s.ecs.send(new DescribeTasksCommand({ tasks: stopped.taskArns }))).tasks!;
    assert.ok(tasks.length >= 3);
    for (const t of tasks) {
      assert.equal(t.stopCode, 'TaskFailedToStart');
      assert.match(t.stoppedReason!, /^ResourceInitializationError: .*Error retrieving security group information for \[sg-0deleted0000000000\]: The security group 'sg-0deleted0000000000' does not exist/);
      assert.equal(t.startedAt, undefined);
    }
    s.assertModelValid();
  });

  it('slow-draining keeps a deleted Express service DRAINING for the deregistration delay', async () => {
    await create('slow');
    await settle('slow');
    await scenario({ kind: 'slow-draining', match: { service: 'slow' }, delaySeconds: 600 });
    await s.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: arnOf('slow') }));
    await s.advance(480);
    assert.equal((await describeExpress('slow')).status!.statusCode, 'DRAINING');
    await inactive('slow', 600);
    s.assertModelValid();
  });

  it('an infrastructure role that does not exist, or cannot be assumed yet, fails the create', async () => {
    const missing = await rejection(
      s.ecs.send(new CreateExpressGatewayServiceCommand({ serviceName: 'norole', infrastructureRoleArn: `arn:aws:iam::${account}:role/nope`, executionRoleArn: ROLE, primaryContainer: { image: 'nginx' } })),
    );
    assert.equal(missing.name, 'AccessDeniedException');
    assert.match(missing.message, /^Cannot assume role arn:aws:iam::123456789012:role\/nope\b/);
    await scenario({ kind: 'express-assume-role-failure', match: { service: 'fresh' }, times: 1 });
    assert.equal((await rejection(create('fresh'))).name, 'AccessDeniedException');
    assert.equal((await create('fresh')).service!.status!.statusCode, 'ACTIVE', 'a retry succeeds once the role has propagated');
    s.assertModelValid();
  });
});
