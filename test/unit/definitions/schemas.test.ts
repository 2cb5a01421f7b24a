/**
 * The generated JSON Schemas and shape table: up to date with the model, well-formed, and
 * accepting ecspresso's fixtures. A minimal validator (the subset of draft 2020-12 the generator
 * emits) stands in for ajv, which is not a dependency.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { getShape } from '../../../src/definitions/index.js';

type Schema = boolean | Record<string, any>;
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../../shared/compat/ecspresso/tests/', import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(`${repo}schemas/${name}`, 'utf8')) as Record<string, any>;

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const typeOk = (want: string, v: unknown) => want === typeOf(v) || (want === 'number' && typeof v === 'number');

/** Problems of `v` against `s` (empty = valid). Supports what gen-ecs-shapes.mjs writes. */
function validate(root: Record<string, any>, s: Schema, v: unknown, path = '$'): string[] {
  if (s === true) return [];
  if (s === false) return [`${path}: not allowed`];
  if (s.$ref) {
    const target = (s.$ref as string).replace('#/$defs/', '');
    assert.ok(root.$defs[target], `dangling $ref ${s.$ref}`);
    const errs = validate(root, root.$defs[target], v, path);
    if (errs.length) return errs;
  }
  if (s.anyOf) {
    const branches: string[][] = s.anyOf.map((x: Schema) => validate(root, x, v, path));
    if (!branches.some((b) => b.length === 0)) return [`${path}: matches no anyOf branch`, ...branches.flat()];
  }
  if (s.oneOf && s.oneOf.filter((x: Schema) => validate(root, x, v, path).length === 0).length !== 1) return [`${path}: must match exactly one oneOf branch`];
  if (s.type) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeOk(t, v))) return [`${path}: expected ${types.join('|')}, got ${typeOf(v)}`];
  }
  const errs: string[] = [];
  if (s.enum && !s.enum.includes(v)) errs.push(`${path}: not in enum`);
  if (typeof v === 'string') {
    if (s.minLength !== undefined && v.length < s.minLength) errs.push(`${path}: too short`);
    if (s.maxLength !== undefined && v.length > s.maxLength) errs.push(`${path}: too long`);
    if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) errs.push(`${path}: does not match ${s.pattern}`);
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) errs.push(`${path}: below minimum`);
    if (s.maximum !== undefined && v > s.maximum) errs.push(`${path}: above maximum`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) errs.push(`${path}: too few items`);
    if (s.maxItems !== undefined && v.length > s.maxItems) errs.push(`${path}: too many items`);
    if (s.items !== undefined) v.forEach((x, i) => errs.push(...validate(root, s.items, x, `${path}[${i}]`)));
  }
  if (typeOf(v) === 'object') {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) errs.push(`${path}: missing ${r}`);
    for (const [k, x] of Object.entries(o)) {
      const p = `${path}.${k}`;
      if (s.properties && k in s.properties) errs.push(...validate(root, s.properties[k], x, p));
      else if (s.patternProperties && Object.keys(s.patternProperties).some((re) => new RegExp(re, 'u').test(k))) continue;
      else if (s.additionalProperties !== undefined) errs.push(...validate(root, s.additionalProperties, x, p));
    }
  }
  return errs;
}

const schemas = {
  task: load('task-definition.schema.json'),
  service: load('service-definition.schema.json'),
  express: load('express-definition.schema.json'),
  config: load('config.schema.json'),
};

test('generated files are up to date with the model (node scripts/gen-ecs-shapes.mjs --check)', () => {
  execFileSync(process.execPath, [`${repo}scripts/gen-ecs-shapes.mjs`, '--check'], { stdio: 'pipe' });
});

test('every schema is draft 2020-12 with an $id, a title and resolvable $refs', () => {
  for (const [name, s] of Object.entries(schemas)) {
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema', name);
    assert.match(s.$id, /^https:\/\/.+\.schema\.json$/, name);
    assert.ok(s.title, name);
    for (const ref of JSON.stringify(s).matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)) assert.ok(s.$defs?.[ref[1]!], `${name}: ${ref[1]}`);
  }
});

test('definition schemas carry model docs (HTML stripped) and enums', () => {
  const pm = schemas.task.$defs.PortMapping;
  assert.match(pm.properties.containerPort.description, /port number on the container/);
  assert.doesNotMatch(JSON.stringify(schemas.task), /<p>|<\/code>/);
  assert.deepEqual(schemas.task.$defs.NetworkMode.enum, ['bridge', 'host', 'awsvpc', 'none']);
  assert.deepEqual(schemas.service.$defs.LaunchType.enum, ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES']);
  assert.deepEqual(schemas.express.required, ['infrastructureRoleArn']);
});

test('ecspresso task definition fixtures validate (wrapped and plain)', () => {
  const files = readdirSync(fixtures).filter((f) => /^(td|run-test-td|ecs-task-def).*\.json$/.test(f));
  files.push('ci/ecs-task-def-daemon.json');
  for (const f of files) assert.deepEqual(validate(schemas.task, schemas.task, JSON.parse(readFileSync(fixtures + f, 'utf8'))), [], f);
});

test('ecspresso service definition fixtures validate', () => {
  const files = readdirSync(fixtures).filter((f) => /^(sv|ecs-service-def).*\.json$/.test(f));
  files.push('ci/ecs-service-def-daemon.json');
  for (const f of files) assert.deepEqual(validate(schemas.service, schemas.service, JSON.parse(readFileSync(fixtures + f, 'utf8'))), [], f);
});

test('ecspresso config fixtures validate against config.schema.json', () => {
  const files = readdirSync(fixtures).filter((f) => /\.(ya?ml)$/.test(f) || /^(ecspresso|config_codedeploy)\.json$/.test(f));
  assert.ok(files.length >= 15, files.join());
  for (const f of files) {
    const text = readFileSync(fixtures + f, 'utf8');
    const v = f.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    assert.deepEqual(validate(schemas.config, schemas.config, v), [], f);
  }
});

const task = (container: Record<string, unknown>) => ({ family: 'a', containerDefinitions: [container] });
const rejects: Array<[keyof typeof schemas, unknown, RegExp]> = [
  ['task', task({ portMappings: [{ containerPort: '80' }] }), /containerPort: expected integer/],
  ['task', task({ portMapping: [] }), /portMapping: not allowed/],
  ['task', { containerDefinitions: [{}] }, /missing family/],
  ['task', { ...task({}), networkMode: 'awsvpcc' }, /networkMode: not in enum/],
  ['service', { desiredCount: '2' }, /desiredCount: expected integer/],
  ['service', { tags: [{ key: '' }] }, /key: too short/],
  ['express', { primaryContainer: { image: 'x' } }, /missing infrastructureRoleArn/],
  ['config', { cluster: 'c', timout: '10m' }, /timout: not allowed/],
  ['config', { timeout: 'ten minutes' }, /oneOf/],
  ['config', { plugins: [{ name: 'nope' }] }, /name: not in enum/],
];
for (const [kind, value, re] of rejects) {
  test(`${kind} schema rejects ${JSON.stringify(value).slice(0, 60)}`, () => {
    const errs = validate(schemas[kind], schemas[kind], value);
    assert.ok(errs.some((e) => re.test(e)), errs.join('\n') || 'no errors');
  });
}

test('upper-case-first keys (ecspresso style) are let through by the schemas', () => {
  assert.deepEqual(validate(schemas.task, schemas.task, { Family: 'a', ContainerDefinitions: [{ Name: 'x' }], family: 'a', containerDefinitions: [{ Image: 'x' }] }), []);
});

test('an express definition validates', () => {
  const ex = { infrastructureRoleArn: 'arn:r', primaryContainer: { image: 'nginx', containerPort: 80 }, scalingTarget: { autoScalingMetric: 'AVERAGE_CPU', minTaskCount: 1 }, tags: [{ key: 'a', value: 'b' }] };
  assert.deepEqual(validate(schemas.express, schemas.express, ex), []);
});

test('the runtime shape table is closed: every referenced shape is in it', () => {
  const table = JSON.parse(readFileSync(`${repo}src/definitions/ecs-shapes.json`, 'utf8')) as { roots: string[]; shapes: Record<string, any> };
  assert.ok(!JSON.stringify(table).includes('documentation'), 'no docs in the runtime table');
  for (const r of table.roots) assert.ok(table.shapes[r], r);
  for (const [name, s] of Object.entries(table.shapes)) {
    const refs = [...Object.values(s.members ?? {}), s.member, s.key, s.value].filter(Boolean) as string[];
    for (const ref of refs) assert.doesNotThrow(() => getShape(ref), `${name} → ${ref}`);
  }
});
