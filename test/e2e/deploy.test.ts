// `ecsx deploy` through the built CLI against a sandbox at 120× time: create and update of a
// 4-task rolling service, --dry-run (no mutating call), one UpdateService per deploy, a broken
// image and a crashing container rolled back by the circuit breaker (exit 3), a timeout (exit 4)
// and Ctrl-C (exit 130).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ECSX_BIN } from '../helpers/cli.js';
import { startProject, type Project } from './deploy-fixture.js';

let p: Project;
before(async () => {
  p = await startProject({ timeScale: 120 });
});
after(() => p?.stop());

const count = async (operation: string) => (await p.sandbox.client.requests({ operation })).length;

test('deploy creates the service and waits until the deployment completed', async () => {
  const r = await p.cli(['deploy']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^created service web in cluster main: web:1$/m);
  assert.match(r.stderr, /registered task definition web:1/);
  // Plain (non-TTY) progress: one timestamped line per change, and the service events.
  assert.match(r.stderr, /^\S+Z \[SCALE_UP\] PRIMARY web:1 running \d\/\d/m);
  assert.match(r.stderr, /^\S+Z \[COMPLETED\] PRIMARY web:1 running 4\/4 COMPLETED/m);
  assert.match(r.stderr, /\(service web\) has started 4 tasks/);
  assert.match(r.stderr, /\(service web\) \(deployment ecs-svc\/\d+\) deployment completed\./);
  assert.match(r.stderr, /deployment of web:1 successful/);
  const s = await p.describe();
  assert.equal(s.runningCount, 4);
  assert.match(s.taskDefinition!, /web:1$/);
  assert.deepEqual(s.tags, [{ key: 'team', value: 'web' }]);
});

test('--dry-run prints the diff and the API inputs and changes nothing', async () => {
  await p.sandbox.client.clearRequests();
  p.writeServiceDefinition({ desiredCount: 5, healthCheckGracePeriodSeconds: 30, tags: [{ key: 'team', value: 'platform' }] });
  const r = await p.cli(['deploy', '--dry-run'], { APP_VERSION: '2' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /DRY RUN OK/);
  assert.match(r.stdout, /^-\s+"value": "1"$/m);
  assert.match(r.stdout, /^\+\s+"value": "2"$/m);
  assert.match(r.stdout, /^ecs RegisterTaskDefinition$/m);
  assert.match(r.stdout, /^ecs UpdateService {2}# changes healthCheckGracePeriodSeconds$/m);
  assert.match(r.stdout, /"taskDefinition": "web:<revision registered by this command>"/);
  assert.match(r.stdout, /"desiredCount": 5/);
  assert.match(r.stdout, /^ecs TagResource$/m);
  assert.deepEqual(await p.mutations(), []);
  assert.equal((await p.describe()).desiredCount, 4);
});

test('deploy updates with one UpdateService carrying task definition, count and changed attributes', async () => {
  await p.sandbox.client.clearRequests();
  const r = await p.cli(['deploy'], { APP_VERSION: '2' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^updated service web in cluster main: web:2$/m);
  assert.match(r.stderr, /updating service web: web:2, 5 tasks; changes healthCheckGracePeriodSeconds/);
  assert.equal(await count('UpdateService'), 1);
  assert.equal(await count('TagResource'), 1);
  assert.equal(await count('UntagResource'), 0);
  const s = await p.describe();
  assert.match(s.taskDefinition!, /web:2$/);
  assert.equal(s.desiredCount, 5);
  assert.equal(s.runningCount, 5);
  assert.equal(s.healthCheckGracePeriodSeconds, 30);
  assert.deepEqual(s.tags, [{ key: 'team', value: 'platform' }]);
  assert.equal(s.deployments?.length, 1);
});

test('--wait-until ecs:<STAGE> on a ROLLING service: exit 2 before anything changes', async () => {
  await p.sandbox.client.clearRequests();
  const r = await p.cli(['deploy', '--wait-until', 'ecs:BAKE_TIME'], { APP_VERSION: '2' });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /needs a BLUE_GREEN, LINEAR or CANARY deployment strategy; this service uses ROLLING/);
  assert.deepEqual(await p.mutations(), []);
});

test('a broken image: the circuit breaker rolls back, exit 3 with the stopped reason', async () => {
  await p.sandbox.client.ecs('scenarios', 'POST', { kind: 'image-pull-failure', match: { image: 'broken' } });
  const r = await p.cli(['deploy'], { IMAGE: 'registry.example.com/app:broken', APP_VERSION: '2' });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /CannotPullContainerError: pull image manifest has been retried \d+ time\(s\): failed to resolve ref registry\.example\.com\/app:broken: not found/);
  assert.match(r.stderr, /\(TaskFailedToStart\)/);
  assert.match(r.stderr, /deployment failed: tasks failed to start/);
  assert.match(r.stderr, /\[ROLLED_BACK\] PRIMARY web:2 running 5\/5/);
  assert.match(r.stderr, /^error: service deployment rolled back: ECS deployment circuit breaker/m);
  const s = await p.describe();
  assert.match(s.taskDefinition!, /web:2$/);
  assert.equal(s.runningCount, 5);
});

test('a crashing container: exit 3 with the container exit code and its last log lines', async () => {
  await p.sandbox.client.ecs('scenarios', 'POST', { kind: 'container-exit', match: { image: 'crash' }, exitCode: 3, afterSeconds: 2, logLines: ['connecting to db.internal:5432', 'FATAL: password authentication failed'] });
  const r = await p.cli(['deploy'], { IMAGE: 'example.com/app:crash' });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /Essential container in task exited \(EssentialContainerExited\); container app exit code 3/);
  assert.match(r.stderr, /\| FATAL: password authentication failed/);
  assert.match((await p.describe()).taskDefinition!, /web:2$/);
});

test('a deployment that does not finish in time: exit 4, the deployment goes on', async () => {
  await p.sandbox.client.ecs('scenarios', 'POST', { kind: 'slow-draining', match: { service: 'web' }, delaySeconds: 100_000 });
  const r = await p.cli(['deploy', '--timeout', '3s'], { APP_VERSION: '3' });
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /timed out after 3s waiting for the deployment to complete \(web:5\); the deployment continues in ECS/);
});

test('Ctrl-C: exit 130, and ECS carries on', async () => {
  const child = spawn(process.execPath, [ECSX_BIN, 'deploy', '--force-new-deployment', '--skip-task-definition'], {
    cwd: p.dir,
    env: { ...p.env, PATH: process.env.PATH, NO_COLOR: '1' },
  });
  let stderr = '';
  const code = await new Promise<number | null>((resolve) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      // Interrupt once the watch has started.
      if (/\[(SCALE_UP|PENDING|CLEAN_UP)\]/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    child.on('close', resolve);
  });
  assert.equal(code, 130, stderr);
  assert.match(stderr, /interrupted; the deployment goes on in ECS/);
});
