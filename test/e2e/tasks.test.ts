// `ecsx tasks` through the built CLI: list (default), find, stop (confirmation rules) and logs
// (CloudWatch Logs written by the sandbox's tasks into moto), including --follow until Ctrl-C.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { StopTaskCommand } from '@aws-sdk/client-ecs';
import { ECSX_BIN } from '../helpers/cli.js';
import { startClassic, type Classic } from '../helpers/classic.js';

let c: Classic;
let ids: string[];

before(async () => {
  c = await startClassic();
  await c.register();
  await c.createService('app', 'app:1', 2);
  const list = JSON.parse((await c.ecsx(['tasks', 'list', '--format', 'json'])).stdout);
  ids = list.map((t: any) => t.id);
});
after(() => c?.stop());

/** Polls `check` every 50 ms of real time until it holds, failing after `ms`. */
async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('tasks (list by default) shows the running tasks; --format tsv/json; --output json', async () => {
  const r = await c.ecsx(['tasks']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^ID +TASK DEFINITION +LAST STATUS +DESIRED +HEALTH +CREATED +GROUP +TYPE$/);
  assert.equal(lines.length, 3);
  for (const l of lines.slice(1)) assert.match(l, /^[0-9a-f]{32} +app:1 +RUNNING +RUNNING +\S+ +\S+ +service:app +FARGATE$/);
  assert.equal(ids.length, 2);
  const tsv = await c.ecsx(['tasks', 'list', '--format', 'tsv']);
  assert.equal(tsv.stdout.split('\n')[1]!.split('\t').length, 8);
  const j = JSON.parse((await c.ecsx(['tasks', '--output', 'json'])).stdout);
  assert.deepEqual(j.map((t: any) => t.lastStatus), ['RUNNING', 'RUNNING']);
  assert.equal(j[0].containers[0].name, 'app');
});

test('find needs --id when there are several tasks, and prints the task', async () => {
  const many = await c.ecsx(['tasks', 'find']);
  assert.equal(many.code, 2);
  assert.match(many.stderr, /2 tasks: pass --id to choose one of [0-9a-f]{32}, [0-9a-f]{32}/);
  const r = await c.ecsx(['tasks', 'find', '--id', ids[0]!]);
  assert.equal(r.code, 0, r.stderr);
  const task = JSON.parse(r.stdout);
  assert.ok(task.taskArn.endsWith(ids[0]));
  assert.equal(task.group, 'service:app');
  const missing = await c.ecsx(['tasks', 'find', '--id', '0123456789abcdef0123456789abcdef']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /task 0123456789abcdef0123456789abcdef not found in cluster default/);
});

test('logs prints the containers\' awslogs lines; --id and --container narrow it', async () => {
  const r = await c.ecsx(['tasks', 'logs', '--duration', '10m']);
  assert.equal(r.code, 0, r.stderr);
  for (const id of ids) {
    assert.match(r.stdout, new RegExp(`^\\S+ app/${id.slice(0, 8)} Starting app \\(nginx:1\\.27\\)$`, 'm'));
    assert.match(r.stdout, new RegExp(`^\\S+ app/${id.slice(0, 8)} Listening on 0\\.0\\.0\\.0:80$`, 'm'));
  }
  const one = await c.ecsx(['tasks', 'logs', '--id', ids[1]!, '--container', 'app', '--output', 'json']);
  assert.equal(one.code, 0, one.stderr);
  const events = JSON.parse(one.stdout);
  assert.ok(events.length >= 3);
  assert.ok(events.every((e: any) => e.task === ids[1] && e.container === 'app'));
  const bad = await c.ecsx(['tasks', 'logs', '--container', 'nope']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--container nope: no such container; the task definition has app/);
  assert.equal((await c.ecsx(['tasks', 'logs', '--duration', 'soon'])).code, 2);
});

test('stop refuses without a terminal, stops with --force; stopped tasks stay visible', async () => {
  const refused = await c.ecsx(['tasks', 'stop', '--id', ids[0]!]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, new RegExp(`refusing to stop task ${ids[0]} without confirmation: there is no terminal to ask on; pass --force`));
  const r = await c.ecsx(['tasks', 'stop', '--id', ids[0]!, '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^task ${ids[0]}: desired STOPPED`));
  await c.until(async () => JSON.parse((await c.ecsx(['tasks', 'find', '--id', ids[0]!])).stdout).lastStatus === 'STOPPED', 300, 10);
  const stopped = JSON.parse((await c.ecsx(['tasks', 'find', '--id', ids[0]!])).stdout);
  assert.equal(stopped.stoppedReason, 'Task stopped by ecsx');
  const all = JSON.parse((await c.ecsx(['tasks', 'list', '--stopped', '--format', 'json'])).stdout);
  assert.ok(all.some((t: any) => t.id === ids[0] && t.lastStatus === 'STOPPED'));
  const logs = await c.ecsx(['tasks', 'logs', '--id', ids[0]!, '--duration', '1h']);
  assert.match(logs.stdout, /Received SIGTERM, shutting down gracefully/);
  // The scheduler replaces it.
  await c.until(async () => (await c.describe('app'))!.runningCount === 2, 300, 10);
});

test('logs --follow prints new events as they come and ends cleanly on Ctrl-C', async () => {
  const child = spawn(process.execPath, [ECSX_BIN, 'tasks', 'logs', '--follow', '--duration', '1h'], { cwd: c.dir, env: { PATH: process.env.PATH, NO_COLOR: '1', ...c.env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    await eventually(() => /Ready to accept connections/.test(out), 10_000, 'the first lines');
    const running = JSON.parse((await c.ecsx(['tasks', '--format', 'json'])).stdout);
    const victim = running.find((t: any) => t.lastStatus === 'RUNNING').id as string;
    await c.ecs.send(new StopTaskCommand({ task: victim, reason: 'test' }));
    await c.sandbox.client.advance(30);
    await eventually(() => new RegExp(`app/${victim.slice(0, 8)} Received SIGTERM`).test(out), 10_000, 'the shutdown lines of the stopped task');
    const before = out.split('\n').filter((l) => l.includes('Received SIGTERM')).length;
    await new Promise((r) => setTimeout(r, 2500)); // one more poll: nothing is printed twice
    assert.equal(out.split('\n').filter((l) => l.includes('Received SIGTERM')).length, before);
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0, err);
});

test('without a service in the config the family\'s tasks are listed', async () => {
  c.write('family.yml', 'region: us-east-1\ncluster: default\ntask_definition: ecs-task-def.json\n');
  const r = await c.ecsx(['tasks', '--config', 'family.yml', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(JSON.parse(r.stdout).length >= 2);
  c.write('missing.yml', 'region: us-east-1\ncluster: default\nservice: nope\n');
  const m = await c.ecsx(['tasks', '--config', 'missing.yml']);
  assert.equal(m.code, 2);
  assert.match(m.stderr, /service nope not found/);
});
