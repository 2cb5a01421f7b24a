/**
 * Fidelity of the traffic-shifting strategies: BLUE_GREEN, LINEAR and CANARY deployments (one
 * rolled back by StopServiceDeployment) on the strategy tests' bench (an ALB in moto), with the
 * sandbox validating every ECS response it sends (ECSX_SANDBOX_VALIDATE=1) and no violations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeServiceDeploymentsCommand, DescribeServiceRevisionsCommand, DescribeServicesCommand, ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand, UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import type { ValidationReport } from '../../sandbox/validate/hook.js';
import { formatViolation } from '../../sandbox/validate/validator.js';
import { currentDeployment, observe, registerTaskDef, s, stableService, startBench } from './strategies-support.js';

const FINISHED = ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'];

describe('traffic-shifting strategies: every ECS response matches the model', () => {
  before(async () => {
    const saved = process.env.ECSX_SANDBOX_VALIDATE;
    process.env.ECSX_SANDBOX_VALIDATE = '1';
    try {
      await startBench();
    } finally {
      if (saved === undefined) delete process.env.ECSX_SANDBOX_VALIDATE;
      else process.env.ECSX_SANDBOX_VALIDATE = saved;
    }
  });
  after(() => s?.stop());

  /** Lists and describes everything about a service's deployments and revisions. */
  async function inspect(service: string): Promise<void> {
    const list = await s.ecs.send(new ListServiceDeploymentsCommand({ service }));
    const arns = list.serviceDeployments!.map((d) => d.serviceDeploymentArn!);
    const sds = (await s.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: arns }))).serviceDeployments!;
    const revisions = new Set(sds.flatMap((d) => [d.targetServiceRevision?.arn, ...(d.sourceServiceRevisions ?? []).map((r) => r.arn)]).filter((a): a is string => !!a));
    await s.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [...revisions] }));
    await s.ecs.send(new DescribeServicesCommand({ services: [service], include: ['TAGS'] }));
  }

  it('BLUE_GREEN with a test listener rule, to SUCCESSFUL', async () => {
    const name = await stableService({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 }, true);
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:2') }));
    const { final } = await observe(name);
    assert.equal(final.status, 'SUCCESSFUL');
    await inspect(name);
  });

  it('LINEAR, to SUCCESSFUL', async () => {
    const name = await stableService({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 }, bakeTimeInMinutes: 0 });
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:2') }));
    assert.equal((await observe(name)).final.status, 'SUCCESSFUL');
    await inspect(name);
  });

  it('CANARY stopped with ROLLBACK during its bake', async () => {
    const name = await stableService({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 }, bakeTimeInMinutes: 1 });
    await s.ecs.send(new UpdateServiceCommand({ service: name, taskDefinition: await registerTaskDef('nginx:2') }));
    const baking = await s.until(async () => {
      const sd = await currentDeployment(name);
      return (sd.targetServiceRevision?.requestedProductionTrafficWeight ?? 0) > 0 && sd;
    });
    await s.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: baking.serviceDeploymentArn!, stopType: 'ROLLBACK' }));
    const done = await s.until(async () => {
      const sd = (await s.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [baking.serviceDeploymentArn!] }))).serviceDeployments![0]!;
      return FINISHED.includes(sd.status!) && sd;
    });
    assert.equal(done.status, 'ROLLBACK_SUCCESSFUL');
    await inspect(name);
  });

  it('recorded no model violations', async () => {
    const report = (await (await fetch(`${s.sandbox.endpoint}/_sandbox/validation`)).json()) as ValidationReport;
    assert.equal(report.enabled, true);
    assert.deepEqual(report.violations.map((v) => `${formatViolation(v)} (×${v.count})`), []);
    assert.ok(report.checked > 50, `only ${report.checked} responses checked`);
  });
});
