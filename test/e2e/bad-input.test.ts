// Bad input of every kind must give exit code 2, one clear `file:line:col: …` (or flag) message,
// no stack trace, and no AWS call (no endpoint is reachable here: a call would fail differently).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const TD = JSON.stringify({ family: 'app', containerDefinitions: [{ name: 'app', image: 'nginx', essential: true }] }, null, 2);
const cfg = (extra = '') => `region: us-east-1\ncluster: c\nservice: s\ntask_definition: td.json\nservice_definition: sv.json\n${extra}`;

interface Case {
  name: string;
  files: Record<string, string>;
  args: string[];
  env?: Record<string, string>;
  /** Regex the first stderr line must match (after "error: "). */
  want: RegExp;
}

const td = (body: string): Record<string, string> => ({ 'ecsx.yml': cfg(), 'td.json': body });
const tdWith = (image: string) => td(TD.replace('"nginx"', JSON.stringify(image)));
const sv = (body: string): Record<string, string> => ({ 'ecsx.yml': cfg(), 'sv.json': body });
const withPlugin = (plugin: string, image: string) => ({ 'ecsx.yml': cfg(`plugins:\n${plugin}`), 'td.json': TD.replace('"nginx"', JSON.stringify(image)) });
const tf = '  - name: tfstate\n    config:\n      path: terraform.tfstate\n';
const state = JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'x', outputs: { name: { value: 'v', type: 'string' } }, resources: [] });

const cases: Case[] = [
  // Config: YAML
  { name: 'YAML: unclosed flow sequence', files: { 'ecsx.yml': 'region: [us-east-1\ncluster: c\n' }, args: ['render', 'config'], want: /^ecsx\.yml:\d+:\d+: invalid YAML/ },
  { name: 'YAML: bad indentation', files: { 'ecsx.yml': 'region: us-east-1\n  cluster: c\n' }, args: ['render', 'config'], want: /^ecsx\.yml:\d+:\d+: invalid YAML/ },
  { name: 'YAML: duplicate key', files: { 'ecsx.yml': 'region: a\nregion: b\n' }, args: ['render', 'config'], want: /^ecsx\.yml:2:1: invalid YAML/ },
  { name: 'YAML: unclosed action', files: { 'ecsx.yml': 'region: us-east-1\ncluster: "{{ must_env `X` "\n' }, args: ['render', 'config'], want: /^ecsx\.yml:2:27: unterminated quoted string/ },
  { name: 'YAML: unknown function is stubbed in pass 1 but fails in pass 2', files: { 'ecsx.yml': 'region: us-east-1\ncluster: "{{ nope `x` }}"\n' }, args: ['render', 'config'], want: /^ecsx\.yml:2:\d+: .*function "nope" not defined/ },
  { name: 'YAML: must_env of an unset variable', files: { 'ecsx.yml': 'region: us-east-1\ncluster: "{{ must_env `ECSX_NOT_SET` }}"\n' }, args: ['render', 'config'], want: /^ecsx\.yml:2:\d+: .*environment variable ECSX_NOT_SET is not defined/ },
  { name: 'YAML: must_env without its argument', files: { 'ecsx.yml': 'cluster: "{{ must_env }}"\n' }, args: ['render', 'config'], want: /^ecsx\.yml:1:\d+: .*wrong number of args/ },
  { name: 'YAML: invalid timeout', files: { 'ecsx.yml': 'cluster: c\ntimeout: soon\n' }, args: ['render', 'config'], want: /^ecsx\.yml:2:10: invalid duration "soon"/ },
  { name: 'YAML: plugins is not a list', files: { 'ecsx.yml': 'cluster: c\nplugins: tfstate\n' }, args: ['render', 'config'], want: /^ecsx\.yml:2:10: plugins must be a list/ },
  { name: 'YAML: plugin without a name', files: { 'ecsx.yml': 'cluster: c\nplugins:\n  - config: {}\n' }, args: ['render', 'config'], want: /^ecsx\.yml:3:\d+: plugins\[0\]\.name is required/ },
  { name: 'YAML: duplicate plugin functions', files: { 'ecsx.yml': `cluster: c\nplugins:\n${tf}${tf}`, 'terraform.tfstate': state }, args: ['render', 'config'], want: /already exists\. set func_prefix to tfstate plugin/ },
  { name: 'YAML: unknown plugin', files: { 'ecsx.yml': 'cluster: c\nplugins:\n  - name: nosuch\n' }, args: ['render', 'config'], want: /nosuch/ },
  { name: 'YAML: required_version not satisfied', files: { 'ecsx.yml': 'cluster: c\nrequired_version: ">= 99.0.0"\n' }, args: ['render', 'config'], want: /^ecsx\.yml:2:\d+: version .* does not satisfy constraints/ },
  { name: 'YAML: required_version invalid', files: { 'ecsx.yml': 'cluster: c\nrequired_version: hoge\n' }, args: ['render', 'config'], want: /required_version has invalid format/ },
  { name: 'YAML: config is a list', files: { 'ecsx.yml': '- a\n- b\n' }, args: ['render', 'config'], want: /^ecsx\.yml:1:1: config must be a mapping/ },
  { name: 'YAML: region is a mapping', files: { 'ecsx.yml': 'region:\n  name: x\n' }, args: ['render', 'config'], want: /^ecsx\.yml:2:3: region must be a string/ },
  { name: 'YAML: ignore.tags not a list of strings', files: { 'ecsx.yml': 'ignore:\n  tags: x\n' }, args: ['render', 'config'], want: /^ecsx\.yml:2:9: ignore\.tags must be a list/ },
  { name: 'unsupported config extension', files: { 'ecsx.toml': 'x = 1' }, args: ['render', 'config', '--config', 'ecsx.toml'], want: /ecsx\.toml: unsupported config file type/ },
  { name: 'named config missing', files: {}, args: ['render', 'config', '--config', 'nope.yml'], want: /^nope\.yml: config file not found/ },
  { name: 'no config in the directory', files: {}, args: ['render', 'config'], want: /no config file found/ },
  { name: 'ECSX_CONFIG names a missing file', files: {}, args: ['render', 'config'], env: { ECSX_CONFIG: 'gone.yml' }, want: /^gone\.yml: config file not found/ },
  // Config: JSON / Jsonnet
  { name: 'JSON config: syntax error', files: { 'ecsx.json': '{\n  "cluster": "c"\n  "service": "s"\n}\n' }, args: ['render', 'config'], want: /^ecsx\.json:3:\d+: / },
  { name: 'Jsonnet config: syntax error', files: { 'ecsx.jsonnet': '{\n  cluster: \n}\n' }, args: ['render', 'config'], want: /^ecsx\.jsonnet:\d+:\d+: / },
  { name: 'Jsonnet config: error()', files: { 'ecsx.jsonnet': '{\n  cluster: error "boom",\n}\n' }, args: ['render', 'config'], want: /^ecsx\.jsonnet:2:\d+: .*boom/ },
  { name: 'Jsonnet config: unknown variable', files: { 'ecsx.jsonnet': '{\n  cluster: nope,\n}\n' }, args: ['render', 'config'], want: /^ecsx\.jsonnet:2:12: .*nope/ },
  { name: 'Jsonnet config: must_env unset', files: { 'ecsx.jsonnet': "local must_env = std.native('must_env');\n{ cluster: must_env('ECSX_NOT_SET') }\n" }, args: ['render', 'config'], want: /^ecsx\.jsonnet:2:\d+: .*ECSX_NOT_SET is not defined/ },
  { name: 'Jsonnet config: missing import', files: { 'ecsx.jsonnet': "local x = import 'nope.libsonnet';\n{ cluster: x }\n" }, args: ['render', 'config'], want: /^ecsx\.jsonnet:1:\d+: .*nope\.libsonnet/ },
  { name: 'Jsonnet config: undefined ext var', files: { 'ecsx.jsonnet': "{ cluster: std.extVar('C') }\n" }, args: ['render', 'config'], want: /^ecsx\.jsonnet:1:\d+: .*C/ },
  // Definitions
  { name: 'task definition file missing', files: { 'ecsx.yml': cfg() }, args: ['render', 'taskdef'], want: /td\.json: cannot read task definition: no such file/ },
  { name: 'task definition: trailing comma', files: td('{\n  "family": "app",\n}\n'), args: ['render', 'taskdef'], want: /^td\.json:2:18: invalid JSON in task definition: trailing commas/ },
  { name: 'task definition: not JSON at all', files: td('family: app\n'), args: ['render', 'taskdef'], want: /^td\.json:1:1: / },
  { name: 'task definition: unclosed action', files: td('{\n  "family": "x"\n}\n{{ env `F`'), args: ['render', 'taskdef'], want: /^td\.json:4:\d+: .*unclosed action/ },
  { name: 'task definition: unknown function', files: td('{\n  "family": "{{ famly `x` }}"\n}\n'), args: ['render', 'taskdef'], want: /^td\.json:2:17: .*function "famly" not defined/ },
  { name: 'task definition: must_env unset', files: tdWith('{{ must_env `ECSX_IMAGE_NOT_SET` }}'), args: ['render', 'taskdef'], want: /^td\.json:\d+:\d+: .*ECSX_IMAGE_NOT_SET is not defined/ },
  { name: 'task definition: containerPort as a string', files: td('{\n  "family": "a",\n  "containerDefinitions": [\n    { "name": "a", "image": "i", "portMappings": [{ "containerPort": "eighty" }] }\n  ]\n}\n'), args: ['render', 'taskdef'], want: /^td\.json:4:\d+: containerDefinitions\[0\]\.portMappings\[0\]\.containerPort/ },
  { name: 'task definition: invalid networkMode', files: td('{\n  "family": "a",\n  "networkMode": "bridgey",\n  "containerDefinitions": []\n}\n'), args: ['render', 'taskdef'], want: /^td\.json:3:\d+: networkMode.*bridge/ },
  { name: 'task definition: containerDefinitions not a list', files: td('{\n  "family": "a",\n  "containerDefinitions": {}\n}\n'), args: ['render', 'taskdef'], want: /^td\.json:3:\d+: containerDefinitions/ },
  { name: 'task definition: missing family', files: td('{\n  "containerDefinitions": []\n}\n'), args: ['render', 'taskdef'], want: /family/ },
  { name: 'task definition: top level is a list', files: td('[]\n'), args: ['render', 'taskdef'], want: /^td\.json:1:1: / },
  { name: 'task definition Jsonnet: syntax error', files: { 'ecsx.yml': cfg().replace('td.json', 'td.jsonnet'), 'td.jsonnet': '{\n  family: "a"\n  x: 1\n}\n' }, args: ['render', 'taskdef'], want: /^td\.jsonnet:3:\d+: / },
  { name: 'task definition Jsonnet: runtime error', files: { 'ecsx.yml': cfg().replace('td.json', 'td.jsonnet'), 'td.jsonnet': '{\n  family: [1][3],\n}\n' }, args: ['render', 'taskdef'], want: /^td\.jsonnet:2:\d+: / },
  { name: 'service definition: desiredCount as text', files: sv('{\n  "desiredCount": "two"\n}\n'), args: ['render', 'servicedef'], want: /^sv\.json:2:19: desiredCount: expected integer/ },
  { name: 'service definition: broken JSON', files: sv('{\n  "desiredCount": 1\n'), args: ['render', 'servicedef'], want: /^sv\.json:\d+:\d+: / },
  { name: 'service definition: launchType enum', files: sv('{\n  "launchType": "LAMBDA"\n}\n'), args: ['render', 'servicedef'], want: /^sv\.json:2:\d+: launchType.*FARGATE/ },
  { name: 'express definition: cpu as an object', files: { 'ecsx.yml': 'cluster: c\nservice: s\nexpress_definition: ex.json\n', 'ex.json': '{\n  "executionRoleArn": "arn:aws:iam::1:role/x",\n  "infrastructureRoleArn": "arn:aws:iam::1:role/y",\n  "primaryContainer": { "image": "nginx" },\n  "cpu": {}\n}\n' }, args: ['render', 'expressdef'], want: /^ex\.json:5:\d+: cpu/ },
  { name: 'task_definition not set', files: { 'ecsx.yml': 'cluster: c\n' }, args: ['render', 'taskdef'], want: /task_definition is not set/ },
  { name: 'express_definition not set', files: { 'ecsx.yml': 'cluster: c\n' }, args: ['render', 'expressdef'], want: /express_definition is not set/ },
  // Templates in definitions
  { name: 'template: unexpected {{end}}', files: tdWith('{{ end }}'), args: ['render', 'taskdef'], want: /^td\.json:\d+:\d+: .*unexpected \{\{end\}\}/ },
  { name: 'template: undefined variable', files: tdWith('{{ $x }}'), args: ['render', 'taskdef'], want: /^td\.json:\d+:\d+: .*undefined variable/ },
  { name: 'template: if without a value', files: tdWith('{{ if }}x{{ end }}'), args: ['render', 'taskdef'], want: /^td\.json:\d+:\d+: .*missing value/ },
  { name: 'template: unterminated raw string', files: td('{\n  "family": "{{ env `F }}"\n}\n'), args: ['render', 'taskdef'], want: /^td\.json:2:\d+: / },
  { name: 'template: bad number', files: tdWith('{{ printf `%d` 1x2 }}'), args: ['render', 'taskdef'], want: /^td\.json:\d+:\d+: .*number/ },
  { name: 'template: json_escape arity', files: tdWith('{{ json_escape }}'), args: ['render', 'taskdef'], want: /^td\.json:\d+:\d+: .*json_escape/ },
  // Plugins
  { name: 'tfstate: address not found', files: { ...withPlugin(tf, '{{ tfstate `aws_ecr_repository.nope.url` }}'), 'terraform.tfstate': state }, args: ['render', 'taskdef'], want: /^td\.json:\d+:\d+: .*aws_ecr_repository\.nope\.url is not found in tfstate/ },
  { name: 'tfstate: malformed address', files: { ...withPlugin(tf, "{{ tfstate `aws_x.a[` }}"), 'terraform.tfstate': state }, args: ['render', 'taskdef'], want: /^td\.json:\d+:\d+: .*aws_x\.a\[/ },
  { name: 'tfstate: state file missing', files: withPlugin(tf, '{{ tfstate `output.name` }}'), args: ['render', 'taskdef'], want: /terraform\.tfstate/ },
  { name: 'tfstate: state file not JSON', files: { ...withPlugin(tf, '{{ tfstate `output.name` }}'), 'terraform.tfstate': 'not json' }, args: ['render', 'taskdef'], want: /terraform\.tfstate/ },
  { name: 'tfstate: unsupported state version', files: { ...withPlugin(tf, '{{ tfstate `output.name` }}'), 'terraform.tfstate': '{"version": 3}' }, args: ['render', 'taskdef'], want: /version/ },
  { name: 'tfstatef: missing format arguments', files: { ...withPlugin(tf, '{{ tfstatef }}'), 'terraform.tfstate': state }, args: ['render', 'taskdef'], want: /^td\.json:\d+:\d+: .*tfstatef/ },
  { name: 'tfstate plugin without path or url', files: withPlugin('  - name: tfstate\n    config: {}\n', 'x'), args: ['render', 'taskdef'], want: /tfstate/ },
  { name: 'external plugin without command', files: withPlugin('  - name: external\n    config:\n      name: f\n', 'x'), args: ['render', 'taskdef'], want: /command/ },
  { name: 'ssm without an argument', files: tdWith('{{ ssm }}'), args: ['render', 'taskdef'], want: /^td\.json:\d+:\d+: .*ssm/ },
  // Flags and commands
  { name: 'unknown render target', files: { 'ecsx.yml': cfg() }, args: ['render', 'frobdef'], want: /unknown render target "frobdef"/ },
  { name: 'render without a target', files: { 'ecsx.yml': cfg() }, args: ['render'], want: /missing required argument/ },
  { name: 'unknown flag', files: { 'ecsx.yml': cfg() }, args: ['render', 'config', '--nope'], want: /unknown option '--nope'/ },
  { name: 'unknown command', files: {}, args: ['frobnicate'], want: /unknown command 'frobnicate'/ },
  { name: 'bad --timeout', files: { 'ecsx.yml': cfg() }, args: ['render', 'config', '--timeout', 'soon'], want: /--timeout: invalid duration "soon"/ },
  { name: '--ext-str without =', files: { 'ecsx.yml': cfg() }, args: ['render', 'config', '--ext-str', 'novalue'], want: /--ext-str: expected KEY=VALUE/ },
  { name: '--ext-code that is not Jsonnet', files: { 'ecsx.jsonnet': "{ cluster: std.extVar('C') }\n" }, args: ['render', 'config', '--ext-code', 'C=1 +'], want: /C/ },
  { name: '--envfile missing', files: { 'ecsx.yml': cfg() }, args: ['render', 'config', '--envfile', 'nope.env'], want: /^nope\.env: cannot read env file/ },
  { name: '--envfile with a bad line', files: { 'ecsx.yml': cfg(), 'bad.env': 'A=1\nnot a pair\n' }, args: ['render', 'config', '--envfile', 'bad.env'], want: /^bad\.env:2:1: invalid line in env file/ },
  { name: '--output with an invalid choice', files: { 'ecsx.yml': cfg() }, args: ['render', 'config', '--output', 'xml'], want: /argument 'xml' is invalid/ },
];

for (const c of cases) {
  test(`bad input: ${c.name}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsx-bad-'));
    for (const [name, body] of Object.entries(c.files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), body);
    }
    // No AWS endpoint is reachable: point everything at a closed port so an accidental call fails fast and differently.
    const r = await runCli(c.args, { cwd: dir, env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', ...c.env } });
    const first = r.stderr.split('\n').find((l) => l.startsWith('error:')) ?? r.stderr;
    assert.equal(r.code, 2, `exit code for ${c.name}: ${r.stderr}`);
    assert.match(first.replace(/^error: /, ''), c.want, r.stderr);
    assert.doesNotMatch(r.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
    assert.doesNotMatch(r.stderr, /bug in ecsx/);
  });
}

test('there are at least 60 bad-input cases', () => assert.ok(cases.length >= 60, String(cases.length)));
