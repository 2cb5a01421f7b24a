/** Image digests: a stable fake `sha256:` digest per image reference, as if resolved by a registry. */
import { createHash } from 'node:crypto';

export const imageDigest = (image: string): string => `sha256:${createHash('sha256').update(image).digest('hex')}`;
