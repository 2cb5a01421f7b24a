/**
 * CreateExpressGatewayService with retries for the errors a first create meets right after the
 * roles were made (reference §2.4, §5.1, §9.8): IAM is eventually consistent, and the service-
 * linked roles are created on first use. Terraform retries the same errors for about 2 minutes.
 */
import {
  CreateExpressGatewayServiceCommand,
  type CreateExpressGatewayServiceCommandInput,
  type ECSClient,
  type ECSExpressGatewayService,
} from '@aws-sdk/client-ecs';
import type { Clock } from '../clock.js';
import { awsErrorCode } from '../aws/errors.js';
import type { IoHost } from '../io/messages.js';

/** How long a first create keeps retrying IAM-propagation errors (ms). */
export const CREATE_RETRY_MS = 2 * 60 * 1000;

/**
 * Errors that go away by themselves within minutes: a role just created that ECS cannot assume
 * yet, credentials not yet valid, the service-linked role being created, and a name still held
 * by a service that is finishing draining.
 */
export function isTransientCreateError(err: unknown): boolean {
  const code = awsErrorCode(err);
  const msg = (err as { message?: string } | undefined)?.message ?? '';
  if (code === 'AccessDeniedException' && /assume role|sts:AssumeRole|cannot assume/i.test(msg)) return true;
  if (code === 'ClientException' && /not able to validate the provided access credentials/i.test(msg)) return true;
  if (code === 'InvalidParameterException' && /unable to assume the service linked role|still draining/i.test(msg)) return true;
  return false;
}

/** Options of {@link createExpressService}. */
export interface CreateExpressOptions {
  io: IoHost;
  clock: Clock;
  signal?: AbortSignal;
  /** Default {@link CREATE_RETRY_MS}. */
  retryForMs?: number;
}

/** Creates the service, retrying {@link isTransientCreateError} errors for a bounded time. */
export async function createExpressService(ecs: ECSClient, input: CreateExpressGatewayServiceCommandInput, o: CreateExpressOptions): Promise<ECSExpressGatewayService> {
  const deadline = o.clock.now() + (o.retryForMs ?? CREATE_RETRY_MS);
  let wait = 5000;
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await ecs.send(new CreateExpressGatewayServiceCommand(input));
      return out.service ?? {};
    } catch (err) {
      const now = o.clock.now();
      if (!isTransientCreateError(err) || now + wait > deadline) throw err;
      await o.io.notify({
        code: 'ECSX_EXPRESS_CREATE_RETRY',
        level: 'warn',
        message: `CreateExpressGatewayService: ${(err as Error).message} — ${/draining/i.test((err as Error).message) ? 'the old service is still being removed' : 'IAM changes take a moment to propagate'}; retrying in ${wait / 1000}s (attempt ${attempt})`,
        time: now,
        data: { attempt, error: awsErrorCode(err) },
      });
      await o.clock.sleep(wait, o.signal);
      wait = Math.min(wait * 2, 20_000);
    }
  }
}
