/**
 * Classification of AWS SDK v3 errors. SDK errors carry the service's error code in `name`
 * (`ParameterNotFound`, `NoSuchKey`, `ThrottlingException`) and the HTTP status in `$metadata`.
 */
import { AwsCallError, EcsxError } from '../errors.js';

interface SdkErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $fault?: 'client' | 'server';
}

function asSdk(err: unknown): SdkErrorLike {
  return typeof err === 'object' && err !== null ? (err as SdkErrorLike) : {};
}

/** The AWS error code of an SDK error (`ParameterNotFound`), or a Node network code (`ECONNREFUSED`). */
export function awsErrorCode(err: unknown): string | undefined {
  const e = asSdk(err);
  const code = e.Code ?? e.code;
  if (typeof code === 'string' && code) return code;
  if (typeof e.name === 'string' && e.name && e.name !== 'Error') return e.name;
  return undefined;
}

/** HTTP status of the failed call, when the SDK got a response. */
export function httpStatus(err: unknown): number | undefined {
  return asSdk(err).$metadata?.httpStatusCode;
}

const NOT_FOUND = new Set([
  'NotFound',
  'NoSuchKey',
  'NoSuchBucket',
  'ParameterNotFound',
  'ParameterVersionNotFound',
  'ResourceNotFoundException',
  'ServiceNotFoundException',
  'ClusterNotFoundException',
  'NoSuchEntity',
  'StackNotFoundException',
]);

const THROTTLE = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'CredentialsProviderError',
]);

/** True for "the thing does not exist" errors, including CloudFormation's `ValidationError … does not exist`. */
export function isNotFound(err: unknown): boolean {
  const code = awsErrorCode(err);
  if (code && NOT_FOUND.has(code)) return true;
  if (code === 'ValidationError' && /does not exist/i.test(asSdk(err).message ?? '')) return true;
  return httpStatus(err) === 404;
}

/** True for throttling (the SDK already retried; seeing it here means retries ran out). */
export function isThrottle(err: unknown): boolean {
  const code = awsErrorCode(err);
  return (code !== undefined && THROTTLE.has(code)) || httpStatus(err) === 429;
}

/** True for missing permissions or missing / invalid credentials. */
export function isAccessDenied(err: unknown): boolean {
  const code = awsErrorCode(err);
  return (code !== undefined && ACCESS_DENIED.has(code)) || httpStatus(err) === 403;
}

/** Where the failed call was made; `what` is a human description used instead of the SDK's message. */
export interface AwsCallContext {
  /** Short service name as users know it: `ssm`, `s3`, `cloudformation`. */
  service: string;
  /** API operation, e.g. `GetParameter`. */
  operation: string;
  /** Human message, e.g. `parameter /foo not found`; defaults to the SDK's message. */
  what?: string;
}

/**
 * Wraps an SDK error into an `AwsCallError`: `ssm: parameter /foo not found (ParameterNotFound)`.
 * An `EcsxError` is returned unchanged. Never include request parameters that may be secret in `what`.
 */
export function toAwsCallError(err: unknown, ctx: AwsCallContext): EcsxError {
  if (err instanceof EcsxError) return err;
  const code = awsErrorCode(err);
  const sdkMessage = asSdk(err).message ?? String(err);
  let what = ctx.what ?? `${ctx.operation} failed: ${sdkMessage}`;
  if (!ctx.what && code === 'CredentialsProviderError') what = `${ctx.operation}: no AWS credentials found (${sdkMessage})`;
  else if (!ctx.what && isThrottle(err)) what = `${ctx.operation} was throttled and retries ran out`;
  const message = code ? `${ctx.service}: ${what} (${code})` : `${ctx.service}: ${what}`;
  return new AwsCallError(message, { cause: err, awsCode: code, operation: ctx.operation });
}
