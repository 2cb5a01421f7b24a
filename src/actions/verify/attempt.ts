/** Running one verify check: AWS errors become NG, missing permissions WARN (ecspresso's rule). */
import { awsErrorCode, isAccessDenied } from '../../aws/errors.js';
import { failedCall } from '../../aws/map-error.js';
import { ng, warn, type VerifyNode } from './tree.js';

/** Runs `check`; a thrown error becomes a leaf named `name`. */
export async function attempt(name: string, check: () => Promise<VerifyNode>): Promise<VerifyNode> {
  try {
    return await check();
  } catch (err) {
    const { service, operation } = failedCall(err);
    const code = awsErrorCode(err);
    if (isAccessDenied(err)) return warn(name, `cannot check: access denied to ${service}:${operation}${code ? ` (${code})` : ''}`);
    const message = (err as Error)?.message ?? String(err);
    return ng(name, `${operation !== 'call' ? `${service} ${operation} failed: ` : ''}${message}${code && !message.includes(code) ? ` (${code})` : ''}`);
  }
}
