// Adopting and leaving Express through the built CLI: `init --express --service` imports a
// running Express service into files that diff clean; `express eject` writes classic definitions
// of it; an immediate re-deploy after `delete --no-wait` waits out DRAINING, then creates the
// service again (with a new URL).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startExpressSandbox, type ExpressSandbox } from './express-helpers.js';

let x: ExpressSandbox;
let shop: string;
let endpoint: string;

before(async () => {
  x = await startExpressSandbox();
  shop = await x.project('shop');
  x.editDefinition(shop, (d) => {
    d.primaryContainer.environment = [
      { name: 'Z_LAST', value: '1' },
      { name: 'A_FIRST', value: '2' },
    ];
    d.tags = [{ key: 'team', value: 'shop' }];
  });
  const r = await x.ecsx(shop, ['deploy']);
  assert.equal(r.code, 0, r.stderr);
  endpoint = r.stdout.trim();
});
after(() => x?.stop());

test('init --express --service imports the service into files that diff clean', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecsx-import-'));
  const r = await x.ecsx(dir, ['init', '--express', '--service', 'shop']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^imported Express service shop into ecsx.yml/);
  const def = JSON.parse(readFileSync(join(dir, 'ecs-express-def.json'), 'utf8'));
  assert.equal(def.infrastructureRoleArn, 'arn:aws:iam::123456789012:role/ecsx-shop-infrastructure');
  assert.deepEqual(def.tags, [{ key: 'team', value: 'shop' }]);
  assert.equal(def.networkConfiguration?.securityGroups, undefined, 'the ECS-managed security group is not imported');
  const d = await x.ecsx(dir, ['diff', '--exit-code']);
  assert.equal(d.code, 0, d.stdout + d.stderr);
  // Without --express, an Express service is imported as Express too.
  const auto = await x.ecsx(dir, ['init', '--service', 'shop', '--force-overwrite']);
  assert.equal(auto.code, 0, auto.stderr);
  assert.match(auto.stdout, /^imported Express service shop/);
});

test('express eject writes classic definitions of the Express service', async () => {
  const r = await x.ecsx(shop, ['express', 'eject']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^imported service shop and task definition shop:1 into ecsx.classic.yml/);
  assert.match(r.stderr, /Leaving Express/);
  const td = JSON.parse(readFileSync(join(shop, 'ecs-task-def.json'), 'utf8'));
  assert.equal(td.containerDefinitions[0].name, 'Main');
  assert.equal(td.containerDefinitions[0].image, 'nginx:latest');
  const sv = JSON.parse(readFileSync(join(shop, 'ecs-service-def.json'), 'utf8'));
  assert.equal(sv.deploymentConfiguration.strategy, 'CANARY');
  assert.equal(sv.loadBalancers[0].containerName, 'Main');
  const d = await x.ecsx(shop, ['diff', '--config', 'ecsx.classic.yml', '--exit-code']);
  assert.equal(d.code, 0, d.stdout + d.stderr);
});

test('deploy right after delete --no-wait waits until the old service is INACTIVE, then creates it', async () => {
  // Draining takes its time (tasks finish their requests): the name stays blocked meanwhile.
  await x.scenario({ kind: 'slow-draining', match: { service: 'shop' }, delaySeconds: 240, times: 1 });
  const d = await x.ecsx(shop, ['delete', '--force', '--no-wait']);
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stderr, /not waiting for INACTIVE \(--no-wait\)/);
  const r = await x.ecsx(shop, ['deploy']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /service shop is DRAINING after a delete; its name is blocked until it is INACTIVE; waiting for INACTIVE, then creating it/);
  assert.match(r.stderr, /^shop: DRAINING/m);
  assert.match(r.stderr, /created shop: /);
  assert.doesNotMatch(r.stderr, /still Draining/);
  assert.match(r.stdout.trim(), /^https:\/\/sh-[0-9a-f]{32}\.ecs\.us-east-1\.on\.aws$/);
  assert.notEqual(r.stdout.trim(), endpoint, 'a re-created service gets a new URL');
});
