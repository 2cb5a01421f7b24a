import { createHash } from 'node:crypto';
import { fail } from '../errors.js';
import { JArray, typeName, type Builtin, type Value } from '../values.js';
import { builtin, str, values } from './builtin.js';

const hash = (name: string, algo: string): Builtin =>
  builtin(name, ['str'], ([s]) => createHash(algo).update(str(s), 'utf8').digest('hex'));

/** A byte array (numbers 0..255) as a Buffer. */
function bytesOf(v: JArray, what: string): Buffer {
  return Buffer.from(values(v).map((b) => {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) {
      fail(`${what}: Expected bytes (integers 0..255) in the array, got ${typeof b === 'number' ? b : typeName(b)}`);
    }
    return b;
  }));
}

function decodeBase64(s: string): Buffer {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) {
    fail(`illegal base64 data: input is not a valid base64 string: ${JSON.stringify(s)}`);
  }
  return Buffer.from(s, 'base64');
}

/** Hashes, base64 and UTF-8 conversions. */
export const encodingBuiltins: Builtin[] = [
  hash('md5', 'md5'), hash('sha1', 'sha1'), hash('sha256', 'sha256'), hash('sha512', 'sha512'), hash('sha3', 'sha3-512'),
  builtin('base64', ['input'], ([v]) => {
    if (typeof v === 'string') return Buffer.from(v, 'utf8').toString('base64');
    if (v instanceof JArray) return bytesOf(v, 'base64').toString('base64');
    return fail(`base64 expects a string or an array of bytes, got ${typeName(v)}`);
  }),
  builtin('base64Decode', ['str'], ([s]) => decodeBase64(str(s)).toString('utf8')),
  builtin('base64DecodeBytes', ['str'], ([s]) => JArray.of([...decodeBase64(str(s))])),
  builtin('encodeUTF8', ['str'], ([s]) => JArray.of([...Buffer.from(str(s), 'utf8')])),
  builtin('decodeUTF8', ['arr'], ([a]) => {
    if (!(a instanceof JArray)) return fail(`Unexpected type ${typeName(a as Value)}, expected array`);
    return bytesOf(a, 'decodeUTF8').toString('utf8');
  }),
];
