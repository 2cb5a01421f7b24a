/** Tag normalisation shared by task definitions, services and Express services. */
import { compareStrings, isObject, type JsonObject } from './json.js';

/**
 * Normalises `obj.tags` in place: drops keys listed in `ignore` (config `ignore.tags`,
 * case-sensitive, as in ecspresso) and keys with the reserved `aws:` prefix (AWS adds those, e.g.
 * `aws:cloudformation:stack-name`, and TagResource rejects them, so a definition can never
 * declare them), then sorts by key (ecspresso sorts tags by key).
 */
export function normalizeTags(obj: JsonObject, ignore: readonly string[] = []): void {
  const tags = obj.tags;
  if (!Array.isArray(tags)) return;
  const skip = new Set(ignore);
  const kept = tags.filter(isObject).filter((t) => {
    const key = typeof t.key === 'string' ? t.key : '';
    return !skip.has(key) && !key.startsWith('aws:');
  });
  kept.sort((a, b) => compareStrings(String(a.key ?? ''), String(b.key ?? '')));
  obj.tags = kept;
}
