// Startup benchmark: median wall time of `ecsx version`, `ecsx render` of a small config, and
// `aws --version` (the AWS CLI, a peer every user has) run side by side, interleaved so machine
// noise hits all three alike. Usage: npm run build && node bench/startup.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 30);
const bin = fileURLToPath(new URL('../bin/ecsx.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ecsx-bench-'));
writeFileSync(join(dir, 'ecsx.yml'), 'region: us-east-1\ncluster: default\nservice: web\ntask_definition: td.json\n');
writeFileSync(
  join(dir, 'td.json'),
  JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: '{{ must_env `IMAGE` }}', essential: true, portMappings: [{ containerPort: 80 }] }] }),
);
const env = { ...process.env, IMAGE: 'nginx:1.27', AWS_REGION: 'us-east-1' };
const commands = {
  'ecsx version': [process.execPath, [bin, 'version']],
  'ecsx render taskdef': [process.execPath, [bin, 'render', 'taskdef']],
  'aws --version': ['aws', ['--version']],
};
const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs + 2; i++) {
  for (const [name, [cmd, args]] of Object.entries(commands)) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: dir, env, stdio: 'pipe' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
    if (i >= 2) times[name].push(ms); // two warm-up rounds
  }
}
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const aws = median(times['aws --version']);
console.log(`node ${process.version}, ${runs} runs each, interleaved\n`);
console.log('| command | median ms | min ms | vs aws --version |');
console.log('|---|---:|---:|---:|');
for (const [name, t] of Object.entries(times)) {
  console.log(`| \`${name}\` | ${median(t).toFixed(1)} | ${Math.min(...t).toFixed(1)} | ${(median(t) / aws).toFixed(2)}× |`);
}
