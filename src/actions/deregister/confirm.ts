/**
 * Confirmation before a destructive step, through the IoHost. A host that cannot ask (no
 * terminal, JSON output) answers `undefined`: the step is refused and the user told to pass
 * `--force` (exit 2, nothing changed).
 */
import type { ActionContext } from '../../context.js';
import { UserInputError } from '../../errors.js';

/** Options of {@link confirm}. */
export interface ConfirmOptions {
  /** Stable message code of the question, e.g. `ECSX_DELETE_CONFIRM`. */
  code: string;
  /** The question, e.g. `Deregister app:3? [y/N]`. */
  question: string;
  /** What would happen, for the refusal message: `deregister app:3`. */
  action: string;
  /** The flag that skips the question. */
  forceFlag?: string;
  /**
   * The answer that confirms: a typed word (e.g. the service name), or by default yes/y
   * (case-insensitive).
   */
  expect?: string;
}

/** Asks; resolves when confirmed, throws `NOT_CONFIRMED` otherwise. */
export async function confirm(ctx: ActionContext, o: ConfirmOptions): Promise<void> {
  const force = o.forceFlag ?? '--force';
  const answer = await ctx.io.requestResponse<string | undefined>({
    code: o.code,
    level: 'info',
    message: o.question,
    time: ctx.clock.now(),
    defaultResponse: undefined,
    data: { action: o.action, expect: o.expect ?? 'yes' },
  });
  if (answer === undefined) {
    throw new UserInputError('NOT_CONFIRMED', `refusing to ${o.action} without confirmation: there is no terminal to ask on; pass ${force} to go ahead`);
  }
  const ok = o.expect !== undefined ? answer.trim() === o.expect : /^y(es)?$/i.test(answer.trim());
  if (!ok) {
    const why = o.expect !== undefined ? `the answer did not match ${JSON.stringify(o.expect)}` : 'not confirmed';
    throw new UserInputError('NOT_CONFIRMED', `cancelled (${why}): did not ${o.action}`);
  }
}
