/** `arn:…:task-definition/app:42` → `app:42`; other strings are returned as they are. */
export function shortTaskDefinition(arn: string | undefined): string {
  if (!arn) return '?';
  const i = arn.indexOf('task-definition/');
  return i >= 0 ? arn.slice(i + 'task-definition/'.length) : arn;
}

/** `arn:…:task/cluster/0123abcd…` → `0123abcd…` (the last path segment). */
export function taskIdOf(arn: string | undefined): string {
  if (!arn) return '?';
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** Epoch ms of an SDK Date (or undefined). */
export function ms(d: Date | undefined): number | undefined {
  return d ? d.getTime() : undefined;
}
