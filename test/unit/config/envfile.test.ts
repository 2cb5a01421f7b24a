import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseEnvFile } from '../../../src/config/envfile.js';
import { ConfigError } from '../../../src/errors.js';

const fixtures = new URL('../../../../shared/compat/ecspresso/tests/', import.meta.url);

test('ecspresso fixture envfile and envfile2', () => {
  assert.deepEqual(parseEnvFile(readFileSync(new URL('envfile', fixtures), 'utf8'), 'envfile'), [['ECSPRESSO_TEST', 'ok']]);
  assert.deepEqual(parseEnvFile(readFileSync(new URL('envfile2', fixtures), 'utf8'), 'envfile2'), [
    ['ECSPRESSO_TEST', 'ok2'],
    ['ECSPRESSO_TEST2', 'ok2'],
  ]);
});

const cases: [string, [string, string][]][] = [
  ['A=1\n# comment\n\nB=two words', [['A', '1'], ['B', 'two words']]],
  ["A='x # y'", [['A', 'x # y']]],
  ['A="line\\nbreak"', [['A', 'line\nbreak']]],
  ['A=1 # trailing', [['A', '1']]],
  ['export   A=b=c', [['A', 'b=c']]],
  ['A=', [['A', '']]],
];
for (const [text, want] of cases) test(`parseEnvFile ${JSON.stringify(text)}`, () => assert.deepEqual(parseEnvFile(text, 'f'), want));

const bad: [string, number, number][] = [
  ['A=1\nnot a pair', 2, 1],
  ['=x', 1, 1],
  ['1A=x', 1, 1],
  ["A='open", 1, 3],
  ['A="open', 1, 3],
];
for (const [text, line, col] of bad) {
  test(`parseEnvFile rejects ${JSON.stringify(text)} at ${line}:${col}`, () =>
    assert.throws(() => parseEnvFile(text, 'f.env'), (e: unknown) => e instanceof ConfigError && e.pos?.line === line && e.pos?.col === col));
}
