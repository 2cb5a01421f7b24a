// Deleting Express services through the built CLI: a delete that leaves resources behind
// reports them, and `cleanup` removes only that service's leftovers — the load balancer a
// second Express service still uses survives; `delete --purge --purge-logs` of the last service
// removes what is left, its log group and the roles ecsx created.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startExpressSandbox, type ExpressSandbox } from './express-helpers.js';

let x: ExpressSandbox;
let api: string;
let web: string;
let aws: { region: string; endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } };

const targetGroups = async () => ((await new ElasticLoadBalancingV2Client(aws).send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? []).map((t) => t.TargetGroupName!);
const loadBalancers = async () => ((await new ElasticLoadBalancingV2Client(aws).send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).map((l) => l.LoadBalancerName!);
const roleExists = (name: string) => new IAMClient(aws).send(new GetRoleCommand({ RoleName: name })).then(() => true, () => false);

before(async () => {
  x = await startExpressSandbox();
  aws = { region: 'us-east-1', endpoint: x.sandbox.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  api = await x.project('api');
  web = await x.project('web');
  for (const dir of [api, web]) {
    const r = await x.ecsx(dir, ['deploy']);
    assert.equal(r.code, 0, r.stderr);
  }
});
after(() => x?.stop());

test('a delete that leaves resources behind reports them; the shared load balancer is retained', async () => {
  await x.scenario({ kind: 'express-delete-leftovers', match: { service: 'web' }, leftovers: ['alb', 'targetGroup', 'certificate', 'serviceSecurityGroup'] });
  const r = await x.ecsx(web, ['delete', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^web: \d+ deleted, \d+ retained by design, 4 left behind$/m);
  assert.match(r.stdout, /^  load balancer ecs-express-gateway-alb-\w+: shared: 3 other listener rules\/target groups still use it$/m);
  assert.match(r.stdout, /^Left behind:\n  target group ecs-gw-web-\w+: left behind\n  target group ecs-gw-web-\w+: left behind\n  certificate we-\w+\.ecs\.us-east-1\.on\.aws: left behind/m);
  assert.match(r.stdout, /^  service security group sg-\w+: left behind$/m);
  assert.match(r.stderr, /4 managed resources were left behind; `ecsx cleanup` \(or `ecsx delete --purge`\) removes the 4/);
});

test('cleanup removes only this service\'s leftovers and the roles ecsx created for it', async () => {
  const dry = await x.ecsx(web, ['cleanup', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /DRY RUN OK: cleanup would remove 4 resources/);
  assert.equal((await targetGroups()).filter((n) => n.startsWith('ecs-gw-web-')).length, 2);

  const r = await x.ecsx(web, ['cleanup']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /looking for its resources by tags/);
  assert.match(r.stdout, /^web: 4 deleted, \d+ retained by design, 0 left behind$/m);
  assert.match(r.stderr, /deleted IAM role arn:aws:iam::123456789012:role\/ecsx-web-execution/);
  const tgs = await targetGroups();
  assert.deepEqual(tgs.filter((n) => n.startsWith('ecs-gw-web-')), []);
  assert.equal(tgs.filter((n) => n.startsWith('ecs-gw-api-')).length, 2, 'the other service keeps its target groups');
  assert.equal((await loadBalancers()).length, 1, 'the shared load balancer survives');
  assert.equal(await roleExists('ecsx-web-infrastructure'), false);
  assert.equal(await roleExists('ecsx-api-infrastructure'), true);
});

test('cleanup refuses an ACTIVE service (exit 2)', async () => {
  const r = await x.ecsx(api, ['cleanup']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /service api is ACTIVE: cleanup only removes what a delete left behind/);
});

test('delete --purge --purge-logs of the last service removes the load balancer, the log group and the roles', async () => {
  await x.scenario({ kind: 'express-delete-leftovers', match: { service: 'api' }, leftovers: ['alb'] });
  const dry = await x.ecsx(api, ['delete', '--purge', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /DRY RUN OK: DeleteExpressGatewayService arn:aws:ecs:us-east-1:123456789012:service\/default\/api would be called/);
  const r = await x.ecsx(api, ['delete', '--force', '--purge', '--purge-logs']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /removing \d+ resources left behind/);
  assert.match(r.stderr, /deleted load balancer ecs-express-gateway-alb-/);
  assert.match(r.stderr, /deleted log group \/aws\/ecs\/default\/api-\d{4}/);
  assert.match(r.stdout, /0 left behind/);
  assert.deepEqual(await loadBalancers(), []);
  const logs = await new CloudWatchLogsClient(aws).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/ecs/default/api-' }));
  assert.deepEqual(logs.logGroups ?? [], []);
  const sgs = await new EC2Client(aws).send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:AmazonECSManaged', Values: ['true'] }] }));
  // web's log group and api's are not security groups; every managed group is gone.
  assert.deepEqual((sgs.SecurityGroups ?? []).map((g) => g.GroupId), []);
  assert.equal(await roleExists('ecsx-api-execution'), false);
});
