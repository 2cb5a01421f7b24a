/**
 * Shared set-up for the classic-command e2e tests (status, revisions, register, deregister, init,
 * tasks, delete): one sandbox per file, a real ECS client pointed at it, a temp dir with a config,
 * and `ecsx(...)` running the built CLI there with the sandbox's environment.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.js';
import { spawn } from 'node:child_process';
import { ECSX_BIN, runCli, type CliResult } from './cli.js';

export const REGION = 'us-east-1';
export const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-0aaa', 'subnet-0bbb'], securityGroups: ['sg-0123'], assignPublicIp: 'DISABLED' as const } };

/** A Fargate task definition with one awslogs container. */
export function fargateTd(family = 'app', image = 'nginx:1.27'): RegisterTaskDefinitionCommandInput {
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    containerDefinitions: [
      {
        name: 'app',
        image,
        essential: true,
        portMappings: [{ containerPort: 80 }],
        environment: [{ name: 'MODE', value: 'test' }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': `/ecs/${family}`, 'awslogs-region': REGION, 'awslogs-stream-prefix': 'ecs', 'awslogs-create-group': 'true' },
        },
      },
    ],
  };
}

export interface Classic {
  sandbox: Sandbox;
  ecs: ECSClient;
  /** Temp dir holding `ecsx.yml` (and whatever the test writes). */
  dir: string;
  env: Record<string, string>;
  /** Runs the built CLI in `dir` (or `cwd`) against the sandbox. */
  ecsx(args: string[], opts?: { cwd?: string; env?: Record<string, string | undefined>; input?: string }): Promise<CliResult>;
  /** Runs the built CLI in a pseudo-terminal (Python's pty), typing `answer` when `prompt` appears. Output is stdout and stderr merged. */
  ecsxTty(args: string[], prompt: string, answer: string): Promise<CliResult>;
  write(file: string, text: string): string;
  register(td?: RegisterTaskDefinitionCommandInput): Promise<string>;
  /** CreateService, then steps time until the deployment COMPLETED. */
  createService(name: string, taskDefinition: string, desiredCount?: number, extra?: Record<string, unknown>): Promise<Service>;
  describe(name: string): Promise<Service | undefined>;
  /** Steps simulated time by `step` seconds until `predicate` holds (at most `max` seconds). */
  until(predicate: () => Promise<boolean>, max?: number, step?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a sandbox (frozen clock unless `timeScale` is given) and a config for service `app`. */
export async function startClassic(opts: SandboxOptions & { config?: string } = {}): Promise<Classic> {
  const sandbox = await startSandbox({ region: REGION, timeScale: 0, ...opts });
  const ecs = new ECSClient({ region: REGION, endpoint: sandbox.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const dir = mkdtempSync(join(tmpdir(), 'ecsx-classic-'));
  const env = sandbox.env();
  const write = (file: string, text: string) => {
    const p = join(dir, file);
    writeFileSync(p, text);
    return p;
  };
  write('ecsx.yml', opts.config ?? `region: ${REGION}\ncluster: default\nservice: app\ntask_definition: ecs-task-def.json\n`);
  write('ecs-task-def.json', JSON.stringify(fargateTd(), null, 2));
  const c: Classic = {
    sandbox,
    ecs,
    dir,
    env,
    write,
    ecsx: (args, o = {}) => runCli(args, { cwd: o.cwd ?? dir, env: { ...env, ...o.env }, input: o.input }),
    ecsxTty: (args, prompt, answer) => runInPty([process.execPath, ECSX_BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env } }, prompt, answer),
    async register(td = fargateTd()) {
      const out = await ecs.send(new RegisterTaskDefinitionCommand(td));
      return out.taskDefinition!.taskDefinitionArn!;
    },
    async describe(name) {
      return (await ecs.send(new DescribeServicesCommand({ cluster: 'default', services: [name], include: ['TAGS'] }))).services?.[0];
    },
    async createService(name, taskDefinition, desiredCount = 2, extra = {}) {
      await ecs.send(
        new CreateServiceCommand({ serviceName: name, taskDefinition, desiredCount, launchType: 'FARGATE', networkConfiguration: NETWORK, ...extra }),
      );
      await c.until(async () => (await c.describe(name))?.deployments?.[0]?.rolloutState === 'COMPLETED');
      return (await c.describe(name))!;
    },
    async until(predicate, max = 900, step = 10) {
      for (let t = 0; !(await predicate()); t += step) {
        if (t >= max) throw new Error(`condition not reached within ${max} simulated seconds`);
        await sandbox.client.advance(step);
      }
    },
    async stop() {
      ecs.destroy();
      await sandbox.stop();
    },
  };
  return c;
}

const PTY = `
import os, pty, select, sys
prompt, answer = sys.argv[1].encode(), sys.argv[2].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[3], sys.argv[3:])
out, typed = b'', False
while True:
    try:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if not typed and prompt in out:
        os.write(fd, answer + b'\\r')
        typed = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors='replace'))
sys.exit(os.WEXITSTATUS(status))
`;

/** Runs `argv` with a pseudo-terminal as stdin/stdout/stderr; answers `prompt` once with `answer`. */
function runInPty(argv: string[], opts: { cwd: string; env: Record<string, string | undefined> }, prompt: string, answer: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', PTY, prompt, answer, ...argv], { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: stdout.replace(/\r\n/g, '\n'), stderr }));
  });
}
