// Pure pieces of diff: --external command splitting, one-definition diffs, text and JSON forms.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitCommand } from '../../../src/actions/diff/external.js';
import { diffService, diffTaskDefinition } from '../../../src/actions/diff/compute.js';
import { diffData, unifiedText } from '../../../src/actions/diff/classic.js';

describe('splitCommand (--external, ECSX_DIFF_COMMAND)', () => {
  const cases: [string, string[]][] = [
    ['diff -u', ['diff', '-u']],
    ['  difft   --color always ', ['difft', '--color', 'always']],
    [`delta --file-style 'bold yellow'`, ['delta', '--file-style', 'bold yellow']],
    [`sh -c "diff \\"$1\\" x"`, ['sh', '-c', 'diff "$1" x']],
    [`a\\ b ''`, ['a b', '']],
  ];
  for (const [line, want] of cases) it(line, () => assert.deepEqual(splitCommand(line), want));
  it('an unterminated quote is a usage error', () => assert.throws(() => splitCommand(`diff 'x`), /unterminated ' quote/));
});

describe('definition diffs', () => {
  const td = { family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx:1' }] };
  it('a task definition with no registered revision: everything added', () => {
    const d = diffTaskDefinition(td, undefined, { localName: 'td.json' });
    assert.equal(d.remoteExists, false);
    assert.equal(d.changed, true);
    assert.match(d.unified, /^--- \n\+\+\+ td\.json\n/);
  });
  it('the registered revision with server fields and defaults equals the local one', () => {
    const remote = {
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
      revision: 3,
      status: 'ACTIVE' as const,
      family: 'web',
      containerDefinitions: [{ name: 'app', image: 'nginx:1', cpu: 0, essential: true, environment: [], mountPoints: [] }],
    };
    const d = diffTaskDefinition(td, { taskDefinition: remote, tags: [] }, { localName: 'td.json' });
    assert.equal(d.changed, false);
    assert.equal(d.unified, '');
  });
  it('an INACTIVE service counts as missing', () => {
    const d = diffService({ desiredCount: 1 }, { serviceArn: 'arn:s', status: 'INACTIVE', desiredCount: 1 }, { localName: 'sv.json' });
    assert.equal(d.remoteExists, false);
    assert.equal(d.remoteName, '');
  });
  it('text: service first, then task definition; JSON: changes without texts', () => {
    const service = diffService({ desiredCount: 2 }, { serviceArn: 'arn:s', status: 'ACTIVE', desiredCount: 1 }, { localName: 'sv.json' });
    const taskDefinition = diffTaskDefinition(td, undefined, { localName: 'td.json' });
    const r = { changed: true, service, taskDefinition };
    const text = unifiedText(r);
    assert.ok(text.indexOf('+++ sv.json') < text.indexOf('+++ td.json'));
    assert.deepEqual(diffData(r), {
      changed: true,
      service: { remote: 'arn:s', local: 'sv.json', remoteExists: true, changed: true, changes: [{ path: 'desiredCount', kind: 'changed', before: 1, after: 2 }] },
      taskDefinition: { remote: null, local: 'td.json', remoteExists: false, changed: true, changes: taskDefinition.changes },
    });
  });
});
