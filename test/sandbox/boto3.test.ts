/**
 * boto3 end to end: test/sandbox/py/boto3_rollout.py (botocore, independent of the JS SDK) drives
 * a sandbox running at a high time scale: a 2-task rolling service until boto3's services_stable
 * waiter succeeds, then a broken image (scenario control API) rolled back by the circuit breaker.
 * The script prints JSON; this test asserts on it, and on the sandbox's own model validation.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import type { ValidationReport } from '../../sandbox/validate/hook.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./py/boto3_rollout.py', import.meta.url));
const python = process.env.SANDBOX_PYTHON ?? 'python3';

interface Rollout {
  firstTaskDefinition: string;
  brokenTaskDefinition: string;
  stable: { runningCount: number; desiredCount: number; deployments: number };
  serviceDeployment: { status: string; circuitBreaker: string; failureCount: number; rollbackStarted: boolean };
  final: { taskDefinition: string; runningCount: number; deployments: number };
  events: string[];
  stoppedTasks: { taskDefinition: string; stopCode: string; stoppedReason: string; containerReason: string }[];
  seconds: number;
}

async function boto3Missing(): Promise<string | false> {
  try {
    await run(python, ['-c', 'import boto3']);
    return false;
  } catch {
    return `${python} with boto3 not available`;
  }
}

describe('boto3 against the sandbox', () => {
  let sandbox: Sandbox;
  let skip: string | false;

  before(async () => {
    skip = await boto3Missing();
    // 120 simulated seconds per real second: the rollout and the rollback take a few seconds.
    sandbox = await startSandbox({ timeScale: 120, moto: false, validate: true });
  });
  after(() => sandbox?.stop());

  it('services_stable waiter, then a circuit-breaker rollback of an unpullable image', async (t) => {
    if (skip) return t.skip(skip);
    const env: NodeJS.ProcessEnv = { ...process.env, ...sandbox.env() };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    // Async: the sandbox answers from this process's event loop.
    const { stdout } = await run(python, [script], { env, timeout: 60_000 });
    const out = JSON.parse(stdout) as Rollout;

    assert.deepEqual(out.stable, { runningCount: 2, desiredCount: 2, deployments: 1 });
    assert.match(out.firstTaskDefinition, /task-definition\/py-web:1$/);
    assert.match(out.brokenTaskDefinition, /task-definition\/py-web:2$/);

    const { failureCount, ...sd } = out.serviceDeployment;
    assert.deepEqual(sd, { status: 'ROLLBACK_SUCCESSFUL', circuitBreaker: 'TRIGGERED', rollbackStarted: true });
    // The threshold for 2 tasks is the minimum, 3 (reference §2.5: clamp(ceil(50 % × 2), 3, 200)).
    assert.ok(failureCount >= 3, `failureCount ${failureCount}`);
    assert.deepEqual(out.final, { taskDefinition: out.firstTaskDefinition, runningCount: 2, deployments: 1 });

    // Events, newest first, in ECS's wording: failed, then rolling back, then steady again.
    const at = (re: RegExp) => {
      const i = out.events.findIndex((e) => re.test(e));
      assert.ok(i >= 0, `no event like ${re} in ${JSON.stringify(out.events, null, 1)}`);
      return i;
    };
    const failed = at(/^\(service py-web\) \(deployment ecs-svc\/\d+\) deployment failed: tasks failed to start\.$/);
    const rollingBack = at(/^\(service py-web\) rolling back to deployment ecs-svc\/\d+\.$/);
    const steady = at(/^\(service py-web\) has reached a steady state\.$/);
    at(/^\(service py-web\) \(deployment ecs-svc\/\d+\) deployment completed\.$/);
    at(/^\(service py-web\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    assert.ok(steady < rollingBack && rollingBack < failed, JSON.stringify(out.events, null, 1));

    // Every stopped task is of the broken revision and failed to pull.
    assert.ok(out.stoppedTasks.length >= 3);
    const pull = 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref public.ecr.aws/nginx/nginx:broken: not found';
    for (const task of out.stoppedTasks) {
      assert.deepEqual(task, { taskDefinition: out.brokenTaskDefinition, stopCode: 'TaskFailedToStart', stoppedReason: pull, containerReason: pull });
    }

    const report = (await (await fetch(`${sandbox.endpoint}/_sandbox/validation`)).json()) as ValidationReport;
    assert.deepEqual(report.violations, []);
    assert.ok(report.checked > 10);
  });
});
