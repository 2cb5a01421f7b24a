#!/usr/bin/env node
/**
 * Generates sandbox/validate/ecs-output-shapes.json from the ECS API model (botocore
 * `service-2.json`): for every operation its output shape and declared errors, and every shape
 * reachable from those outputs and error shapes (type, members, required members, enum values,
 * list member, map key and value; no docs, no limits). The sandbox validates its own ECS
 * responses with it (sandbox/validate/), so it must not read the model at runtime: the sandbox
 * ships in the npm package, the model does not.
 *
 * Usage: node scripts/gen-ecs-output-shapes.mjs [model.json] [--check]
 *   --check  write nothing; exit 1 if the committed table differs from what would be generated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const defaultModel = join(repo, '../shared/reference/aws-models/ecs-2014-11-13-service-2.json');
export const OUTPUT_FILE = join(repo, 'sandbox/validate/ecs-output-shapes.json');

/** Shapes reachable from every operation's output and error shapes, sorted by name. */
export function outputClosure(model) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    const s = model.shapes[name];
    if (!s) throw new Error(`shape ${name} not in the model`);
    seen.add(name);
    for (const m of Object.values(s.members ?? {})) visit(m.shape);
    for (const k of ['member', 'key', 'value']) if (s[k]) visit(s[k].shape);
  };
  for (const op of Object.values(model.operations)) {
    if (op.output) visit(op.output.shape);
    for (const e of op.errors ?? []) visit(e.shape);
  }
  return [...seen].sort();
}

/**
 * One shape in the table. A scalar without an enum is just its type name (`"string"`); everything
 * else is an object: `{t, m?, r?, e?, l?, k?, v?}` = type, members (name → shape), required,
 * enum, list member, map key, map value. Documents (free-form JSON) are `"document"`.
 */
export function compactOutputShape(s) {
  if (s.document) return 'document';
  if (s.type !== 'structure' && s.type !== 'list' && s.type !== 'map' && !s.enum) return s.type;
  const out = { t: s.type };
  if (s.type === 'structure') {
    out.m = Object.fromEntries(Object.entries(s.members ?? {}).map(([k, m]) => [k, m.shape]));
    if (s.required?.length) out.r = s.required;
  }
  if (s.enum) out.e = s.enum;
  if (s.type === 'list') out.l = s.member.shape;
  if (s.type === 'map') Object.assign(out, { k: s.key.shape, v: s.value.shape });
  return out;
}

/** The table as text: one operation or shape per line, so model updates give readable diffs. */
export function outputShapesText(model) {
  const head = {
    generatedBy: 'scripts/gen-ecs-output-shapes.mjs (do not edit)',
    apiVersion: model.metadata.apiVersion,
  };
  const ops = Object.keys(model.operations).sort().map((name) => {
    const op = model.operations[name];
    const entry = { ...(op.output ? { output: op.output.shape } : {}), errors: (op.errors ?? []).map((e) => e.shape) };
    return `    ${JSON.stringify(name)}: ${JSON.stringify(entry)}`;
  });
  const shapes = outputClosure(model).map((n) => `    ${JSON.stringify(n)}: ${JSON.stringify(compactOutputShape(model.shapes[n]))}`);
  const headText = JSON.stringify(head, null, 2).slice(0, -2);
  return `${headText},\n  "operations": {\n${ops.join(',\n')}\n  },\n  "shapes": {\n${shapes.join(',\n')}\n  }\n}\n`;
}

function main(argv) {
  const check = argv.includes('--check');
  const modelPath = argv.find((a) => !a.startsWith('--')) ?? defaultModel;
  const text = outputShapesText(JSON.parse(readFileSync(modelPath, 'utf8')));
  if (check) {
    let old = '';
    try { old = readFileSync(OUTPUT_FILE, 'utf8'); } catch { /* missing counts as stale */ }
    if (old !== text) {
      console.error(`stale: ${OUTPUT_FILE}\nrun: node scripts/gen-ecs-output-shapes.mjs`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(OUTPUT_FILE, text);
  console.error(`wrote ${OUTPUT_FILE} (${text.length} bytes)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
