/**
 * Checks of scalar JSON values against scalar ECS shapes (string, enum, integer, long, double,
 * boolean, timestamp). Like ecspresso (Go's encoding/json) and the AWS CLI, a value of the wrong
 * JSON type is an error, never silently converted: `"cpu": 256` must be written `"cpu": "256"`.
 */
import type { Node } from 'jsonc-parser/lib/esm/main.js';
import type { Shape } from './shapes.js';
import { didYouMean } from './suggest.js';

/** The outcome of checking one scalar: the value to keep, or a message (without the path). */
export type ScalarResult = { ok: true; value: unknown } | { ok: false; message: string };

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function short(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s);
}

/** How a JSON value reads in "got ..." messages. */
export function describeNode(node: Node): string {
  switch (node.type) {
    case 'string':
      return `string ${short(node.value as string)}`;
    case 'number':
      return Number.isInteger(node.value) ? `integer ${node.value}` : `number ${node.value}`;
    case 'boolean':
      return `boolean ${node.value}`;
    default:
      return node.type;
  }
}

/** The JSON type a shape expects, as used in messages. */
export function expectedName(shape: Shape): string {
  switch (shape.type) {
    case 'structure':
    case 'map':
      return 'object';
    case 'list':
      return 'array';
    case 'long':
      return 'integer';
    case 'double':
    case 'float':
      return 'number';
    case 'timestamp':
      return 'timestamp';
    case 'blob':
      return 'string';
    default:
      return shape.type;
  }
}

/** `expected X, got Y`, with a hint when the fix is obvious (quotes added or removed). */
export function typeMismatch(shape: Shape, node: Node): string {
  const want = expectedName(shape);
  let hint = '';
  if (want === 'array') {
    hint = ' (use a list: [ ... ])';
  } else if (want === 'string' && (node.type === 'number' || node.type === 'boolean')) {
    hint = ` (write it as a string: "${node.value}")`;
  } else if (node.type === 'string') {
    const s = (node.value as string).trim();
    if ((want === 'integer' || want === 'number') && s !== '' && Number.isFinite(Number(s))) hint = ` (remove the quotes: ${s})`;
    if (want === 'boolean' && (s === 'true' || s === 'false')) hint = ` (remove the quotes: ${s})`;
  }
  return `expected ${want}, got ${describeNode(node)}${hint}`;
}

function range(shape: { min?: number; max?: number }): string {
  if (shape.min !== undefined && shape.max !== undefined) return `between ${shape.min} and ${shape.max}`;
  return shape.min !== undefined ? `at least ${shape.min}` : `at most ${shape.max}`;
}

function checkString(shape: Extract<Shape, { type: 'string' }>, value: string): ScalarResult {
  if (shape.enum && !shape.enum.includes(value)) {
    return {
      ok: false,
      message: `invalid value ${short(value)}; expected one of: ${shape.enum.join(', ')}${didYouMean(value, shape.enum)}`,
    };
  }
  const n = [...value].length;
  if ((shape.min !== undefined && n < shape.min) || (shape.max !== undefined && n > shape.max)) {
    return { ok: false, message: `expected a string of ${range(shape)} characters, got ${n}` };
  }
  return { ok: true, value };
}

function checkNumber(shape: Extract<Shape, { type: 'integer' | 'long' | 'double' | 'float' }>, value: number): ScalarResult {
  if (!Number.isFinite(value)) return { ok: false, message: `number ${value} is out of range` };
  const integral = shape.type === 'integer' || shape.type === 'long';
  if (integral && !Number.isInteger(value)) return { ok: false, message: `expected integer, got number ${value}` };
  if (shape.type === 'integer' && (value < INT32_MIN || value > INT32_MAX)) {
    return { ok: false, message: `expected a 32-bit integer, got ${value}` };
  }
  if (shape.type === 'long' && !Number.isSafeInteger(value)) return { ok: false, message: `integer ${value} is too large` };
  if ((shape.min !== undefined && value < shape.min) || (shape.max !== undefined && value > shape.max)) {
    return { ok: false, message: `expected ${integral ? 'integer' : 'number'} ${range(shape)}, got ${value}` };
  }
  return { ok: true, value };
}

/** Timestamps (only in read-only output fields) as the SDK wants them: Date. */
function checkTimestamp(node: Node): ScalarResult {
  const d = node.type === 'number' ? new Date((node.value as number) * 1000) : new Date(node.value as string);
  if (Number.isNaN(d.getTime())) return { ok: false, message: `invalid timestamp ${describeNode(node)}` };
  return { ok: true, value: d };
}

/** Checks a scalar node against a scalar shape. */
export function checkScalar(shape: Shape, node: Node): ScalarResult {
  switch (shape.type) {
    case 'string':
      return node.type === 'string' ? checkString(shape, node.value as string) : { ok: false, message: typeMismatch(shape, node) };
    case 'blob':
      return node.type === 'string' ? { ok: true, value: node.value } : { ok: false, message: typeMismatch(shape, node) };
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return node.type === 'number' ? checkNumber(shape, node.value as number) : { ok: false, message: typeMismatch(shape, node) };
    case 'boolean':
      return node.type === 'boolean' ? { ok: true, value: node.value } : { ok: false, message: typeMismatch(shape, node) };
    case 'timestamp':
      return node.type === 'number' || node.type === 'string' ? checkTimestamp(node) : { ok: false, message: typeMismatch(shape, node) };
    default:
      throw new Error(`checkScalar: ${shape.type} is not a scalar shape`);
  }
}
