/** nextToken/maxResults pagination shared by the List* operations. */
import { invalidParameter } from './errors.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Pages `all` (already filtered and sorted). Tokens are opaque base64 offsets; a token that does
 * not decode is rejected the way ECS rejects one: InvalidParameterException.
 */
export function paginate<T>(
  all: T[],
  opts: { nextToken?: string; maxResults?: number; defaultMax: number; limit: number },
): Page<T> {
  const max = opts.maxResults ?? opts.defaultMax;
  if (max < 1 || max > opts.limit) {
    throw invalidParameter(`maxResults must be between 1 and ${opts.limit}.`);
  }
  let start = 0;
  if (opts.nextToken) {
    const decoded = Number(Buffer.from(opts.nextToken, 'base64url').toString('utf8').replace(/^o:/, ''));
    if (!Number.isInteger(decoded) || decoded < 0) throw invalidParameter('Invalid token');
    start = decoded;
  }
  const items = all.slice(start, start + max);
  const end = start + items.length;
  return {
    items,
    nextToken: end < all.length ? Buffer.from(`o:${end}`, 'utf8').toString('base64url') : undefined,
  };
}
