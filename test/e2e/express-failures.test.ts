// Express deployments that fail, through the built CLI: an alarm during the canary rolls an
// update back (exit 3, the alarm named); a managed resource stuck PROVISIONING fails the deploy
// as soon as the deployment is over instead of hanging (exit 4); a security group that does not
// exist, or a bring-your-own task definition without a `Main` container, is caught before
// anything is created (exit 2). And the quick-start example deploys.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeServicesCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startExpressSandbox, type ExpressSandbox } from './express-helpers.js';

let x: ExpressSandbox;
let app: string;

before(async () => {
  x = await startExpressSandbox();
  app = await x.project('app');
  const r = await x.ecsx(app, ['deploy']);
  assert.equal(r.code, 0, r.stderr);
});
after(() => x?.stop());

test('an alarm during the canary rolls the update back: exit 3, with the alarm named', async () => {
  await x.scenario({ kind: 'deployment-alarm', match: { service: 'app' }, times: 1 });
  x.editDefinition(app, (d) => (d.primaryContainer.image = 'nginx:1.27'));
  const r = await x.ecsx(app, ['deploy']);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /service deployment rolled back/);
  assert.match(r.stderr, /^(error: )?alarm (triggered|watched by the deployment): ecs-express-app-\w+-error-rate$/m);
  // The service is back on the previous revision: diff shows the image that did not make it.
  const d = await x.ecsx(app, ['diff']);
  assert.match(d.stdout, /^-\s+"image": "nginx:latest"\n\+\s+"image": "nginx:1.27"$/m);
});

test('a security group deleted behind ECS\'s back: the new tasks cannot start, ECS rolls back (exit 3) and says why', async () => {
  await x.scenario({ kind: 'missing-security-group', match: { service: 'app' }, securityGroup: 'sg-0gone' });
  x.editDefinition(app, (d) => (d.primaryContainer.image = 'nginx:1.28'));
  const r = await x.ecsx(app, ['deploy']);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /The security group 'sg-0gone' does not exist/);
  await x.sandbox.client.ecs('/scenarios', 'DELETE');
});

test('a managed resource stuck PROVISIONING fails the deploy (exit 4) instead of hanging', async () => {
  const slow = await x.project('slow');
  await x.scenario({ kind: 'express-resource-stuck', match: { service: 'slow' }, resource: 'certificate', reason: 'Waiting for DNS validation.' });
  const started = Date.now();
  const r = await x.ecsx(slow, ['deploy']);
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /^error: the service deployment finished, but certificate sl-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws is still PROVISIONING, as it was before the deployment started: Waiting for DNS validation/m);
  // Far less than the config's 30-minute timeout, even in simulated time.
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  const s = await x.ecsx(slow, ['status']);
  assert.match(s.stdout, /^    certificate sl-\w+\.ecs\.us-east-1\.on\.aws PROVISIONING \(Waiting for DNS validation.\)$/m);
});

test('a security group that does not exist is refused before anything is created (exit 2)', async () => {
  const dir = await x.project('nosg');
  x.editDefinition(dir, (d) => (d.networkConfiguration = { securityGroups: ['sg-0123456789abcdef0'] }));
  const r = await x.ecsx(dir, ['deploy']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^error: networkConfiguration\.securityGroups: sg-0123456789abcdef0 not found/m);
  const ecs = new ECSClient({ region: 'us-east-1', endpoint: x.sandbox.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const out = await ecs.send(new DescribeServicesCommand({ cluster: 'default', services: ['nosg'] }));
  assert.equal(out.services?.length ?? 0, 0);
});

test('a bring-your-own task definition Express cannot use is refused before anything is created (exit 2)', async () => {
  const ecs = new ECSClient({ region: 'us-east-1', endpoint: x.sandbox.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const td = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'byo',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'web', image: 'nginx', portMappings: [{ containerPort: 80 }] }],
    }),
  );
  const dir = await x.project('byo');
  x.editDefinition(dir, (d) => {
    for (const k of ['primaryContainer', 'executionRoleArn', 'cpu', 'memory']) delete d[k];
    d.taskDefinitionArn = td.taskDefinition!.taskDefinitionArn;
  });
  const r = await x.ecsx(dir, ['deploy']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cannot be used by an Express service: it has no container named "Main" \(containers: web\)/);
});

test('flags that mean nothing for Express are refused (exit 2)', async () => {
  const r = await x.ecsx(app, ['deploy', '--tasks', '3', '--skip-task-definition']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not supported for Express services: --tasks \(set scalingTarget in the express definition\), --skip-task-definition/);
});

test('the quick-start example (examples/express-quickstart) deploys and diffs clean', async () => {
  await x.project('hello'); // only for its roles, ecsx-hello-*
  const config = fileURLToPath(new URL('../../examples/express-quickstart/ecsx.yml', import.meta.url));
  const r = await x.ecsx(tmpdir(), ['deploy', '--config', config]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.trim(), /^https:\/\/he-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws$/);
  const d = await x.ecsx(tmpdir(), ['diff', '--config', config, '--exit-code']);
  assert.equal(d.code, 0, d.stdout + d.stderr);
});
