import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateSnippet, JsonnetError, type JsonValue, type JsonnetOptions } from '../../../src/jsonnet/index.js';

/** A table row: name, Jsonnet source, expected JSON. */
export type Case = [name: string, src: string, expected: JsonValue];

/** Registers one test per row: the snippet must evaluate to the expected JSON. */
export function runCases(group: string, cases: Case[], opts?: JsonnetOptions): void {
  for (const [name, src, expected] of cases) {
    test(`${group}: ${name}`, () => {
      assert.deepStrictEqual(evaluateSnippet('test.jsonnet', src, opts), expected);
    });
  }
}

/** A row of error tests: name, source, `line:col`, message (substring). */
export type ErrCase = [name: string, src: string, where: string, message: string];

/** Registers one test per row: evaluation must throw a JsonnetError at `line:col` with the message. */
export function runErrors(group: string, cases: ErrCase[], opts?: JsonnetOptions): void {
  for (const [name, src, where, message] of cases) {
    test(`${group}: ${name}`, () => {
      let caught: unknown;
      try {
        evaluateSnippet('err.jsonnet', src, opts);
      } catch (e) {
        caught = e;
      }
      assert.ok(caught instanceof JsonnetError, `expected a JsonnetError, got ${String(caught)}`);
      assert.equal(`${caught.pos.line}:${caught.pos.col}`, where, caught.describe());
      assert.ok(caught.message.includes(message), `message ${JSON.stringify(caught.message)} lacks ${JSON.stringify(message)}`);
      assert.equal(caught.pos.file, 'err.jsonnet');
    });
  }
}
