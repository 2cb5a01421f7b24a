/**
 * `sandbox/main.ts start` as a launcher uses it: wait for the JSON ready line, use the endpoint
 * (real ECS engine + moto), then stop it with SIGINT, or kill it outright and check that moto
 * does not outlive it.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { CreateClusterCommand, ECSClient } from '@aws-sdk/client-ecs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SandboxClient } from '../../sandbox/client.js';

const MAIN = fileURLToPath(new URL('../../sandbox/main.ts', import.meta.url));

interface Ready {
  endpoint: string;
  region: string;
  env: Record<string, string>;
}

async function launch(): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start', '--port', '0', '--json', '--time-scale', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.resume();
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ready line within 15 s')), 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as Ready);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
  });
  return { child, ready };
}

/** True while `pid` runs; a zombie (exited, not yet reaped) counts as gone. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe('sandbox CLI: start', () => {
  it('serves ECS and moto, then stops both on SIGINT with exit code 0', async () => {
    const { child, ready } = await launch();
    const creds = { accessKeyId: ready.env.AWS_ACCESS_KEY_ID!, secretAccessKey: ready.env.AWS_SECRET_ACCESS_KEY! };
    const cfg = { endpoint: ready.endpoint, region: ready.region, credentials: creds };
    const cluster = await new ECSClient(cfg).send(new CreateClusterCommand({ clusterName: 'from-cli' }));
    assert.equal(cluster.cluster?.clusterArn, 'arn:aws:ecs:us-east-1:123456789012:cluster/from-cli');
    assert.equal((await new STSClient(cfg).send(new GetCallerIdentityCommand({}))).Account, '123456789012');
    const health = await new SandboxClient(ready.endpoint).health();
    assert.equal(health.clock.timeScale, 0);
    const motoPid = health.moto!.pid;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.ok(await until(() => !running(motoPid), 3000), 'moto still running after SIGINT');
  });

  it('moto does not outlive a sandbox killed with SIGKILL', async () => {
    const { child, ready } = await launch();
    const motoPid = (await new SandboxClient(ready.endpoint).health()).moto!.pid;
    child.kill('SIGKILL');
    // No handler runs on SIGKILL: moto's stdin watchdog sees the pipe close and exits.
    assert.ok(await until(() => !running(motoPid), 5000), 'moto orphaned');
  });
});
