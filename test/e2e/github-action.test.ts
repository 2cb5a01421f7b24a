// The GitHub Action's install step, run locally: `npm pack` the package, install it the way the
// action does (scripts/action-install.sh with a fake runner environment), then run the installed
// ecsx with GITHUB_ACTIONS=true: annotations on stderr, a job summary in GITHUB_STEP_SUMMARY.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
let work: string;
let bin: string;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'ecsx-action-'));
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: repo });
  const tarball = join(work, stdout.trim().split('\n').pop()!);
  const env = { ...process.env, ECSX_PACKAGE: tarball, ECSX_VERSION: 'latest', RUNNER_TEMP: work, GITHUB_PATH: join(work, 'path'), GITHUB_OUTPUT: join(work, 'output') };
  await run('bash', [join(repo, 'scripts/action-install.sh')], { env });
  bin = join(readFileSync(join(work, 'path'), 'utf8').trim(), 'ecsx');
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  assert.equal(readFileSync(join(work, 'output'), 'utf8').trim(), `version=${pkg.version}`);
});

const ecsx = async (args: string[], cwd: string, summary: string) => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, IMAGE: 'nginx:1.27' };
  try {
    const r = await run(bin, args, { cwd, env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

test('the installed package runs; warnings become annotations; the job summary records success', async () => {
  const dir = mkdtempSync(join(work, 'ok-'));
  writeFileSync(join(dir, 'ecsx.yml'), 'region: us-east-1\ncluster: c\nservce: typo\ntask_definition: td.json\n');
  writeFileSync(join(dir, 'td.json'), '{\n  "family": "web",\n  "containerDefinitions": [{ "name": "web", "image": "{{ must_env `IMAGE` }}" }]\n}\n');
  const summary = join(dir, 'summary.md');
  const r = await ecsx(['render', 'taskdef'], dir, summary);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).containerDefinitions[0].image, 'nginx:1.27');
  assert.match(r.stderr, /^::warning file=ecsx\.yml,line=3,col=1::unknown config key "servce" \(did you mean "service"\?\)$/m);
  const md = readFileSync(summary, 'utf8');
  assert.match(md, /^### ecsx render taskdef: ✅ succeeded$/m);
  assert.match(md, /"image": "nginx:1\.27"/);
});

test('a template error becomes an error annotation at its position; the summary records the failure', async () => {
  const dir = mkdtempSync(join(work, 'bad-'));
  writeFileSync(join(dir, 'ecsx.yml'), 'region: us-east-1\ncluster: c\ntask_definition: td.json\n');
  writeFileSync(join(dir, 'td.json'), '{\n  "family": "web",\n  "containerDefinitions": [{ "name": "web", "image": "{{ must_env `NOPE` }}" }]\n}\n');
  const summary = join(dir, 'summary.md');
  const r = await ecsx(['render', 'taskdef'], dir, summary);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^::error file=td\.json,line=3,col=\d+::error calling must_env: environment variable NOPE is not defined$/m);
  assert.match(readFileSync(summary, 'utf8'), /^### ecsx render taskdef: ❌ failed \(exit 2\)$/m);
});
