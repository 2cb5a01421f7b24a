// `ecsx diff` through the built CLI: a service that does not exist yet, no differences after a
// deploy (exit 0 with --exit-code), a change (exit 5), JSON output, --external, --without-service
// and ignore.tags.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TagResourceCommand } from '@aws-sdk/client-ecs';
import { startProject, type Project } from './deploy-fixture.js';

let p: Project;
before(async () => {
  p = await startProject({ timeScale: 300, config: 'ignore:\n  tags: [managed-by]\n' });
});
after(() => p?.stop());

test('before the first deploy: the service will be created, everything is added', async () => {
  const r = await p.cli(['diff', '--exit-code']);
  assert.equal(r.code, 5, r.stderr);
  assert.match(r.stderr, /service web does not exist in cluster main: it will be created/);
  assert.match(r.stdout, /^--- \n\+\+\+ ecs-service-def\.json\n@@ -0,0 \+1,\d+ @@\n/);
  assert.match(r.stdout, /^--- \n\+\+\+ ecs-task-def\.json$/m);
  // Only the headers start with '-'.
  assert.deepEqual(r.stdout.split('\n').filter((l) => l.startsWith('-')), ['--- ', '--- ']);
});

test('after a deploy: no differences, exit 0 even with --exit-code, nothing on stdout', async () => {
  const d = await p.cli(['deploy', '--wait-until', 'deployed']);
  assert.equal(d.code, 0, d.stderr);
  // A tag added outside ecsx but listed in ignore.tags is not a difference.
  const s = await p.describe();
  await p.ecs.send(new TagResourceCommand({ resourceArn: s.serviceArn, tags: [{ key: 'managed-by', value: 'someone' }] }));
  const r = await p.cli(['diff', '--exit-code']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /no differences/);
});

test('a change: unified diff against the revision the service runs, exit 5 with --exit-code', async () => {
  p.writeServiceDefinition({ desiredCount: 6 });
  const r = await p.cli(['diff', '--exit-code'], { APP_VERSION: '7' });
  assert.equal(r.code, 5, r.stderr);
  assert.match(r.stdout, /^--- arn:aws:ecs:us-east-1:123456789012:service\/main\/web\n\+\+\+ ecs-service-def\.json\n/);
  assert.match(r.stdout, /^-  "desiredCount": 4,$/m);
  assert.match(r.stdout, /^\+  "desiredCount": 6,$/m);
  assert.match(r.stdout, /^--- arn:aws:ecs:us-east-1:123456789012:task-definition\/web:1\n\+\+\+ ecs-task-def\.json$/m);
  assert.match(r.stdout, /^\+ {10}"value": "7"$/m);
  assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour without a terminal');
  // Without --exit-code a difference is not an error (ecspresso).
  assert.equal((await p.cli(['diff'], { APP_VERSION: '7' })).code, 0);
});

test('--output json: the structured changes', async () => {
  const r = await p.cli(['diff', '--output', 'json'], { APP_VERSION: '7' });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.changed, true);
  assert.deepEqual(j.service.changes, [{ path: 'desiredCount', kind: 'changed', before: 4, after: 6 }]);
  assert.deepEqual(j.taskDefinition.changes, [{ path: 'containerDefinitions[name=app].environment[name=APP_VERSION].value', kind: 'changed', before: '1', after: '7' }]);
  assert.match(j.taskDefinition.remote, /task-definition\/web:1$/);
});

test('--without-service compares the task definition only', async () => {
  const r = await p.cli(['diff', '--without-service', '--exit-code']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
});

test('--external and ECSX_DIFF_COMMAND run a diff tool on the two files', async () => {
  const r = await p.cli(['diff', '--external', 'diff -u --label remote --label local'], { APP_VERSION: '7' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^--- remote\n\+\+\+ local\n/m);
  assert.match(r.stdout, /^\+  "desiredCount": 6,$/m);
  const script = join(p.dir, 'mydiff.sh');
  writeFileSync(script, '#!/bin/sh\necho "compare $(basename "$1") $(basename "$2")"\n', { mode: 0o755 });
  const e = await p.cli(['diff'], { APP_VERSION: '7', ECSX_DIFF_COMMAND: script });
  assert.equal(e.code, 0, e.stderr);
  assert.equal(e.stdout, 'compare remote-service.json local-service.json\ncompare remote-task-definition.json local-task-definition.json\n');
  const bad = await p.cli(['diff', '--external', 'no-such-diff-tool-xyz'], { APP_VERSION: '7' });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--external: cannot run no-such-diff-tool-xyz/);
});
