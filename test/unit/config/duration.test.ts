import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '../../../src/config/duration.js';
import { ConfigError } from '../../../src/errors.js';

const ok: [unknown, number][] = [
  ['10s', 10_000],
  ['10m', 600_000],
  ['10m0s', 600_000],
  ['5m10s', 310_000],
  ['1h0m0s', 3_600_000],
  ['1h10m0s', 4_200_000],
  ['300s', 300_000],
  ['1.5h', 5_400_000],
  ['250ms', 250],
  ['0', 0],
  ['-1m', -60_000],
  [600_000_000_000, 600_000], // a bare number is nanoseconds, as in ecspresso v2
];
for (const [input, ms] of ok) test(`parseDuration(${JSON.stringify(input)}) = ${ms}`, () => assert.equal(parseDuration(input), ms));

for (const bad of ['', '10', 'ten minutes', '10x', '1h m', true, {}]) {
  test(`parseDuration(${JSON.stringify(bad)}) fails`, () => assert.throws(() => parseDuration(bad), ConfigError));
}

const fmt: [number, string][] = [
  [10_000, '10s'],
  [600_000, '10m0s'],
  [310_000, '5m10s'],
  [3_600_000, '1h0m0s'],
  [4_200_000, '1h10m0s'],
  [0, '0s'],
  [1500, '1.5s'],
];
for (const [ms, s] of fmt) {
  test(`formatDuration(${ms}) = ${s} and round-trips`, () => {
    assert.equal(formatDuration(ms), s);
    assert.equal(parseDuration(s), ms);
  });
}
