/**
 * Validates responses against the ECS API model, for tests: a string-returning adapter over the
 * sandbox's own validator (sandbox/validate/validator.ts), which checks the compact output-shape
 * table generated from the model by scripts/gen-ecs-output-shapes.mjs. Every member must be
 * declared by the output shape, required members present, scalars of the right type, enums within
 * their values, timestamps as epoch seconds; error codes must be declared by the operation.
 */
import { formatViolation, validateError, validateOutput as validate } from '../../sandbox/validate/validator.js';

/** Always true: the table ships with the sandbox (kept for callers that used to skip without the model). */
export const modelAvailable = () => true;

/** Problems with `output` as a response of `operation` (empty when valid). */
export function validateOutput(operation: string, output: unknown): string[] {
  return validate(operation, output).map(formatViolation);
}

/** Problems with an error code returned by `operation`. */
export function validateErrorCode(operation: string, code: string): string[] {
  return validateError(operation, code).map((v) => `${v.operation} ${v.problem}`);
}
