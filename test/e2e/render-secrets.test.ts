// Values resolved from SecureString parameters never reach output: `render` masks them in
// text and JSON output alike, while plain String parameters print as they are.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { runCli } from '../helpers/cli.js';

const SECRET = 'hunter2-s3cr3t-value';
let sandbox: Sandbox;
let dir: string;

before(async () => {
  sandbox = await startSandbox({ region: 'us-east-1' });
  const ssm = new SSMClient({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await ssm.send(new PutParameterCommand({ Name: '/app/db-password', Value: SECRET, Type: 'SecureString' }));
  await ssm.send(new PutParameterCommand({ Name: '/app/db-host', Value: 'db.internal', Type: 'String' }));
  dir = mkdtempSync(join(tmpdir(), 'ecsx-secrets-'));
  writeFileSync(join(dir, 'ecsx.yml'), 'region: us-east-1\ncluster: c\nservice: s\ntask_definition: td.json\n');
  writeFileSync(
    join(dir, 'td.json'),
    JSON.stringify({
      family: 'app',
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx',
          environment: [
            { name: 'DB_HOST', value: '{{ ssm `/app/db-host` }}' },
            { name: 'DB_PASSWORD', value: '{{ ssm `/app/db-password` }}' },
          ],
        },
      ],
    }),
  );
});

after(() => sandbox?.stop());

for (const output of ['text', 'json']) {
  test(`render --output ${output} masks SecureString values`, async () => {
    const r = await runCli(['render', 'taskdef', '--output', output], { cwd: dir, env: sandbox.env() });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), 'the secret leaked');
    const doc = JSON.parse(r.stdout);
    const td = output === 'json' ? doc.value : doc;
    const env = Object.fromEntries(td.containerDefinitions[0].environment.map((e: { name: string; value: string }) => [e.name, e.value]));
    assert.equal(env.DB_HOST, 'db.internal');
    assert.equal(env.DB_PASSWORD, '********');
  });
}

test('a missing parameter is an AWS error naming it, with the template position', async () => {
  writeFileSync(join(dir, 'td2.json'), '{\n  "family": "app",\n  "containerDefinitions": [{ "name": "a", "image": "{{ ssm `/app/missing` }}" }]\n}\n');
  writeFileSync(join(dir, 'missing.yml'), 'region: us-east-1\ncluster: c\ntask_definition: td2.json\n');
  const r = await runCli(['render', 'taskdef', '--config', 'missing.yml'], { cwd: dir, env: sandbox.env() });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /td2\.json:3:\d+: .*\/app\/missing/);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
});
