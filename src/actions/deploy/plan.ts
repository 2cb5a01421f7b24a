/** The API calls a deploy makes, kept as data so `--dry-run` can print exactly what would be sent. */

/** One API call. */
export interface PlannedCall {
  /** `ecs`, `application-autoscaling`. */
  service: string;
  operation: string;
  input: unknown;
  /** Why it is made, one line. */
  note?: string;
}

/** Placeholder for the ARN RegisterTaskDefinition would return (dry run only). */
export function pendingRevision(family: string | undefined): string {
  return `${family ?? '?'}:<revision registered by this command>`;
}

/** The calls as text: `ecs UpdateService  # note` followed by the input as indented JSON. */
export function formatPlan(calls: PlannedCall[]): string {
  if (!calls.length) return 'no API calls would be made';
  return calls
    .map((c) => `${c.service} ${c.operation}${c.note ? `  # ${c.note}` : ''}\n${JSON.stringify(c.input, null, 2).replace(/^/gm, '  ')}`)
    .join('\n');
}
