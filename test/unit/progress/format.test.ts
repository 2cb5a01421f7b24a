import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bar, eraseLines, fitLine, formatElapsed, layoutFor, stripAnsi, visibleWidth } from '../../../src/cli/progress/index.js';

const bars: [number, number, number, string][] = [
  [4, 0, 0, '[░░░░░░░░░░░░]'],
  [4, 4, 0, '[████████████]'],
  [4, 3, 1, '[█████████▒▒▒]'],
  [4, 1, 3, '[███▒▒▒▒▒▒▒▒▒]'],
  [0, 0, 0, '[░░░░░░░░░░░░]'],
  [3, 5, 0, '[████████████]'], // more running than desired while old tasks drain
];
for (const [desired, running, pending, want] of bars) test(`bar ${running}+${pending}/${desired}`, () => assert.equal(bar({ desired, running, pending }), want));

const elapsed: [number, string][] = [[0, '0s'], [999, '0s'], [42_500, '42s'], [125_000, '2m5s'], [3_603_000, '1h0m3s']];
for (const [ms, want] of elapsed) test(`formatElapsed(${ms}) = ${want}`, () => assert.equal(formatElapsed(ms), want));

const layouts: [number, string][] = [[120, 'wide'], [72, 'wide'], [71, 'medium'], [48, 'medium'], [47, 'narrow'], [10, 'narrow']];
for (const [cols, want] of layouts) test(`layoutFor(${cols}) = ${want}`, () => assert.equal(layoutFor(cols), want));

const fits: [string, number, string][] = [
  ['hello', 10, 'hello'],
  ['hello world', 8, 'hello w…'],
  ['\x1b[31mred text here\x1b[39m', 6, '\x1b[31mred t…\x1b[0m'],
  ['█▒░ bars', 4, '█▒░…'],
  ['abc', 0, ''],
];
for (const [s, w, want] of fits) {
  test(`fitLine(${JSON.stringify(s)}, ${w})`, () => {
    assert.equal(fitLine(s, w), want);
    assert.ok(visibleWidth(fitLine(s, w)) <= w);
  });
}

test('eraseLines and stripAnsi', () => {
  assert.equal(eraseLines(0), '');
  assert.equal(eraseLines(3), '\r\x1b[3A\x1b[J');
  assert.equal(stripAnsi('\x1b[1mbold\x1b[22m'), 'bold');
});
