/**
 * Express Mode through the real SDK against the sandbox with moto, on a stepped clock: create →
 * canary → SUCCESSFUL with every managed resource ACTIVE and present in moto → update (new
 * revision, canary again) → a second service shares the ALB → delete (DRAINING, re-create refused)
 * → INACTIVE (resources gone except the log group and the still-shared ALB) → re-create.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeCertificateCommand, ListTagsForCertificateCommand } from '@aws-sdk/client-acm';
import { DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import {
  CreateExpressGatewayServiceCommand,
  DeleteExpressGatewayServiceCommand,
  DescribeExpressGatewayServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateExpressGatewayServiceCommand,
  type CreateExpressGatewayServiceCommandInput,
  type ECSExpressGatewayService,
  type ECSManagedResources,
} from '@aws-sdk/client-ecs';
import { DescribeListenerCertificatesCommand, DescribeLoadBalancersCommand, DescribeRulesCommand, DescribeTagsCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { account, rejection, ruleWeights, startSdkSandbox, type SdkSandbox } from './express-support.js';

const ROLE = `arn:aws:iam::${account}:role/ecsInfrastructureRoleForExpressServices`;
const EXEC = `arn:aws:iam::${account}:role/ecsTaskExecutionRole`;

let s: SdkSandbox;
let web: ECSExpressGatewayService;
let firstResources: ECSManagedResources;

const create = (input: Partial<CreateExpressGatewayServiceCommandInput>) =>
  s.ecs.send(new CreateExpressGatewayServiceCommand({ infrastructureRoleArn: ROLE, executionRoleArn: EXEC, primaryContainer: { image: 'nginx:1.27' }, ...input }));
const describeExpress = async (serviceArn: string) => (await s.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn }))).service!;
const deploymentOf = async (serviceArn: string) => {
  const svc = await describeExpress(serviceArn);
  return (await s.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [svc.currentDeployment!] }))).serviceDeployments![0]!;
};
const managed = async (revisionArn: string) =>
  (await s.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] }))).serviceRevisions![0]!.ecsManagedResources!;
const tagsOf = async (arn: string) => (await s.elb.send(new DescribeTagsCommand({ ResourceArns: [arn] }))).TagDescriptions![0]!.Tags!;
const gone = async (p: Promise<unknown>) => (await rejection(p)).name;
/** Steps until the current deployment of `serviceArn` is finished; returns it and the simulated seconds it took. */
async function settle(serviceArn: string) {
  const t0 = (await s.sandbox.client.clock()).now;
  const sd = await s.until(async () => {
    const d = await deploymentOf(serviceArn);
    return ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'].includes(d.status!) && d;
  }, { every: 20 });
  return { sd, seconds: ((await s.sandbox.client.clock()).now - t0) / 1000 };
}

describe('Express Mode lifecycle', () => {
  before(async () => {
    s = await startSdkSandbox();
    await s.iam.send(new CreateRoleCommand({ RoleName: 'ecsInfrastructureRoleForExpressServices', AssumeRolePolicyDocument: '{}' }));
  });
  after(() => s?.stop());

  it('create answers ACTIVE at once, with defaults filled, sorted env and the managed security group', async () => {
    const out = await create({
      serviceName: 'web',
      primaryContainer: { image: 'nginx:1.27', command: ['nginx', '-g', 'daemon off;'], environment: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] },
      tags: [{ key: 'team', value: 'blue' }],
    });
    web = out.service!;
    assert.equal(web.serviceArn, `arn:aws:ecs:us-east-1:${account}:service/default/web`);
    assert.equal(web.cluster, `arn:aws:ecs:us-east-1:${account}:cluster/default`);
    assert.equal(web.status!.statusCode, 'ACTIVE');
    assert.match(web.currentDeployment!, /:service-deployment\/default\/web\//);
    const cfg = web.activeConfigurations![0]!;
    assert.deepEqual([cfg.cpu, cfg.memory, cfg.healthCheckPath], ['1024', '2048', '/']);
    assert.deepEqual(cfg.scalingTarget, { minTaskCount: 1, maxTaskCount: 20, autoScalingMetric: 'AVERAGE_CPU', autoScalingTargetValue: 60 });
    assert.equal(cfg.primaryContainer!.containerPort, 80);
    assert.match(cfg.primaryContainer!.awsLogsConfiguration!.logGroup!, /^\/aws\/ecs\/default\/web-\d{4}$/);
    assert.equal(cfg.primaryContainer!.awsLogsConfiguration!.logStreamPrefix, 'ecs');
    assert.deepEqual(cfg.primaryContainer!.environment!.map((e) => e.name), ['A', 'B']);
    assert.match(cfg.ingressPaths![0]!.endpoint!, /^https:\/\/we-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws$/);
    assert.equal(cfg.ingressPaths![0]!.accessType, 'PUBLIC');
    assert.equal(cfg.networkConfiguration!.subnets!.length, 6, 'the default VPC public subnets');
    assert.equal(cfg.networkConfiguration!.securityGroups!.length, 1, 'the ECS-managed group');
    assert.match(cfg.taskDefinitionArn!, /:task-definition\/web:1$/);
    // Provisioning goes on in the background.
    firstResources = await managed(cfg.serviceRevisionArn!);
    assert.equal(firstResources.ingressPaths![0]!.loadBalancer!.status, 'PROVISIONING');
    assert.equal(firstResources.ingressPaths![0]!.certificate!.status, 'PROVISIONING');
    assert.equal(firstResources.serviceSecurityGroups![0]!.arn!.split('/').pop(), cfg.networkConfiguration!.securityGroups![0]);
    s.assertModelValid();
  });

  it('the canary reaches SUCCESSFUL in about 6–8 simulated minutes; resources are ACTIVE and in moto, tagged', async () => {
    const { sd, seconds } = await settle(web.serviceArn!);
    assert.equal(sd.status, 'SUCCESSFUL');
    assert.ok(seconds >= 360 && seconds <= 540, `create deployment took ${seconds}s`);
    assert.equal(sd.deploymentConfiguration!.strategy, 'CANARY');
    assert.deepEqual(sd.deploymentConfiguration!.canaryConfiguration, { canaryPercent: 5, canaryBakeTimeInMinutes: 3 });
    const revision = web.activeConfigurations![0]!.serviceRevisionArn!;
    const res = await managed(revision);
    const ingress = res.ingressPaths![0]!;
    const statuses = [ingress.loadBalancer, ingress.listener, ingress.certificate, ingress.rule, ...ingress.targetGroups!, ...ingress.loadBalancerSecurityGroups!, res.autoScaling!.scalableTarget, ...res.autoScaling!.applicationAutoScalingPolicies!, ...res.metricAlarms!, ...res.serviceSecurityGroups!, ...res.logGroups!].map((r) => r!.status);
    assert.deepEqual(new Set(statuses), new Set(['ACTIVE']));
    const host = ingress.endpoint!.replace('https://', '');
    assert.equal(ingress.certificate!.domainName, host);
    // ELBv2: the ALB, its rule for this host (all traffic on the primary target group after the first canary), tags.
    const lb = (await s.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [ingress.loadBalancer!.arn!] }))).LoadBalancers![0]!;
    assert.match(lb.LoadBalancerName!, /^ecs-express-gateway-alb-/);
    assert.deepEqual(await tagsOf(lb.LoadBalancerArn!), [{ Key: 'AmazonECSManaged', Value: 'true' }]);
    const rule = (await s.elb.send(new DescribeRulesCommand({ RuleArns: [ingress.rule!.arn!] }))).Rules![0]!;
    assert.deepEqual(rule.Conditions![0]!.HostHeaderConfig!.Values, [host]);
    const [tgA, tgB] = ingress.targetGroups!.map((t) => t.arn!);
    assert.deepEqual(await ruleWeights(s, ingress.rule!.arn!), { [tgA!]: 100, [tgB!]: 0 });
    assert.deepEqual(await tagsOf(tgA!), [{ Key: 'AmazonECSManaged', Value: 'true' }, { Key: 'AmazonECSManagedServiceArn', Value: web.serviceArn }]);
    const cert = (await s.acm.send(new DescribeCertificateCommand({ CertificateArn: ingress.certificate!.arn }))).Certificate!;
    assert.equal(cert.DomainName, host);
    assert.ok((await s.acm.send(new ListTagsForCertificateCommand({ CertificateArn: cert.CertificateArn }))).Tags!.some((t) => t.Key === 'AmazonECSManaged'));
    const sgId = res.serviceSecurityGroups![0]!.arn!.split('/').pop()!;
    const sg = (await s.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sgId] }))).SecurityGroups![0]!;
    assert.ok(sg.Tags!.some((t) => t.Key === 'AmazonECSManaged' && t.Value === 'true'));
    assert.equal(sg.IpPermissions![0]!.UserIdGroupPairs![0]!.GroupId, ingress.loadBalancer!.securityGroupIds![0]);
    const alarmName = res.metricAlarms![0]!.arn!.split(':alarm:')[1]!;
    assert.equal((await s.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms!.length, 1);
    assert.deepEqual(sd.deploymentConfiguration!.alarms, { alarmNames: [alarmName], enable: true, rollback: true });
    const targets = (await s.autoscaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: ['service/default/web'] }))).ScalableTargets!;
    assert.deepEqual([targets[0]!.MinCapacity, targets[0]!.MaxCapacity], [1, 20]);
    const policies = (await s.autoscaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: 'service/default/web' }))).ScalingPolicies!;
    assert.equal(policies[0]!.TargetTrackingScalingPolicyConfiguration!.TargetValue, 60);
    const logGroup = res.logGroups![0]!.logGroupName!;
    assert.equal((await s.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroup }))).logGroups!.length, 1);
    s.assertModelValid();
  });

  it('the underlying service: listed as ECS-managed, managed group attached, one task, tags on the Express ARN', async () => {
    const list = await s.ecs.send(new ListServicesCommand({ resourceManagementType: 'ECS' }));
    assert.deepEqual(list.serviceArns, [web.serviceArn]);
    assert.deepEqual((await s.ecs.send(new ListServicesCommand({ resourceManagementType: 'CUSTOMER' }))).serviceArns, []);
    const svc = (await s.ecs.send(new DescribeServicesCommand({ services: ['web'], include: ['TAGS'] }))).services![0]!;
    assert.equal(svc.resourceManagementType, 'ECS');
    assert.equal(svc.taskDefinition, undefined, 'Express services do not show taskDefinition (ecspresso #902)');
    assert.equal(svc.runningCount, 1);
    assert.deepEqual(svc.networkConfiguration!.awsvpcConfiguration!.securityGroups, web.activeConfigurations![0]!.networkConfiguration!.securityGroups);
    assert.equal(svc.networkConfiguration!.awsvpcConfiguration!.assignPublicIp, 'ENABLED');
    assert.deepEqual(svc.capacityProviderStrategy, [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }]);
    assert.deepEqual(svc.tags, [{ key: 'team', value: 'blue' }]);
    await s.ecs.send(new TagResourceCommand({ resourceArn: web.serviceArn, tags: [{ key: 'env', value: 'dev' }] }));
    await s.ecs.send(new UntagResourceCommand({ resourceArn: web.serviceArn, tagKeys: ['team'] }));
    assert.deepEqual((await s.ecs.send(new ListTagsForResourceCommand({ resourceArn: web.serviceArn }))).tags, [{ key: 'env', value: 'dev' }]);
    const described = (await s.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: web.serviceArn, include: ['TAGS'] }))).service!;
    assert.deepEqual(described.tags, [{ key: 'env', value: 'dev' }]);
    s.assertModelValid();
  });

  it('update: a new revision and another canary; sent primaryContainer members replace, omitted ones stay', async () => {
    const before = await describeExpress(web.serviceArn!);
    const out = await s.ecs.send(
      new UpdateExpressGatewayServiceCommand({ serviceArn: web.serviceArn, primaryContainer: { image: 'nginx:1.28', environment: [{ name: 'Z', value: '26' }, { name: 'C', value: '3' }] }, healthCheckPath: '/health' }),
    );
    const target = out.service!.targetConfiguration!;
    assert.notEqual(target.serviceRevisionArn, before.activeConfigurations![0]!.serviceRevisionArn);
    assert.match(target.taskDefinitionArn!, /:task-definition\/web:2$/);
    assert.equal(target.primaryContainer!.image, 'nginx:1.28');
    assert.deepEqual(target.primaryContainer!.environment, [{ name: 'C', value: '3' }, { name: 'Z', value: '26' }]);
    assert.deepEqual(target.primaryContainer!.command, ['nginx', '-g', 'daemon off;']);
    assert.equal(target.healthCheckPath, '/health');
    await s.advance(60);
    const during = await describeExpress(web.serviceArn!);
    assert.deepEqual(during.activeConfigurations!.map((c) => c.serviceRevisionArn), [target.serviceRevisionArn, before.activeConfigurations![0]!.serviceRevisionArn]);
    assert.equal(during.currentDeployment, out.service && (await deploymentOf(web.serviceArn!)).serviceDeploymentArn);
    const { sd } = await settle(web.serviceArn!);
    assert.equal(sd.status, 'SUCCESSFUL');
    assert.equal(sd.sourceServiceRevisions![0]!.arn, before.activeConfigurations![0]!.serviceRevisionArn);
    const after = await describeExpress(web.serviceArn!);
    assert.deepEqual(after.activeConfigurations!.map((c) => c.serviceRevisionArn), [target.serviceRevisionArn]);
    // Green ran on the alternate target group, which now takes all the traffic.
    const ingress = (await managed(target.serviceRevisionArn!)).ingressPaths![0]!;
    const [tgA, tgB] = ingress.targetGroups!.map((t) => t.arn!);
    assert.deepEqual(await ruleWeights(s, ingress.rule!.arn!), { [tgA!]: 0, [tgB!]: 100 });
    assert.equal((await s.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tgA!] }))).TargetGroups![0]!.HealthCheckPath, '/health');
    s.assertModelValid();
  });

  it('delete: DRAINING, the name is blocked until INACTIVE; then everything but the log group and the shared ALB is gone', async () => {
    const api = (await create({ serviceName: 'api' })).service!;
    const apiResources = await managed(api.activeConfigurations![0]!.serviceRevisionArn!);
    assert.equal(apiResources.ingressPaths![0]!.loadBalancer!.arn, firstResources.ingressPaths![0]!.loadBalancer!.arn, 'one ALB per VPC');
    const listenerCerts = await s.elb.send(new DescribeListenerCertificatesCommand({ ListenerArn: apiResources.ingressPaths![0]!.listener!.arn }));
    assert.equal(listenerCerts.Certificates!.length, 2);

    const revision = (await describeExpress(web.serviceArn!)).activeConfigurations![0]!.serviceRevisionArn!;
    const res = await managed(revision);
    const deleted = (await s.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: web.serviceArn }))).service!;
    assert.equal(deleted.status!.statusCode, 'DRAINING');
    const refused = await rejection(create({ serviceName: 'web' }));
    assert.equal(refused.name, 'InvalidParameterException');
    assert.equal(refused.message, 'Unable to Start a service that is still Draining.');
    const again = await rejection(s.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: web.serviceArn })));
    assert.deepEqual([again.name, again.message], ['ServiceNotActiveException', 'Service is in DRAINING status']);
    const draining = await managed(revision);
    assert.equal(draining.ingressPaths![0]!.rule!.status, 'DEPROVISIONING');
    assert.equal(draining.ingressPaths![0]!.loadBalancer!.status, 'ACTIVE', 'still used by api');
    assert.equal(draining.logGroups![0]!.status, 'ACTIVE', 'log groups are retained');
    assert.deepEqual((await s.ecs.send(new ListServicesCommand({}))).serviceArns, [api.serviceArn]);

    const inactive = await s.until(async () => {
      const d = await describeExpress(web.serviceArn!);
      return d.status!.statusCode === 'INACTIVE' && d;
    }, { every: 10, max: 600 });
    assert.deepEqual(inactive.activeConfigurations, []);
    const revErr = await rejection(s.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revision] })));
    assert.deepEqual([revErr.name, revErr.message], ['InvalidParameterException', 'Cannot call DescribeServiceRevisions for a service that is INACTIVE']);
    const third = await rejection(s.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: web.serviceArn })));
    assert.deepEqual([third.name, third.message], ['ServiceNotActiveException', 'Cannot perform this operation on a service in INACTIVE status']);

    const ingress = res.ingressPaths![0]!;
    assert.equal(await gone(s.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [ingress.targetGroups![0]!.arn!] }))), 'TargetGroupNotFoundException');
    assert.equal(await gone(s.elb.send(new DescribeRulesCommand({ RuleArns: [ingress.rule!.arn!] }))), 'RuleNotFoundException');
    assert.equal(await gone(s.acm.send(new DescribeCertificateCommand({ CertificateArn: ingress.certificate!.arn }))), 'ResourceNotFoundException');
    assert.equal(await gone(s.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [res.serviceSecurityGroups![0]!.arn!.split('/').pop()!] }))), 'InvalidGroup.NotFound');
    const alarmName = res.metricAlarms![0]!.arn!.split(':alarm:')[1]!;
    assert.deepEqual((await s.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms, []);
    assert.deepEqual((await s.autoscaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: ['service/default/web'] }))).ScalableTargets, []);
    assert.equal((await s.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: res.logGroups![0]!.logGroupName }))).logGroups!.length, 1);
    assert.equal((await s.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [ingress.loadBalancer!.arn!] }))).LoadBalancers!.length, 1);
    s.assertModelValid();
  });

  it('after INACTIVE the name can be reused: new endpoint, same shared ALB; the last service out takes the ALB with it', async () => {
    const again = (await create({ serviceName: 'web' })).service!;
    assert.equal(again.status!.statusCode, 'ACTIVE');
    assert.notEqual(again.activeConfigurations![0]!.ingressPaths![0]!.endpoint, web.activeConfigurations![0]!.ingressPaths![0]!.endpoint);
    const res = await managed(again.activeConfigurations![0]!.serviceRevisionArn!);
    const albArn = res.ingressPaths![0]!.loadBalancer!.arn!;
    assert.equal(albArn, firstResources.ingressPaths![0]!.loadBalancer!.arn);
    for (const name of ['web', 'api']) await s.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: `arn:aws:ecs:us-east-1:${account}:service/default/${name}` }));
    await s.until(async () => (await describeExpress(`arn:aws:ecs:us-east-1:${account}:service/default/api`)).status!.statusCode === 'INACTIVE', { every: 10, max: 600 });
    await s.until(async () => (await describeExpress(again.serviceArn!)).status!.statusCode === 'INACTIVE', { every: 10, max: 600 });
    assert.equal(await gone(s.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [albArn] }))), 'LoadBalancerNotFoundException');
    s.assertModelValid();
  });
});
