/** How many tasks a deploy asks for (ecspresso's calcDesiredCount). Pure. */

/** `--tasks` default: take the count from the service definition. */
export const DEFAULT_TASKS = -1;

/**
 * The desiredCount to send: none for DAEMON services (ECS places one task per instance); the
 * definition's `desiredCount` when `--tasks` is absent or -1 (none when the definition has none,
 * which leaves the running count alone, ecspresso #274); otherwise `--tasks`.
 */
export function calcDesiredCount(definition: { schedulingStrategy?: string; desiredCount?: number } | undefined, tasks: number | undefined): number | undefined {
  if (definition?.schedulingStrategy === 'DAEMON') return undefined;
  if (tasks === undefined || tasks === DEFAULT_TASKS) return definition?.desiredCount;
  return tasks;
}
