/** Identifier generators in the formats ECS uses (reference §0). */
import { randomBytes, randomUUID } from 'node:crypto';

/** Task ids: 32 lowercase hex characters. */
export const newTaskId = (): string => randomBytes(16).toString('hex');

/**
 * The numeric part of a deployment id: 19 decimal digits, leading zeros allowed
 * (`ecs-svc/0207268522327770203`). The same number names the service revision.
 */
export function newDeploymentNumber(): string {
  const digits = randomBytes(19);
  let out = '';
  for (const b of digits) out += String(b % 10);
  return out;
}

/** Service deployment ids: 22 url-safe characters, e.g. `r9i43YFjvgF_xlg7m2eJ1r`. */
export const newServiceDeploymentId = (): string => randomBytes(17).toString('base64url').slice(0, 22);

/** Service event ids are random UUID v4s. */
export const newUuid = (): string => randomUUID();

export const newEniId = (): string => `eni-${randomBytes(9).toString('hex').slice(0, 17)}`;
export const newInstanceId = (): string => `i-${randomBytes(9).toString('hex').slice(0, 17)}`;
export const newMacAddress = (): string =>
  [...randomBytes(6)].map((b, i) => (i === 0 ? (b & 0xfe) | 0x02 : b).toString(16).padStart(2, '0')).join(':');
export const newImageDigest = (): string => `sha256:${randomBytes(32).toString('hex')}`;
