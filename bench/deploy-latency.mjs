// How fast a deploy tool notices that a rolling deployment finished: `ecsx deploy --wait-until
// stable` against the AWS CLI's `update-service` + `ecs wait services-stable` (botocore's waiter,
// which polls every 15 s — the same kind of fixed polling ecspresso's stable wait does), on
// identical deployments in a sandbox running in real time with shortened task timings.
// Usage: npm run build && node bench/deploy-latency.mjs [rounds]
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { startSandbox } = await import('../dist/sandbox-lib.js');
const run = promisify(execFile);
const rounds = Number(process.argv[2] ?? 3);
const bin = fileURLToPath(new URL('../bin/ecsx.js', import.meta.url));

const sandbox = await startSandbox({ region: 'us-east-1', timeScale: 1 });
const env = { ...process.env, ...sandbox.env() };
delete env.AWS_PROFILE;
// A deployment of a few seconds: tasks start in ~3 s, count as healthy 2 s later, drain in 2 s.
await sandbox.client.ecs('timings', 'PUT', { schedulerDelay: 1, provisioning: 1, pending: 1, imagePull: 1, activating: 0.5, healthyGrace: 2, deregistrationDelay: 2, stopping: 1, deprovisioning: 1, stopSignal: 0.5 });
const dir = mkdtempSync(join(tmpdir(), 'ecsx-bench-deploy-'));
writeFileSync(join(dir, 'ecsx.yml'), 'region: us-east-1\ncluster: bench\nservice: web\ntask_definition: td.json\nservice_definition: sv.json\n');
writeFileSync(join(dir, 'td.json'), JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: '{{ must_env `IMAGE` }}', memory: 128, essential: true }] }));
writeFileSync(join(dir, 'sv.json'), JSON.stringify({ desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 } }));
const aws = (...args) => run('aws', ['--endpoint-url', sandbox.endpoint, ...args], { env });
await aws('ecs', 'create-cluster', '--cluster-name', 'bench');
const ecsx = (image) => run(process.execPath, [bin, 'deploy', '--wait-until', 'stable'], { cwd: dir, env: { ...env, IMAGE: image } });
await ecsx('nginx:0'); // create the service once

// Lag: from the service's "has reached a steady state" event (sandbox time = wall time at scale 1) to the tool's exit.
const steadyAt = async () => {
  const { stdout } = await aws('ecs', 'describe-services', '--cluster', 'bench', '--services', 'web', '--output', 'json');
  const ev = JSON.parse(stdout).services[0].events.find((e) => /has reached a steady state/.test(e.message));
  return typeof ev.createdAt === 'number' ? ev.createdAt * 1000 : new Date(ev.createdAt).getTime();
};
const lags = { ecsx: [], aws: [] };
const time = async (fn, tool) => {
  const t = performance.now();
  await fn();
  const exited = Date.now();
  lags[tool].push((exited - (await steadyAt())) / 1000);
  return (performance.now() - t) / 1000;
};
const results = { ecsx: [], aws: [] };
for (let i = 1; i <= rounds; i++) {
  results.ecsx.push(await time(() => ecsx(`nginx:${i}`), 'ecsx'));
  const { stdout } = await aws('ecs', 'register-task-definition', '--family', 'web', '--container-definitions', JSON.stringify([{ name: 'web', image: `nginx:aws${i}`, memory: 128, essential: true }]), '--query', 'taskDefinition.taskDefinitionArn', '--output', 'text');
  results.aws.push(
    await time(async () => {
      await aws('ecs', 'update-service', '--cluster', 'bench', '--service', 'web', '--task-definition', stdout.trim());
      await aws('ecs', 'wait', 'services-stable', '--cluster', 'bench', '--services', 'web');
    }, 'aws'),
  );
}
await sandbox.stop();
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`node ${process.version}, ${rounds} deployments each, alternating; sandbox in real time, task start ~3 s\n`);
console.log('| tool | median s (update → exit) | median s (steady → exit) | runs (total s) |');
console.log('|---|---:|---:|---|');
console.log(`| \`ecsx deploy --wait-until stable\` | ${median(results.ecsx).toFixed(1)} | ${median(lags.ecsx).toFixed(1)} | ${results.ecsx.map((x) => x.toFixed(1)).join(', ')} |`);
console.log(`| \`aws ecs update-service\` + \`aws ecs wait services-stable\` | ${median(results.aws).toFixed(1)} | ${median(lags.aws).toFixed(1)} | ${results.aws.map((x) => x.toFixed(1)).join(', ')} |`);
console.log(`\nratio: the AWS CLI waiter takes ${(median(results.aws) / median(results.ecsx)).toFixed(1)}× as long as ecsx for the same deployment.`);
