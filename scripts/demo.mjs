// `npm run demo`: a tour of ecsx on a local sandbox, with the output a user would see.
//   1. an Express service from an image (roles created, canary watched, endpoint printed)
//   2. a classic service whose definitions read real Terraform state (S3 backend on the sandbox)
//   3. a deploy of a broken image: the circuit breaker rolls back, ecsx says why and exits 3
//   4. deleting the Express service, with the report of what went, what stays and why
// Needs only what `npm ci` installs plus Python's moto and Terraform (both on this project's machines).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'ecsx.js');
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

// The sandbox runs in this process and uses the AWS SDK, whose Node-version notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { startSandbox } = await import('../dist/sandbox-lib.js');

// Simulated time runs 60× faster: a 7-minute Express canary takes seconds.
const sandbox = await startSandbox({ region: 'us-east-1', timeScale: 60 });
const env = { ...process.env, ...sandbox.env(), TF_CLI_CONFIG_FILE: '/dev/null' };
delete env.AWS_PROFILE;
delete env.AWS_SESSION_TOKEN;
let failed = false;

// Children run asynchronously: the sandbox serves them from this very process.
async function step(title, cmd, args, opts = {}) {
  const shown = cmd === process.execPath ? ['ecsx', ...args.slice(1)] : [cmd.split('/').pop(), ...args.map((a) => a.replace(/^.*\/(?=run-on-sandbox)/, ''))];
  console.log(`\n${bold(`$ ${shown.join(' ')}`)}${title ? `   # ${title}` : ''}`);
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: opts.cwd, env: { ...env, ...opts.env } });
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
  const want = opts.expect ?? 0;
  if (status !== want) {
    console.error(`demo: expected exit ${want}, got ${status}`);
    failed = true;
  } else if (want !== 0) console.log(`(exit ${status}, as expected)`);
  return status;
}
const ecsx = (title, args, opts) => step(title, process.execPath, [bin, ...args], opts);

try {
  console.log(bold(`ecsx demo — sandbox at ${sandbox.endpoint} (simulated time ×60)`));

  console.log(bold('\n== 1. An Express Mode service from an image'));
  const express = mkdtempSync(join(tmpdir(), 'ecsx-demo-express-'));
  await ecsx('write ecsx.yml + ecs-express-def.json, create the IAM roles', ['init', '--express', '--image', 'nginx:latest', '--service', 'hello', '--create-roles'], { cwd: express });
  await ecsx('create: watch the canary and the managed resources, print the URL', ['deploy'], { cwd: express });
  await ecsx('no drift right after a deploy', ['diff', '--exit-code'], { cwd: express });

  console.log(bold('\n== 2. A classic service whose definitions read Terraform state'));
  const classic = mkdtempSync(join(tmpdir(), 'ecsx-demo-classic-'));
  cpSync(join(repo, 'examples', 'classic-with-terraform'), classic, { recursive: true, filter: (p) => !p.includes('.terraform') });
  await step('infra + terraform apply + ecsx render/verify/deploy', 'bash', [join(classic, 'run-on-sandbox.sh')], {
    cwd: classic,
    env: { ECSX: `${process.execPath} ${bin}`, IMAGE_URI: 'nginx:1.27' },
  });

  console.log(bold('\n== 3. A broken image: caught, rolled back, explained'));
  await sandbox.client.ecs('scenarios', 'POST', { kind: 'image-pull-failure', match: { image: 'nginx:does-not-exist' } });
  await ecsx('the circuit breaker rolls back; exit 3', ['deploy'], { cwd: classic, env: { IMAGE_URI: 'nginx:does-not-exist', TFSTATE_BUCKET: 'ecsx-demo-tfstate' }, expect: 3 });
  await ecsx('still on the previous revision', ['status', '--events', '4'], { cwd: classic, env: { IMAGE_URI: 'nginx:1.27', TFSTATE_BUCKET: 'ecsx-demo-tfstate' } });

  console.log(bold('\n== 4. Deleting the Express service, with a cleanup report'));
  await ecsx('delete, wait for INACTIVE, check every managed resource', ['delete', '--force'], { cwd: express });
} finally {
  await sandbox.stop();
}
console.log(failed ? '\ndemo: some steps did not go as expected (see above)' : bold('\ndemo finished: every step behaved as expected'));
process.exit(failed ? 1 : 0);
