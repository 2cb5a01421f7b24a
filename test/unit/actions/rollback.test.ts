// What rollback goes back to: ecspresso's FindRollbackTarget, without its family-prefix pitfall.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findRollbackTarget } from '../../../src/actions/rollback/target.js';

const td = (family: string, n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:${n}`;

describe('findRollbackTarget', () => {
  const cases: { name: string; current: string; list: string[]; want: string | undefined }[] = [
    { name: 'the revision right before the current one', current: td('web', 5), list: [td('web', 6), td('web', 5), td('web', 4), td('web', 3)], want: td('web', 4) },
    { name: 'deregistered revisions (not listed) are skipped', current: td('web', 5), list: [td('web', 5), td('web', 2)], want: td('web', 2) },
    {
      name: 'families sharing the prefix are not candidates',
      current: td('web', 5),
      list: [td('web', 5), td('web-worker', 9), td('web-worker', 8), td('web', 1)],
      want: td('web', 1),
    },
    { name: 'the oldest revision has nothing before it', current: td('web', 1), list: [td('web', 2), td('web', 1)], want: undefined },
    { name: 'a current revision that is not listed (INACTIVE) has no target', current: td('web', 7), list: [td('web', 6)], want: undefined },
  ];
  for (const c of cases) it(c.name, () => assert.equal(findRollbackTarget(c.current, c.list), c.want));
});
