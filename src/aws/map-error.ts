/**
 * Turns AWS SDK errors into user-facing EcsxErrors at the edge of an action. Inside an action the
 * raw SDK error is kept (so `isNotFound()` and friends work); {@link withAwsErrors} maps whatever
 * escapes. Missing resources named by the config are the user's to fix (exit 2); missing
 * permissions say which IAM action to grant; everything else keeps the SDK's message.
 */
import { AwsCallError, EcsxError, UserInputError } from '../errors.js';
import { awsErrorCode, isAccessDenied, isThrottle, toAwsCallError } from './errors.js';

/** What the action was working on, to name it in messages. */
export interface ErrorHint {
  cluster?: string;
  service?: string;
}

const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'AuthFailure',
]);

interface Marked {
  $ecsxService?: string;
  $ecsxOperation?: string;
  message?: string;
}

/** Where a call failed, as marked by the clients' middleware; `aws`/`call` when unknown. */
export function failedCall(err: unknown): { service: string; operation: string } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Marked;
  return { service: e.$ecsxService ?? 'aws', operation: e.$ecsxOperation ?? 'call' };
}

/** Maps one error; EcsxErrors pass through unchanged. */
export function toEcsxError(err: unknown, hint: ErrorHint = {}): EcsxError {
  if (err instanceof EcsxError) return err;
  const { service, operation } = failedCall(err);
  const code = awsErrorCode(err);
  const sdkMessage = (err as Marked | undefined)?.message ?? String(err);
  const where = hint.cluster ? ` in cluster ${hint.cluster}` : '';
  switch (code) {
    case 'ServiceNotFoundException':
      return new UserInputError(
        'SERVICE_NOT_FOUND',
        `service ${hint.service ?? ''}${hint.service ? ' ' : ''}not found${where} (${operation}): check \`service\` and \`cluster\` in the config`,
        { cause: err },
      );
    case 'ClusterNotFoundException':
      return new UserInputError('CLUSTER_NOT_FOUND', `cluster ${hint.cluster ?? ''}${hint.cluster ? ' ' : ''}not found (${operation}): check \`cluster\` and \`region\` in the config`, {
        cause: err,
      });
    case 'ServiceNotActiveException':
      return new UserInputError('SERVICE_NOT_ACTIVE', `service ${hint.service ?? ''}${hint.service ? ' ' : ''}is not ACTIVE (it is being or has been deleted) (${operation})`, {
        cause: err,
      });
  }
  // The SDK's own configuration error, raised before any request is made.
  if (/^Region is missing/.test(sdkMessage)) {
    return new UserInputError('NO_REGION', 'no AWS region: set `region` in the config, pass --region, or set AWS_REGION', { cause: err });
  }
  if (code && CREDENTIALS.has(code)) {
    return new AwsCallError(`${service}: ${operation}: AWS credentials are missing, expired or invalid (${code}): ${sdkMessage}`, {
      cause: err,
      awsCode: code,
      operation,
    });
  }
  if (isAccessDenied(err)) {
    // AWS usually names the action ("is not authorized to perform: ecs:DeleteService on resource: …").
    const action = /perform:\s*([a-z0-9-]+:[A-Za-z0-9]+)/.exec(sdkMessage)?.[1] ?? `${service}:${operation}`;
    return new AwsCallError(`${service}: access denied to ${operation}: the credentials in use need the IAM permission ${action} (${code ?? 'HTTP 403'})`, {
      cause: err,
      awsCode: code,
      operation,
    });
  }
  if (isThrottle(err)) return toAwsCallError(err, { service, operation, what: `${operation} was throttled and the retries ran out; try again later` });
  return toAwsCallError(err, { service, operation });
}

/** Runs `fn`, mapping any error that escapes with {@link toEcsxError}. */
export async function withAwsErrors<T>(fn: () => Promise<T>, hint: ErrorHint = {}): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toEcsxError(err, hint);
  }
}
