import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserInputError } from '../../../src/errors.js';
import { checkWaitUntil, nextInterval, parseWaitUntil, stageIndex } from '../../../src/monitor/index.js';

const intervals: [number | undefined, boolean, number][] = [
  [undefined, false, 1000],
  [1000, false, 1500],
  [1500, false, 2250],
  [2250, false, 3375],
  [3375, false, 5063],
  [5063, false, 7595],
  [7595, false, 10_000],
  [10_000, false, 10_000],
  [10_000, true, 1000],
  [2250, true, 1000],
];
for (const [prev, changed, want] of intervals) {
  test(`nextInterval(${prev}, ${changed}) = ${want}`, () => assert.equal(nextInterval(prev, changed), want));
}

test('nextInterval honours a custom schedule', () => {
  assert.equal(nextInterval(200, false, { minMs: 200, maxMs: 250 }), 250);
  assert.equal(nextInterval(250, true, { minMs: 200, maxMs: 250 }), 200);
  assert.equal(nextInterval(100, false, { minMs: 1000, maxMs: 5000, factor: 2 }), 1000);
});

const waits: [string, string | RegExp][] = [
  ['stable', 'stable'],
  ['deployed', 'deployed'],
  ['ecs:BAKE_TIME', 'ecs:BAKE_TIME'],
  ['ecs:post_scale_up', 'ecs:POST_SCALE_UP'],
  ['ecs:PRE_PRODUCTION_TRAFFIC_SHIFT', /unknown lifecycle stage/],
  ['steady', /invalid --wait-until/],
];
for (const [input, want] of waits) {
  test(`parseWaitUntil(${input})`, () => {
    if (typeof want === 'string') assert.equal(parseWaitUntil(input), want);
    else assert.throws(() => parseWaitUntil(input), (e: unknown) => e instanceof UserInputError && want.test(e.message));
  });
}

test('stage order is ECS order', () => {
  assert.ok(stageIndex('RECONCILE_SERVICE') < stageIndex('SCALE_UP'));
  assert.ok(stageIndex('POST_TEST_TRAFFIC_SHIFT') < stageIndex('PRODUCTION_TRAFFIC_SHIFT'));
  assert.ok(stageIndex('BAKE_TIME') < stageIndex('CLEAN_UP'));
  assert.equal(stageIndex('NOPE'), -1);
});

const strategies: [string | undefined, string | undefined, boolean][] = [
  [undefined, undefined, false],
  ['ROLLING', 'ECS', false],
  ['BLUE_GREEN', 'ECS', true],
  ['CANARY', undefined, true],
  ['LINEAR', 'ECS', true],
  ['BLUE_GREEN', 'CODE_DEPLOY', false],
];
for (const [strategy, controller, ok] of strategies) {
  test(`checkWaitUntil ecs:SCALE_UP with ${strategy ?? 'default'} / ${controller ?? 'default'} ${ok ? 'passes' : 'is rejected'}`, () => {
    const s = { deploymentConfiguration: strategy ? { strategy: strategy as 'ROLLING' } : undefined, deploymentController: controller ? { type: controller as 'ECS' } : undefined };
    if (ok) checkWaitUntil(s, 'ecs:SCALE_UP');
    else assert.throws(() => checkWaitUntil(s, 'ecs:SCALE_UP'), UserInputError);
    checkWaitUntil(s, 'stable');
  });
}
