import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRequiredVersion } from '../../../src/config/required-version.js';
import { ConfigError } from '../../../src/errors.js';

// ecspresso's own tables (config_test.go): satisfied, unsatisfied, invalid.
const satisfied: [string, string][] = [
  ['>= v1.0.0', 'v1.2.1'],
  ['= v1.0.0', '1.0.0'],
  ['~> v1.1.0', '1.1.5'],
  ['~> v1.0', '1.2.1'],
  ['>= v1, < v2', '1.2.1'],
  ['>= v1.2.1, < v2', 'v1.2.1+3-g04fdc8e'],
  ['>= 0.1.0', '0.1.0'],
  ['!= 1.0.0', '1.0.1'],
  ['> 1.0.0', '1.0.1'],
  ['<= 1.0.0', '1.0.0'],
];
for (const [req, cur] of satisfied) {
  test(`${cur} satisfies ${req}`, () => assert.deepEqual(checkRequiredVersion(req, cur), { ok: true }));
}

const unsatisfied: [string, string][] = [
  ['= v1.0.0', 'v1.2.1'],
  ['~> v1.1.0', 'v1.2.0'],
  ['>= v1.2.2, < v2', 'v1.2.1+3-g04fdc8e'],
  ['>= v0, <v1', 'v1.2.1'],
  ['>= 1.0.0', '1.0.0-beta.1'],
];
for (const [req, cur] of unsatisfied) {
  test(`${cur} does not satisfy ${req}`, () => {
    const r = checkRequiredVersion(req, cur);
    assert.equal(r.ok, false);
    assert.match((r as { message: string }).message, /does not satisfy constraints/);
  });
}

test('an unparsable running version passes with a warning', () => {
  assert.deepEqual(checkRequiredVersion('>= v1', 'current'), { ok: false, reason: 'unparsable-current' });
  assert.deepEqual(checkRequiredVersion('>= v1', 'dev'), { ok: false, reason: 'unparsable-current' });
});

for (const bad of ['hoge', '>= ', '>> 1.0', '1.0, foo']) {
  test(`invalid constraint ${JSON.stringify(bad)}`, () => assert.throws(() => checkRequiredVersion(bad, '1.0.0'), (e: unknown) => e instanceof ConfigError && /invalid format/.test(e.message)));
}

test('an ecspresso.* config is checked against the ecspresso release ecsx follows; ecsx.* against ecsx', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { loadConfig, ECSPRESSO_COMPAT_VERSION } = await import('../../../src/config/load.js');
  const dir = mkdtempSync(join(tmpdir(), 'ecsx-rv-'));
  writeFileSync(join(dir, 'ecspresso.yml'), 'cluster: c\nrequired_version: ">= 2.0.0, < 3"\n');
  writeFileSync(join(dir, 'ecsx.yml'), 'cluster: c\nrequired_version: ">= 2.0.0, < 3"\n');
  const ok = await loadConfig({ config: join(dir, 'ecspresso.yml'), env: {}, version: '0.1.0' });
  assert.equal(ok.config.requiredVersion, '>= 2.0.0, < 3');
  assert.match(ECSPRESSO_COMPAT_VERSION, /^2\./);
  await assert.rejects(loadConfig({ config: join(dir, 'ecsx.yml'), env: {}, version: '0.1.0' }), /version 0\.1\.0 does not satisfy constraints/);
});
