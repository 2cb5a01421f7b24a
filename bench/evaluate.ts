// Evaluation speed of the pieces every command runs: the template engine on a JSON definition,
// the Jsonnet interpreter on ecspresso's fixture and on a 200-line definition, and the full
// config + definition load. Usage: node --import tsx bench/evaluate.ts [iterations]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderTemplate, baseFuncs } from '../src/template/index.js';
import { evaluateFile, evaluateSnippet } from '../src/jsonnet/index.js';
import { loadConfig } from '../src/config/load.js';
import { loadDefinition } from '../src/config/load-definitions.js';

const n = Number(process.argv[2] ?? 200);
const fixtures = fileURLToPath(new URL('../../shared/compat/ecspresso/tests/', import.meta.url));
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function measure(name: string, fn: () => unknown | Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  console.log(`| ${name} | ${median(t).toFixed(3)} | ${Math.min(...t).toFixed(3)} |`);
}

const env = { TAG: 'testing', JSON: '{"foo":"bar"}', AWS_REGION: 'ap-northeast-1' };
const td = readFileSync(`${fixtures}ecs-task-def.json`, 'utf8');
const big = [
  "local env(name, value) = { name: name, value: value };",
  '{',
  "  family: 'perf',",
  '  containerDefinitions: [',
  ...Array.from({ length: 13 }, (_, i) => `    { name: 'c${i}', image: 'repo/c${i}:%s' % std.extVar('TAG'), cpu: 128 * (${i} % 4 + 1), memory: self.cpu * 2, environment: [env('K%d' % j, std.toString(j * ${i})) for j in std.range(0, 9)], portMappings: [{ containerPort: 8000 + ${i} }] },`),
  '  ],',
  '  cpu: std.toString(std.sum([c.cpu for c in self.containerDefinitions])),',
  '}',
].join('\n');

console.log(`node ${process.version}, ${n} iterations each, after 20 warm-up runs\n`);
console.log('| what | median ms | min ms |');
console.log('|---|---:|---:|');
await measure('template: ecspresso ecs-task-def.json (tfstate stubbed)', () =>
  renderTemplate(td, { file: 'td.json', funcs: { ...baseFuncs(env), tfstate: () => '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app' } }),
);
await measure('jsonnet: ecspresso td.jsonnet (+ libsonnet import)', () =>
  evaluateFile(`${fixtures}td.jsonnet`, { extStr: { WorkerID: '3' }, extCode: { EphemeralStorage: '24 + 1' } }),
);
await measure('jsonnet: 13-container definition with comprehensions', () => evaluateSnippet('big.jsonnet', big, { extStr: { TAG: 'v1' } }));
await measure('config + task definition: ecspresso.yml (tfstate plugin)', async () => {
  const loaded = await loadConfig({ config: `${fixtures}ecspresso.yml`, env: { ...env }, version: '0.1.0' });
  await loadDefinition(loaded, 'task');
});
