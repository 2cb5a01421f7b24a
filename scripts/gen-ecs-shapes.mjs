#!/usr/bin/env node
/**
 * Generates, from the ECS API model (botocore `service-2.json`):
 *  - src/definitions/ecs-shapes.json: a compact table of the shapes reachable from the roots below
 *    (types, members, required, enums, min/max; no docs), used at runtime to normalise and check
 *    task / service / express definitions;
 *  - schemas/{task,service,express}-definition.schema.json: JSON Schemas (draft 2020-12) with the
 *    model's docs as descriptions, for editors;
 *  - schemas/config.schema.json: the schema of ecsx.yml / ecspresso.yml (see config-schema below).
 *
 * Usage: node scripts/gen-ecs-shapes.mjs [model.json] [--check]
 *   --check  write nothing; exit 1 if a committed file differs from what would be generated.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const defaultModel = join(repo, '../shared/reference/aws-models/ecs-2014-11-13-service-2.json');

/** Root shapes (and one member of RunTaskRequest) whose closure goes into the table. */
export const ROOTS = [
  'RegisterTaskDefinitionRequest',
  'TaskDefinition',
  'CreateServiceRequest',
  'UpdateServiceRequest',
  'Service',
  'CreateExpressGatewayServiceRequest',
  'UpdateExpressGatewayServiceRequest',
  'ECSExpressGatewayService',
  'TaskOverride', // RunTaskRequest.overrides
];

/** Shapes reachable from `roots`, sorted by name. */
export function reachable(shapes, roots) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    const s = shapes[name];
    if (!s) throw new Error(`shape ${name} not in the model`);
    seen.add(name);
    for (const m of Object.values(s.members ?? {})) visit(m.shape);
    if (s.member) visit(s.member.shape);
    if (s.key) visit(s.key.shape);
    if (s.value) visit(s.value.shape);
  };
  roots.forEach(visit);
  return [...seen].sort();
}

/** The runtime table entry for one shape: no docs, only what the checker needs. */
export function compactShape(s) {
  if (s.document) return { type: 'document' };
  const out = { type: s.type };
  if (s.type === 'structure') {
    out.members = Object.fromEntries(Object.entries(s.members).map(([k, m]) => [k, m.shape]));
    if (s.required?.length) out.required = s.required;
    const dep = Object.entries(s.members).filter(([, m]) => m.deprecated).map(([k]) => k);
    if (dep.length) out.deprecated = dep;
  }
  if (s.type === 'list') out.member = s.member.shape;
  if (s.type === 'map') Object.assign(out, { key: s.key.shape, value: s.value.shape });
  if (s.enum) out.enum = s.enum;
  if (s.min !== undefined) out.min = s.min;
  if (s.max !== undefined) out.max = s.max;
  return out;
}

/** One shape per line: small, and diffs stay readable when the model changes. */
function tableText(model) {
  const names = reachable(model.shapes, ROOTS);
  const lines = names.map((n) => `    ${JSON.stringify(n)}: ${JSON.stringify(compactShape(model.shapes[n]))}`);
  const head = {
    generatedBy: 'scripts/gen-ecs-shapes.mjs (do not edit)',
    apiVersion: model.metadata.apiVersion,
    roots: ROOTS,
  };
  const headText = JSON.stringify(head, null, 2).slice(0, -2);
  return `${headText},\n  "shapes": {\n${lines.join(',\n')}\n  }\n}\n`;
}

// ---------- JSON Schema ----------

/** Model docs are HTML; keep the text, drop the tags, decode the few entities used. */
export function stripHtml(html) {
  if (!html) return undefined;
  const text = html
    .replace(/<\/p>\s*<p>/g, '\n\n')
    .replace(/<li>/g, '\n- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text || undefined;
}

const PRIMITIVE = { string: 'string', integer: 'integer', long: 'integer', double: 'number', float: 'number', boolean: 'boolean' };

/** Schema for a reference to `name`: primitives inline, everything else via $defs. */
function refSchema(shapes, name, defs, description) {
  const s = shapes[name];
  const plain = PRIMITIVE[s.type] && !s.enum && s.min === undefined && s.max === undefined;
  const out = plain ? { type: PRIMITIVE[s.type] } : s.type === 'timestamp' ? { type: ['string', 'number'] } : { $ref: `#/$defs/${name}` };
  if (!plain && s.type !== 'timestamp') defineShape(shapes, name, defs);
  if (description) out.description = description;
  return out;
}

function defineShape(shapes, name, defs) {
  if (defs[name]) return;
  const s = shapes[name];
  const d = {};
  defs[name] = d; // before recursing: shapes can be recursive
  const description = stripHtml(s.documentation);
  if (description) d.description = description;
  if (s.document) return;
  if (s.type === 'structure') {
    d.type = 'object';
    d.properties = {};
    for (const [k, m] of Object.entries(s.members)) {
      d.properties[k] = refSchema(shapes, m.shape, defs, stripHtml(m.documentation));
      if (m.deprecated) d.properties[k].deprecated = true;
    }
    if (s.required?.length) d.required = s.required;
    // ecspresso accepts keys in any first-letter case; the schema checks the API's lower-camel form
    // and lets upper-case-first keys through unchecked rather than flagging valid files.
    d.patternProperties = { '^[A-Z]': true };
    d.additionalProperties = false;
  } else if (s.type === 'list') {
    d.type = 'array';
    d.items = refSchema(shapes, s.member.shape, defs);
    if (s.min !== undefined) d.minItems = s.min;
    if (s.max !== undefined) d.maxItems = s.max;
  } else if (s.type === 'map') {
    d.type = 'object';
    d.additionalProperties = refSchema(shapes, s.value.shape, defs);
  } else {
    d.type = PRIMITIVE[s.type];
    if (s.enum) d.enum = s.enum;
    if (s.type === 'string') {
      if (s.min !== undefined) d.minLength = s.min;
      if (s.max !== undefined) d.maxLength = s.max;
    } else {
      if (s.min !== undefined) d.minimum = s.min;
      if (s.max !== undefined) d.maximum = s.max;
    }
  }
  if (s.deprecated) d.deprecated = true;
}

const READ_ONLY = 'Read-only field of the describe output; accepted and ignored.';
const SCHEMA_KEY = { type: 'string', description: 'The JSON Schema of this file, for editors; ignored by ecsx.' };
const FROM_CONFIG = 'Ignored: ecsx sets it from the config file.';

/** An object schema for `root`'s members, plus `extra` members of `also` marked read-only. */
function documentSchema(shapes, defs, root, { also, ignore = [], notes = {} } = {}) {
  defineShape(shapes, root, defs);
  const base = structuredClone(defs[root]);
  for (const k of ignore) delete base.properties[k];
  for (const [k, note] of Object.entries(notes)) {
    if (base.properties[k]) base.properties[k].description = `${note}\n\n${base.properties[k].description ?? ''}`.trim();
  }
  base.properties = { $schema: SCHEMA_KEY, ...base.properties };
  if (also) {
    for (const [k, m] of Object.entries(shapes[also].members)) {
      if (base.properties[k]) continue;
      base.properties[k] = { ...refSchema(shapes, m.shape, defs), description: READ_ONLY };
    }
  }
  return base;
}

function schemaFile(id, title, body, defs) {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: id, title, ...body, $defs: sortKeys(defs) };
}

const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const ID = 'https://ecsx.dev/schemas/';

export function definitionSchemas(model) {
  const shapes = model.shapes;
  const out = {};
  {
    const defs = {};
    defs.TaskDefinitionDocument = documentSchema(shapes, defs, 'RegisterTaskDefinitionRequest', { also: 'TaskDefinition' });
    delete defs.RegisterTaskDefinitionRequest;
    const tags = refSchema(shapes, 'Tags', defs, 'Tags of the task definition (describe-task-definition --include TAGS).');
    out['task-definition.schema.json'] = schemaFile(`${ID}task-definition.schema.json`, 'ECS task definition (ecsx / ecspresso)', {
      description: 'A task definition: the RegisterTaskDefinition input, or describe-task-definition output (top-level taskDefinition).',
      anyOf: [
        { $ref: '#/$defs/TaskDefinitionDocument' },
        { type: 'object', required: ['taskDefinition'], properties: { $schema: SCHEMA_KEY, taskDefinition: { $ref: '#/$defs/TaskDefinitionDocument' }, tags }, additionalProperties: false },
      ],
    }, defs);
  }
  {
    const defs = {};
    const body = documentSchema(shapes, defs, 'CreateServiceRequest', {
      also: 'Service', ignore: ['clientToken'], notes: { serviceName: FROM_CONFIG, cluster: FROM_CONFIG },
    });
    delete body.required;
    delete defs.CreateServiceRequest;
    out['service-definition.schema.json'] = schemaFile(`${ID}service-definition.schema.json`, 'ECS service definition (ecsx / ecspresso)', {
      ...body,
      description: 'A service definition: CreateService fields (describe-services output accepted). serviceName and cluster come from the config; a missing desiredCount leaves the count unchanged.',
    }, defs);
  }
  {
    const defs = {};
    const body = documentSchema(shapes, defs, 'CreateExpressGatewayServiceRequest', { notes: { serviceName: FROM_CONFIG, cluster: FROM_CONFIG } });
    delete defs.CreateExpressGatewayServiceRequest;
    out['express-definition.schema.json'] = schemaFile(`${ID}express-definition.schema.json`, 'ECS Express gateway service definition (ecsx / ecspresso)', {
      ...body,
      description: 'An Express Mode service definition: CreateExpressGatewayService fields; serviceName and cluster come from the config.',
    }, defs);
  }
  out['config.schema.json'] = configSchema(`${ID}config.schema.json`);
  return out;
}

// ---------- config schema (ecsx.yml / ecspresso.yml; ecspresso.md §2.1) ----------

const str = (description, extra = {}) => ({ type: 'string', description, ...extra });
const DURATION = '^[-+]?(0|([0-9]*(\\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+)$';

/** Written by hand: there is no model for the config file. Keys and defaults as in ecspresso v2. */
export function configSchema(id) {
  const obj = (properties, description, extra = {}) =>
    ({ type: 'object', ...(description ? { description } : {}), properties, additionalProperties: false, ...extra });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
    title: 'ecsx / ecspresso configuration (ecsx.yml, ecspresso.yml)',
    description: 'Values may contain template actions ({{ env `NAME` `default` }}, {{ must_env `NAME` }}, plugin functions), rendered before the file is parsed.',
    ...obj({
      $schema: str('The JSON Schema of this file, for editors (in YAML prefer a `# yaml-language-server: $schema=...` comment).'),
      required_version: str('Version constraint the running tool must satisfy (hashicorp/go-version syntax), e.g. ">= 2.0.0, < 3". An invalid constraint is an error.', { examples: ['>= 2.0.0'] }),
      region: str('AWS region. Defaults to the AWS_REGION environment variable (then the SDK\'s default chain).'),
      cluster: str('ECS cluster name or ARN.', { default: 'default' }),
      service: str('ECS service name. Optional for task-only configs (run, register).'),
      service_definition: str('Path of the service definition (JSON or Jsonnet), relative to the config file.'),
      task_definition: str('Path of the task definition (JSON or Jsonnet), relative to the config file.'),
      express_definition: str('Path of the Express Mode service definition, relative to the config file. Its presence switches the config to Express Mode.'),
      timeout: {
        description: 'How long to wait for a deployment (and other waits). A Go duration string such as "10m" or "1h30m"; a bare number is nanoseconds (ecspresso v2).',
        oneOf: [{ type: 'string', pattern: DURATION }, { type: 'number', minimum: 0 }],
        default: '10m',
      },
      plugins: {
        type: 'array',
        description: 'Plugins providing template and Jsonnet functions for definition files. ssm and secretsmanager are always loaded.',
        items: obj({
          name: str('Plugin name.', { enum: ['tfstate', 'cloudformation', 'ssm', 'secretsmanager', 'external'] }),
          config: {
            type: 'object',
            description: 'Plugin settings. tfstate: path or url, optional. external: name, command, num_args, parser, timeout.',
            properties: {
              path: str('tfstate: local state file, relative to the config file.'),
              url: str('tfstate: state URL (s3://, gs://, azurerm://, remote://, http(s)://, file://).'),
              optional: { type: 'boolean', description: 'tfstate: an unreadable state gives a warning and an empty state.', default: false },
              name: str('external: the function name.'),
              command: { type: 'array', items: { type: 'string' }, description: 'external: the command to run (argv).' },
              num_args: { type: 'integer', minimum: 0, description: 'external: the function arity in Jsonnet.' },
              parser: str('external: how to read the command output.', { enum: ['json', 'string'], default: 'json' }),
              timeout: { type: 'integer', minimum: 0, description: 'external: seconds before the command is stopped.' },
            },
          },
          func_prefix: str('Prefix added to the names of this plugin\'s functions (needed when two plugins provide the same name).'),
        }, 'A plugin.', { required: ['name'] }),
      },
      ignore: obj({
        tags: { type: 'array', items: { type: 'string' }, description: 'Tag keys dropped from the local and remote service and task definition before diff and deploy (case-sensitive).' },
      }, 'Things to leave alone.'),
      codedeploy: obj({
        application_name: str('CodeDeploy application name (skips discovery).'),
        deployment_group_name: str('CodeDeploy deployment group name (skips discovery).'),
        deployment_config_name: str('Overrides the deployment group\'s deployment config name.'),
      }, 'CodeDeploy (blue/green with CODE_DEPLOY controller) settings.'),
      appspec: {
        type: 'object',
        description: 'CodeDeploy AppSpec fragment; its Hooks (BeforeInstall, AfterInstall, AfterAllowTestTraffic, BeforeAllowTraffic, AfterAllowTraffic: Lambda function) are copied into the generated AppSpec.',
        properties: { Hooks: { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } } },
      },
      filter_command: str('Command used to filter interactive choices (e.g. peco, fzf).', { deprecated: true }),
    }),
  };
}

// ---------- main ----------

function main(argv) {
  const check = argv.includes('--check');
  const modelPath = argv.find((a) => !a.startsWith('--')) ?? defaultModel;
  const model = JSON.parse(readFileSync(modelPath, 'utf8'));
  const files = { [join(repo, 'src/definitions/ecs-shapes.json')]: tableText(model) };
  for (const [name, schema] of Object.entries(definitionSchemas(model))) {
    files[join(repo, 'schemas', name)] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  let stale = 0;
  for (const [file, text] of Object.entries(files)) {
    if (check) {
      let old = '';
      try { old = readFileSync(file, 'utf8'); } catch { /* missing counts as stale */ }
      if (old !== text) { stale++; console.error(`stale: ${file}`); }
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      console.error(`wrote ${file} (${text.length} bytes)`);
    }
  }
  if (stale) {
    console.error('run: node scripts/gen-ecs-shapes.mjs');
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
