/**
 * The AWS CLI v1 (botocore, with its own waiter loop) against the sandbox: register, create a
 * 2-task rolling service, `aws ecs wait services-stable`, an unpullable image (scenario control
 * API) rolled back by the circuit breaker, then delete and `aws ecs wait services-inactive`.
 *
 * The CLI's waiters poll every 15 real seconds and cannot be told otherwise, so time is frozen and
 * stepped here: each wait is called once the state it waits for has been reached on the clock,
 * and its first poll must accept it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { DescribeServicesCommand, ECSClient, ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import type { ValidationReport } from '../../sandbox/validate/hook.js';

const run = promisify(execFile);

describe('AWS CLI v1 against the sandbox', () => {
  let sandbox: Sandbox;
  let skip: string | false = false;
  let env: NodeJS.ProcessEnv;
  /** Probes between CLI steps go through the JS SDK: a CLI process per poll would cost a second each. */
  let ecs: ECSClient;

  /** Runs `aws --endpoint-url <sandbox> ecs <args>` and parses its JSON output (if any). */
  const aws = async (...args: string[]): Promise<any> => {
    const started = Date.now();
    const { stdout } = await run('aws', ['--endpoint-url', sandbox.endpoint, '--output', 'json', 'ecs', ...args], { env, timeout: 30_000 });
    if (args[0] === 'wait') assert.ok(Date.now() - started < 10_000, `aws ecs ${args.join(' ')} polled more than once`);
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  };
  const service = async () => (await ecs.send(new DescribeServicesCommand({ services: ['cli-web'] }))).services![0]!;
  /** Steps the clock 10 s at a time until `probe` holds (at most `max` simulated seconds). */
  const until = async (what: string, probe: () => Promise<boolean>, max = 1800) => {
    for (let t = 0; !(await probe()); t += 10) {
      if (t >= max) assert.fail(`${what}: not reached within ${max} simulated seconds`);
      await sandbox.client.advance(10);
    }
  };

  before(async () => {
    try {
      await run('aws', ['--version']);
    } catch {
      skip = 'the AWS CLI is not installed';
    }
    sandbox = await startSandbox({ timeScale: 0, moto: false, validate: true });
    env = { ...process.env, ...sandbox.env() };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    ecs = new ECSClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });
  after(() => sandbox?.stop());

  it('wait services-stable, circuit-breaker rollback, wait services-inactive', async (t) => {
    if (skip) return t.skip(skip);
    const container = (image: string) => JSON.stringify([{ name: 'app', image, portMappings: [{ containerPort: 80 }] }]);
    const register = (image: string) =>
      aws('register-task-definition', '--family', 'cli-web', '--network-mode', 'awsvpc', '--requires-compatibilities', 'FARGATE',
        '--cpu', '256', '--memory', '512', '--container-definitions', container(image));
    const first = (await register('nginx:1.27')).taskDefinition;
    assert.equal(first.revision, 1);
    const created = await aws('create-service', '--service-name', 'cli-web', '--task-definition', 'cli-web:1', '--desired-count', '2',
      '--launch-type', 'FARGATE', '--network-configuration', 'awsvpcConfiguration={subnets=[subnet-0aaa],assignPublicIp=ENABLED}',
      '--deployment-configuration', 'minimumHealthyPercent=100,maximumPercent=200,deploymentCircuitBreaker={enable=true,rollback=true}');
    assert.equal(created.service.deployments[0].rolloutState, 'IN_PROGRESS');

    // Completed, not merely stable: the circuit breaker rolls back to the last COMPLETED deployment.
    await until('first rollout', async () => (await service()).deployments![0]!.rolloutState === 'COMPLETED');
    await aws('wait', 'services-stable', '--services', 'cli-web');

    await sandbox.client.ecs('/scenarios', 'POST', { kind: 'image-pull-failure', match: { image: ':broken' } });
    const broken = (await register('nginx:broken')).taskDefinition;
    await aws('update-service', '--service', 'cli-web', '--task-definition', broken.taskDefinitionArn);
    await until('rollback', async () => {
      const [sd] = (await ecs.send(new ListServiceDeploymentsCommand({ service: 'cli-web' }))).serviceDeployments!;
      return sd!.status === 'ROLLBACK_SUCCESSFUL';
    });
    await until('one deployment', async () => (await service()).deployments!.length === 1);
    await aws('wait', 'services-stable', '--services', 'cli-web');

    const svc = (await aws('describe-services', '--services', 'cli-web')).services[0];
    assert.equal(svc.taskDefinition, first.taskDefinitionArn);
    assert.equal(svc.runningCount, 2);
    const messages: string[] = svc.events.map((e: { message: string }) => e.message);
    assert.ok(messages.some((m) => /^\(service cli-web\) \(deployment ecs-svc\/\d+\) deployment failed: tasks failed to start\.$/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^\(service cli-web\) rolling back to deployment ecs-svc\/\d+\.$/.test(m)), messages.join('\n'));
    assert.equal(typeof svc.events[0].createdAt, 'number', 'the CLI prints timestamps as epoch seconds');

    const stopped = (await aws('list-tasks', '--service-name', 'cli-web', '--desired-status', 'STOPPED')).taskArns;
    const tasks = (await aws('describe-tasks', '--tasks', ...stopped)).tasks;
    assert.ok(tasks.length >= 3);
    for (const task of tasks) {
      assert.equal(task.stopCode, 'TaskFailedToStart');
      assert.equal(task.stoppedReason, 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/nginx:broken: not found');
    }

    await aws('delete-service', '--service', 'cli-web', '--force');
    await until('INACTIVE', async () => (await service()).status === 'INACTIVE');
    await aws('wait', 'services-inactive', '--services', 'cli-web');

    const report = (await (await fetch(`${sandbox.endpoint}/_sandbox/validation`)).json()) as ValidationReport;
    assert.deepEqual(report.violations, []);
  });
});
