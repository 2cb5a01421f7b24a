/**
 * Fidelity of Express Mode: create, canary to SUCCESSFUL, update, tags, managed resources, delete
 * to INACTIVE and the errors around them, with the sandbox validating every ECS response it sends
 * (ECSX_SANDBOX_VALIDATE=1). Expects no violations and every Express operation exercised.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateExpressGatewayServiceCommand, DeleteExpressGatewayServiceCommand, DescribeExpressGatewayServiceCommand,
  DescribeServiceDeploymentsCommand, DescribeServiceRevisionsCommand, DescribeServicesCommand, ListServiceDeploymentsCommand,
  ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand, UpdateExpressGatewayServiceCommand,
} from '@aws-sdk/client-ecs';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { ecsOperations } from '../../sandbox/ecs/index.js';
import type { ValidationReport } from '../../sandbox/validate/hook.js';
import { formatViolation } from '../../sandbox/validate/validator.js';
import { account, rejection, startSdkSandbox, type SdkSandbox } from './express-support.js';

const ROLE = `arn:aws:iam::${account}:role/ecsInfrastructureRoleForExpressServices`;
const EXEC = `arn:aws:iam::${account}:role/ecsTaskExecutionRole`;
const FINISHED = ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'];

let s: SdkSandbox;
let arn: string;

const describeExpress = async () => (await s.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: arn, include: ['TAGS'] }))).service!;

/** Steps until the current deployment finishes, describing the service, deployment and revisions on the way. */
async function settle(): Promise<string> {
  const sd = await s.until(async () => {
    const svc = await describeExpress();
    const d = (await s.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [svc.currentDeployment!] }))).serviceDeployments![0]!;
    const revisions = (svc.activeConfigurations ?? []).map((c) => c.serviceRevisionArn!);
    if (revisions.length) await s.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: revisions }));
    return FINISHED.includes(d.status!) && d;
  }, { every: 30 });
  return sd.status!;
}

describe('Express Mode: every ECS response matches the model', () => {
  before(async () => {
    const saved = process.env.ECSX_SANDBOX_VALIDATE;
    process.env.ECSX_SANDBOX_VALIDATE = '1';
    try {
      s = await startSdkSandbox();
    } finally {
      if (saved === undefined) delete process.env.ECSX_SANDBOX_VALIDATE;
      else process.env.ECSX_SANDBOX_VALIDATE = saved;
    }
    await s.iam.send(new CreateRoleCommand({ RoleName: 'ecsInfrastructureRoleForExpressServices', AssumeRolePolicyDocument: '{}' }));
  });
  after(() => s?.stop());

  it('create, canary to SUCCESSFUL, update, tags', async () => {
    const created = await s.ecs.send(new CreateExpressGatewayServiceCommand({
      serviceName: 'fid', infrastructureRoleArn: ROLE, executionRoleArn: EXEC, healthCheckPath: '/health', cpu: '512', memory: '1024',
      primaryContainer: { image: 'nginx:1.27', containerPort: 8080, command: ['nginx'], environment: [{ name: 'A', value: '1' }], secrets: [{ name: 'S', valueFrom: `arn:aws:ssm:us-east-1:${account}:parameter/s` }] },
      scalingTarget: { minTaskCount: 2, maxTaskCount: 4, autoScalingMetric: 'REQUEST_COUNT_PER_TARGET', autoScalingTargetValue: 100 },
      tags: [{ key: 'team', value: 'web' }],
    }));
    arn = created.service!.serviceArn!;
    assert.equal(await settle(), 'SUCCESSFUL');
    await s.ecs.send(new UpdateExpressGatewayServiceCommand({ serviceArn: arn, primaryContainer: { image: 'nginx:1.28', containerPort: 8080 }, healthCheckPath: '/' }));
    assert.equal(await settle(), 'SUCCESSFUL');
    await s.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'stage', value: 'prod' }] }));
    await s.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
    await s.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    await s.ecs.send(new ListServiceDeploymentsCommand({ service: arn }));
    await s.ecs.send(new DescribeServicesCommand({ services: [arn], include: ['TAGS'] }));
  });

  it('errors, delete, INACTIVE', async () => {
    const missing = arn.replace(/\/fid$/, '/nope');
    const errors = [
      await rejection(s.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: missing }))),
      await rejection(s.ecs.send(new UpdateExpressGatewayServiceCommand({ serviceArn: missing, healthCheckPath: '/' }))),
      await rejection(s.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: missing }))),
      await rejection(s.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn: 'not-an-arn' }))),
      await rejection(s.ecs.send(new CreateExpressGatewayServiceCommand({ serviceName: 'fid', infrastructureRoleArn: ROLE, executionRoleArn: EXEC, primaryContainer: { image: 'nginx:1' } }))),
    ];
    assert.equal(errors.length, 5);
    await s.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn: arn }));
    await describeExpress();
    await s.until(async () => (await describeExpress()).status?.statusCode === 'INACTIVE', { every: 30 });
    await s.ecs.send(new DescribeServicesCommand({ services: [arn] }));
  });

  it('recorded no model violations, over every Express operation', async () => {
    const report = (await (await fetch(`${s.sandbox.endpoint}/_sandbox/validation`)).json()) as ValidationReport;
    assert.equal(report.enabled, true);
    assert.deepEqual(report.violations.map((v) => `${formatViolation(v)} (×${v.count})`), []);
    const exercised = new Set((await s.sandbox.client.requests({ service: 'ecs' })).map((r) => r.operation));
    const missing = Object.keys(ecsOperations).filter((op) => /ExpressGatewayService/.test(op) && !exercised.has(op));
    assert.deepEqual(missing, []);
  });
});
