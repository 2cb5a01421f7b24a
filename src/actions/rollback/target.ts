/** Choosing what `rollback` goes back to. Pure, apart from {@link listFamilyRevisions}. */
import { ListTaskDefinitionsCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { familyOf } from '../deploy/task-definition.js';

/**
 * ecspresso's FindRollbackTarget: the ACTIVE revision registered right before `current` in the
 * same family. `arnsNewestFirst` is ListTaskDefinitions(familyPrefix, sort DESC); other families
 * that share the prefix (`web` vs `web-worker`) are skipped, which ecspresso does not do.
 * Undefined when `current` is not listed or is the oldest.
 */
export function findRollbackTarget(current: string, arnsNewestFirst: readonly string[]): string | undefined {
  const family = familyOf(current);
  const same = arnsNewestFirst.filter((a) => familyOf(a) === family);
  const i = same.indexOf(current);
  return i >= 0 ? same[i + 1] : undefined;
}

/** ACTIVE revisions of the family of `current`, newest first, read page by page until the one before `current` is known. */
export async function listFamilyRevisions(ecs: ECSClient, current: string): Promise<string[]> {
  const family = familyOf(current);
  const out: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, sort: 'DESC', status: 'ACTIVE', maxResults: 100, nextToken }));
    out.push(...(page.taskDefinitionArns ?? []));
    nextToken = page.nextToken;
    if (findRollbackTarget(current, out)) break;
  } while (nextToken);
  return out;
}
