// Pure pieces of the classic commands: tables, --keeps selection, status lines, API-input masking.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatTable, formatTsv } from '../../../src/actions/revisions/table.js';
import { batches, planKeeps } from '../../../src/actions/deregister/select.js';
import { formatDeployment, formatStatus, formatTaskSet } from '../../../src/actions/status/format.js';
import { lastEvents } from '../../../src/actions/status/summarize.js';
import { familyOf } from '../../../src/actions/revisions/family.js';
import { taskDefinitionName, arnTail } from '../../../src/actions/status/describe.js';
import { maskApiInput, MASKED } from '../../../src/aws/mask.js';
import { revisionRef } from '../../../src/actions/revisions/list.js';

const arn = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/app:${n}`;

describe('formatTable / formatTsv', () => {
  it('pads columns to the widest cell, without trailing spaces', () => {
    assert.equal(formatTable(['A', 'BB', 'C'], [['1', '', ''], ['333', 'x', 'long']]), 'A    BB  C\n1\n333  x   long');
  });
  it('an empty list is the header only', () => {
    assert.equal(formatTable(['REVISION', 'IN USE'], []), 'REVISION  IN USE');
  });
  it('TSV replaces tabs and newlines inside cells', () => {
    assert.equal(formatTsv(['a', 'b'], [['x\ty', 'l1\nl2']]), 'a\tb\nx y\tl1 l2');
  });
});

describe('planKeeps', () => {
  const newestFirst = [7, 6, 5, 4, 3, 2, 1].map(arn);
  const cases: { name: string; inUse: number[]; keeps: number; deregister: number[]; kept: number[]; used: number[] }[] = [
    { name: 'keeps the N newest unused', inUse: [], keeps: 2, deregister: [1, 2, 3, 4, 5], kept: [7, 6], used: [] },
    { name: 'in-use revisions are never deregistered and do not count', inUse: [7, 3], keeps: 2, deregister: [1, 2, 4], kept: [6, 5], used: [7, 3] },
    { name: 'keeps 0 removes every unused one', inUse: [5], keeps: 0, deregister: [1, 2, 3, 4, 6, 7], kept: [], used: [5] },
    { name: 'keeping more than exist removes nothing', inUse: [], keeps: 10, deregister: [], kept: [7, 6, 5, 4, 3, 2, 1], used: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = planKeeps(newestFirst, new Set(c.inUse.map(arn)), c.keeps);
      assert.deepEqual(p.deregister, c.deregister.map(arn), 'deregister, oldest first');
      assert.deepEqual(p.kept, c.kept.map(arn));
      assert.deepEqual(p.inUse, c.used.map(arn));
    });
  }
  it('batches of 10 for DeleteTaskDefinitions', () => {
    assert.deepEqual(batches([...Array(23).keys()]).map((b) => b.length), [10, 10, 3]);
    assert.deepEqual(batches([]), []);
  });
});

describe('status lines', () => {
  it('a deployment line as ecspresso prints it', () => {
    const d = { status: 'PRIMARY', taskDefinition: 'app:3', desiredCount: 2, pendingCount: 0, runningCount: 2, failedTasks: 0, rolloutState: 'COMPLETED', rolloutStateReason: 'ECS deployment ecs-svc/1 completed.' };
    assert.equal(formatDeployment(d), '   PRIMARY app:3 desired:2 pending:0 running:2 COMPLETED(ECS deployment ecs-svc/1 completed.)');
    assert.equal(formatDeployment({ ...d, status: 'ACTIVE', failedTasks: 3, rolloutState: undefined }), '    ACTIVE app:3 desired:2 pending:0 running:2 failed:3');
  });
  it('task sets and a status other than ACTIVE', () => {
    assert.equal(
      formatTaskSet({ status: 'PRIMARY', taskDefinition: 'app:3', computedDesiredCount: 2, pendingCount: 0, runningCount: 2, scale: 100, stabilityStatus: 'STEADY_STATE' }),
      '   PRIMARY app:3 desired:2 pending:0 running:2 scale:100% STEADY_STATE',
    );
    const text = formatStatus({ cluster: 'c', service: 's', status: 'DRAINING', express: true, desiredCount: 0, runningCount: 0, pendingCount: 0, deployments: [], taskSets: [], events: [] });
    assert.equal(text, 'Service: s\nCluster: c\nStatus: DRAINING\nTaskDefinition: ');
  });
  it('lastEvents keeps the newest N, oldest first', () => {
    const events = [3, 1, 2].map((i) => ({ id: String(i), createdAt: new Date(i * 1000), message: `m${i}` }));
    assert.deepEqual(lastEvents(events, 2).map((e) => e.message), ['m2', 'm3']);
    assert.deepEqual(lastEvents(events, 0), []);
  });
});

describe('names', () => {
  it('task definition names, families and ARN tails', () => {
    assert.equal(taskDefinitionName(arn(3)), 'app:3');
    assert.equal(taskDefinitionName('app:3'), 'app:3');
    assert.equal(familyOf(arn(12)), 'app');
    assert.equal(familyOf('my-app:1'), 'my-app');
    assert.equal(arnTail('arn:aws:ecs:us-east-1:1:task/default/abc'), 'abc');
  });
  it('revision references', () => {
    assert.equal(revisionRef('app', '7', undefined), 'app:7');
    assert.equal(revisionRef('app', 'latest', undefined), 'app');
    assert.equal(revisionRef('app', 'current', { taskDefinition: arn(2) }), arn(2));
    assert.throws(() => revisionRef('app', 'current', undefined), /needs the service to exist/);
    assert.throws(() => revisionRef('app', '0', undefined), /--revision must be/);
  });
});

describe('maskApiInput', () => {
  it('masks secret fields, SecureString values, registered secrets and binary blobs', () => {
    const input = {
      Name: '/p',
      Type: 'SecureString',
      Value: 'hunter2',
      SecretString: 's3cr3t',
      nested: [{ password: 'x', env: 'TOKEN=abc123' }],
      blob: new Uint8Array(4),
      when: new Date(0),
      gone: undefined,
    };
    const out = maskApiInput(input, (t) => t.replace('abc123', MASKED)) as any;
    assert.equal(out.Value, MASKED);
    assert.equal(out.SecretString, MASKED);
    assert.equal(out.nested[0].password, MASKED);
    assert.equal(out.nested[0].env, `TOKEN=${MASKED}`);
    assert.equal(out.blob, '<4 bytes>');
    assert.equal(out.when, '1970-01-01T00:00:00.000Z');
    assert.ok(!('gone' in out));
    assert.equal(out.Name, '/p');
  });
  it('a String parameter value is not masked', () => {
    assert.equal((maskApiInput({ Type: 'String', Value: 'v' }) as any).Value, 'v');
  });
});
