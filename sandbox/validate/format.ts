/** One problem with an ECS response, and its one-line form (no model needed, so loaded eagerly). */

/** One problem with a response. `path` is relative to the response body (`services[0].launchType`); '' is the body. */
export interface Violation {
  operation: string;
  path: string;
  problem: string;
}

/** `operation.path: problem`, the one-line form used in logs and test failures. */
export const formatViolation = (v: Violation): string => `${v.operation}${v.path ? `.${v.path}` : ''}: ${v.problem}`;
