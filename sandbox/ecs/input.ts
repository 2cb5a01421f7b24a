/**
 * Typed readers for the parsed JSON input. The SDKs validate types client-side, so the wording
 * here only matters for hand-written requests; missing required members and wrong types are
 * reported as InvalidParameterException, which is what ECS returns for malformed parameters.
 */
import { invalidParameter } from './errors.js';

export type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function optString(input: Json, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParameter(`${key} must be a string.`);
  return v;
}

export function reqString(input: Json, key: string): string {
  const v = optString(input, key);
  if (v === undefined || v === '') throw invalidParameter(`${key} can not be blank.`);
  return v;
}

export function optInt(input: Json, key: string, min?: number, max?: number): number | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidParameter(`${key} must be an integer.`);
  if (min !== undefined && v < min) throw invalidParameter(`${key} must be greater than or equal to ${min}.`);
  if (max !== undefined && v > max) throw invalidParameter(`${key} must be less than or equal to ${max}.`);
  return v;
}

export function optBool(input: Json, key: string): boolean | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidParameter(`${key} must be a boolean.`);
  return v;
}

export function optObject(input: Json, key: string): Json | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw invalidParameter(`${key} must be an object.`);
  return v;
}

export function optList<T = unknown>(input: Json, key: string): T[] | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidParameter(`${key} must be a list.`);
  return v as T[];
}

export function optStringList(input: Json, key: string): string[] | undefined {
  const list = optList(input, key);
  if (list && list.some((s) => typeof s !== 'string')) throw invalidParameter(`${key} must be a list of strings.`);
  return list as string[] | undefined;
}

export function optEnum<T extends string>(input: Json, key: string, values: readonly T[]): T | undefined {
  const v = optString(input, key);
  if (v === undefined) return undefined;
  if (!values.includes(v as T)) {
    throw invalidParameter(`${key} must be one of: ${values.join(', ')}.`);
  }
  return v as T;
}

/** Deep copy of plain JSON data, so stored state never aliases caller input or returned output. */
export const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** Simulated epoch ms → the wire format: epoch seconds with a millisecond fraction (reference §0). */
export const secs = (ms: number): number => Math.round(ms) / 1000;

/** Drops undefined members, so output objects carry only what AWS would send. */
export function compact<T extends Json>(obj: T): T {
  for (const k of Object.keys(obj)) if (obj[k] === undefined) delete obj[k];
  return obj;
}
