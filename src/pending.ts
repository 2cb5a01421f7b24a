/**
 * Template functions and Jsonnet native callbacks are synchronous (as in Go), but some values
 * (an S3 tfstate, an SSM parameter) need an async fetch first. A function whose value is not
 * cached yet throws `PendingFetch`; the caller awaits `fetch()` (which fills the cache) and
 * evaluates again. Evaluation is pure, so re-running it is safe, and each value is fetched once.
 */
export class PendingFetch extends Error {
  constructor(readonly fetch: () => Promise<void>) {
    super('value not fetched yet');
    this.name = 'PendingFetch';
  }
}

/** Runs `evaluate` until it no longer throws PendingFetch, awaiting each fetch in between. */
export async function evaluateWithFetches<T>(evaluate: () => T, maxRounds = 1000): Promise<T> {
  for (let round = 0; ; round++) {
    try {
      return evaluate();
    } catch (err) {
      if (!(err instanceof PendingFetch) || round >= maxRounds) throw err;
      await err.fetch();
    }
  }
}
