/**
 * Shared set-up for the Express e2e tests: one sandbox per file at 120× with shorter Express
 * timings (one-minute bakes; the load balancer and certificate keep their 150 s and 90 s), moto with AWS managed IAM
 * policies loaded (the quick start attaches them), and projects made by the real `ecsx init
 * --express --create-roles` in temp dirs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';

export interface ExpressSandbox {
  sandbox: Sandbox;
  env: Record<string, string>;
  /** Runs the built CLI in `cwd` against the sandbox. */
  ecsx(cwd: string, args: string[]): Promise<CliResult>;
  /** `ecsx init --express --image IMAGE --service NAME --create-roles` in a new temp dir; returns the dir. */
  project(service: string, image?: string): Promise<string>;
  /** Reads, edits and writes a project's ecs-express-def.json. */
  editDefinition(dir: string, edit: (d: Record<string, any>) => void): void;
  scenario(body: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

export async function startExpressSandbox(timeScale = 120): Promise<ExpressSandbox> {
  const sandbox = await startSandbox({ region: 'us-east-1', timeScale, motoEnv: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });
  await sandbox.client.ecs('/timings', 'PUT', { expressLoadBalancer: 150, expressCertificate: 90, expressResource: 10, expressDeprovision: 10, expressCanaryBake: 60, expressBake: 60 });
  const env = sandbox.env();
  const ecsx = (cwd: string, args: string[]) => runCli(args, { cwd, env });
  return {
    sandbox,
    env,
    ecsx,
    async project(service, image = 'nginx:latest') {
      const dir = mkdtempSync(join(tmpdir(), `ecsx-express-${service}-`));
      const r = await ecsx(dir, ['init', '--express', '--image', image, '--service', service, '--create-roles']);
      if (r.code !== 0) throw new Error(`init --express failed (${r.code}): ${r.stderr}`);
      return dir;
    },
    editDefinition(dir, edit) {
      const file = join(dir, 'ecs-express-def.json');
      const d = JSON.parse(readFileSync(file, 'utf8'));
      edit(d);
      writeFileSync(file, JSON.stringify(d, null, 2));
    },
    async scenario(body) {
      await sandbox.client.ecs('/scenarios', 'POST', body);
    },
    stop: () => sandbox.stop(),
  };
}
