/**
 * Masking of API inputs before they are logged (`ecsx --debug`): values of fields that hold
 * secrets by name (`SecretString`, `Password`, `SecretAccessKey` …) are replaced, binary blobs
 * are summarised, and registered secret values (resolved SecureString parameters, …) are masked
 * wherever they appear, e.g. inside a container's environment.
 */

export const MASKED = '********';

/** Field names whose values are secret, whatever the service. */
const SECRET_KEY = /^(secretstring|secretbinary|password|newpassword|oldpassword|secretaccesskey|sessiontoken|privatekey|certificatechain|authtoken|clientsecret)$/i;

/** A JSON-safe copy of `input` with secrets masked; `mask` masks registered secret values in strings. */
export function maskApiInput(input: unknown, mask?: (text: string) => string): unknown {
  return walk(input, mask, 0);
}

function walk(v: unknown, mask: ((text: string) => string) | undefined, depth: number): unknown {
  if (depth > 32) return '…';
  if (typeof v === 'string') return mask ? mask(v) : v;
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `<${v.byteLength} bytes>`;
  if (Array.isArray(v)) return v.map((x) => walk(x, mask, depth + 1));
  const out: Record<string, unknown> = {};
  // SSM PutParameter: the value of a SecureString parameter.
  const secure = (v as { Type?: unknown }).Type === 'SecureString';
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    const secret = SECRET_KEY.test(k) || (secure && k === 'Value');
    out[k] = secret && x !== null ? MASKED : walk(x, mask, depth + 1);
  }
  return out;
}
