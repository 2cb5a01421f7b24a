/**
 * How JavaScript values play the parts of Go values inside templates.
 *
 * Go's `reflect.Value` distinguishes an *invalid* value (a missing map key) from a nil
 * interface; we use `undefined` for the first and `null` for the second. Arrays are Go slices,
 * plain objects and `Map`s are Go maps, and a number is an `int` when it is integral and a
 * `float64` otherwise (Go keeps the two apart; a JSON document only has numbers).
 */
import { SourcePos, TemplateError } from '../errors.js';

/**
 * Thrown by a template function when an argument has the wrong type. The executor reports it
 * as Go does for a typed parameter (`wrong type for value; expected string; got int`), at the
 * call's position and without the `error calling NAME:` prefix.
 */
export class TemplateArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateArgumentError';
  }
}

/** Fails unless `v` is a string, with Go's message for a typed `string` parameter. */
export function expectString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) throw new TemplateArgumentError('invalid value; expected string');
  throw new TemplateArgumentError(`wrong type for value; expected string; got ${typeName(v)}`);
}

/** A Go map: a `Map` or any non-array object. */
export function isMap(v: unknown): v is Record<string, unknown> | Map<unknown, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a number plays a Go `int` (integral) rather than a `float64`. */
export function isInt(v: unknown): v is number | bigint {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}

/** The Go type name used in messages (`int`, `string`, `[]interface {}`, ...). */
export function typeName(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float64';
    case 'function':
      return 'func(...interface {}) interface {}';
    case 'undefined':
      return '<nil>';
  }
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Go's `len` of a map. */
export function mapSize(m: Record<string, unknown> | Map<unknown, unknown>): number {
  return m instanceof Map ? m.size : Object.keys(m).length;
}

/** Own entry of a map, `undefined` when absent (never reaches the prototype chain). */
export function mapGet(m: Record<string, unknown> | Map<unknown, unknown>, key: unknown): unknown {
  if (m instanceof Map) return m.get(key);
  const k = String(key);
  return Object.prototype.hasOwnProperty.call(m, k) ? m[k] : undefined;
}

/** Map keys in Go's sorted order (numbers numerically, strings by code unit). */
export function sortedKeys(m: Record<string, unknown> | Map<unknown, unknown>): unknown[] {
  const keys = m instanceof Map ? [...m.keys()] : Object.keys(m);
  return keys.sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Go's truth: false for zero values, nil, and empty strings, slices and maps. */
export function isTrue(v: unknown): boolean {
  switch (typeof v) {
    case 'undefined':
      return false;
    case 'boolean':
      return v;
    case 'number':
      return v !== 0; // NaN is true, as in Go
    case 'bigint':
      return v !== 0n;
    case 'string':
      return v.length > 0;
    case 'function':
      return true;
  }
  if (v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  return mapSize(v as Record<string, unknown>) > 0;
}

/** The byte length of a string in UTF-8, which is what Go's `len` counts. */
export function utf8Length(s: string): number {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s.length : Buffer.byteLength(s, 'utf8');
}

/** 1-based line and column of `offset` in `text` (columns count UTF-16 code units). */
export function positionOf(file: string, text: string, offset: number): SourcePos {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { file, line, col: offset - lineStart + 1 };
}

/** A template error at `offset` of the template's original text. */
export function errorAt(file: string, text: string, offset: number, message: string, cause?: unknown): TemplateError {
  return new TemplateError(message, positionOf(file, text, offset), cause);
}
