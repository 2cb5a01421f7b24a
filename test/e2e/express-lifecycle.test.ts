// The Express life cycle through the built CLI against the sandbox: the quick start writes files
// that deploy; create → SUCCESSFUL with the endpoint printed and every managed resource ACTIVE;
// diff clean right after (no drift from the managed security group, sorted env or defaults);
// update with an env change and a tag; delete with the inventory report.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startExpressSandbox, type ExpressSandbox } from './express-helpers.js';

let x: ExpressSandbox;
let dir: string;
const ENDPOINT = /^https:\/\/we-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws$/;

before(async () => {
  x = await startExpressSandbox();
  dir = await x.project('web');
});
after(() => x?.stop());

test('init --express --create-roles writes a config and a definition with the roles', () => {
  assert.match(readFileSync(join(dir, 'ecsx.yml'), 'utf8'), /^service: web\nexpress_definition: ecs-express-def.json\ntimeout: 30m$/m);
  const def = JSON.parse(readFileSync(join(dir, 'ecs-express-def.json'), 'utf8'));
  assert.equal(def.executionRoleArn, 'arn:aws:iam::123456789012:role/ecsx-web-execution');
  assert.equal(def.infrastructureRoleArn, 'arn:aws:iam::123456789012:role/ecsx-web-infrastructure');
  assert.deepEqual(def.primaryContainer, { image: 'nginx:latest', containerPort: 80 });
  assert.equal(def.healthCheckPath, '/');
});

test('deploy --dry-run prints the exact CreateExpressGatewayService input and creates nothing', async () => {
  const r = await x.ecsx(dir, ['deploy', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^CreateExpressGatewayService \{\n/);
  const input = JSON.parse(r.stdout.slice('CreateExpressGatewayService '.length));
  assert.equal(input.serviceName, 'web');
  assert.equal(input.cluster, 'default');
  assert.equal(input.primaryContainer.image, 'nginx:latest');
  assert.match(r.stderr, /DRY RUN OK/);
  const s = await x.ecsx(dir, ['diff']);
  assert.match(s.stderr, /Express service web does not exist in cluster default: deploy will create it/);
});

test('deploy creates the service, waits for SUCCESSFUL and prints the endpoint', async () => {
  const r = await x.ecsx(dir, ['deploy']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.trim(), ENDPOINT);
  assert.match(r.stderr, /creating Express service web in cluster default/);
  assert.match(r.stderr, /^12 managed resources: .*PROVISIONING/m);
  assert.match(r.stderr, /load balancer ecs-express-gateway-alb-\w+: PROVISIONING → ACTIVE/);
  assert.match(r.stderr, /certificate we-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws: PROVISIONING → ACTIVE/);
  assert.match(r.stderr, /service deployment IN_PROGRESS at PRODUCTION_TRAFFIC_SHIFT \(production 5%/);
  assert.match(r.stderr, /service deployment SUCCESSFUL/);
  assert.match(r.stderr, /deployment of web:1 successful/);
});

test('status shows the Express state, endpoint, deployment and every managed resource ACTIVE', async () => {
  const r = await x.ecsx(dir, ['status']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^TaskDefinition: web:1$/m);
  assert.match(r.stdout, /^Express:\n  Status: ACTIVE\n  Endpoint: https:\/\/we-/m);
  assert.match(r.stdout, /^  CurrentDeployment: \S+ SUCCESSFUL$/m);
  const resources = r.stdout.split('  ManagedResources:\n')[1]!.trim().split('\n');
  assert.equal(resources.length, 12);
  for (const line of resources) assert.match(line, / ACTIVE$/);
});

test('diff right after deploy is clean: managed security group, defaults and sorted env do not show', async () => {
  const r = await x.ecsx(dir, ['diff', '--exit-code']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
  const again = await x.ecsx(dir, ['deploy']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /no changes to deploy/);
});

test('an env change and a tag: diff shows them, deploy updates with a canary, diff is clean again', async () => {
  x.editDefinition(dir, (d) => {
    d.primaryContainer.environment = [
      { name: 'ZONE', value: 'b' },
      { name: 'APP_MODE', value: 'prod' },
    ];
    d.tags = [{ key: 'team', value: 'web' }];
  });
  const diff = await x.ecsx(dir, ['diff', '--exit-code']);
  assert.equal(diff.code, 5);
  assert.match(diff.stdout, /^\+\s+"name": "APP_MODE",$/m);
  assert.match(diff.stdout, /^\+\s+"key": "team",$/m);
  const dry = await x.ecsx(dir, ['deploy', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  const input = JSON.parse(dry.stdout.split('\nTagResource')[0]!.slice('UpdateExpressGatewayService '.length));
  // The complete primaryContainer, with empty lists for what the definition does not set.
  assert.deepEqual(input.primaryContainer.secrets, []);
  assert.deepEqual(input.primaryContainer.command, []);
  assert.equal(input.primaryContainer.environment.length, 2);
  assert.match(dry.stdout, /^TagResource \[\{"key":"team","value":"web"\}\]$/m);

  const r = await x.ecsx(dir, ['deploy']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /updating Express service web/);
  assert.match(r.stderr, /deployment of web:2 successful/);
  assert.match(r.stdout.trim(), ENDPOINT);
  const after = await x.ecsx(dir, ['diff', '--exit-code']);
  assert.equal(after.code, 0, after.stdout);

  // Removing the env from the file removes it from the service (Update keeps what it is not sent).
  x.editDefinition(dir, (d) => delete d.primaryContainer.environment);
  const cleared = await x.ecsx(dir, ['deploy']);
  assert.equal(cleared.code, 0, cleared.stderr);
  assert.equal((await x.ecsx(dir, ['diff', '--exit-code'])).code, 0);
});

test('changing the infrastructure role is refused (exit 2) without --replace', async () => {
  x.editDefinition(dir, (d) => (d.infrastructureRoleArn = 'arn:aws:iam::123456789012:role/other'));
  const r = await x.ecsx(dir, ['deploy']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /infrastructureRoleArn \(arn:aws:iam::123456789012:role\/ecsx-web-infrastructure → arn:aws:iam::123456789012:role\/other\) cannot be changed on an existing Express service/);
  assert.match(r.stderr, /ecsx deploy --replace/);
  x.editDefinition(dir, (d) => (d.infrastructureRoleArn = 'arn:aws:iam::123456789012:role/ecsx-web-infrastructure'));
});

test('delete reports every managed resource: deleted, and the log group retained by design', async () => {
  const r = await x.ecsx(dir, ['delete', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Express service web \(ACTIVE\) in cluster default, 12 managed resources:/);
  assert.match(r.stdout, /^web: 11 deleted, 2 retained by design, 0 left behind$/m);
  assert.match(r.stdout, /^Retained by design:\n  cluster default: empty/m);
  assert.match(r.stdout, /^  log group \/aws\/ecs\/default\/web-\d{4}: kept by design: Express never deletes log groups/m);
  const s = await x.ecsx(dir, ['status']);
  assert.match(s.stdout, /^Status: INACTIVE$/m);
});
