/**
 * Per-run cache behind the synchronous plugin functions. A miss throws `PendingFetch`; the loader
 * awaits the fetch and evaluates again, and the second call finds the value (see src/pending.ts).
 *
 * Failures are cached too and re-thrown synchronously from the function call, so the template
 * engine can attach the file:line:col of the call to the error, and a failing fetch is not retried
 * in a loop.
 */
import { PendingFetch } from '../pending.js';

type Entry<T> =
  | { state: 'ok'; value: T }
  | { state: 'error'; error: unknown }
  | { state: 'loading'; promise: Promise<void> };

export class FetchCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** The cached value for `key`; throws the cached error, or `PendingFetch` running `load` once. */
  get(key: string, load: () => Promise<T>): T {
    const entry = this.entries.get(key);
    if (entry?.state === 'ok') return entry.value;
    if (entry?.state === 'error') throw entry.error;
    if (entry?.state === 'loading') {
      const promise = entry.promise;
      throw new PendingFetch(() => promise);
    }
    throw new PendingFetch(() => this.start(key, load));
  }

  /** Stores a value directly (used by tests and for values known up front). */
  set(key: string, value: T): void {
    this.entries.set(key, { state: 'ok', value });
  }

  /** True when `key` has a settled value or error. */
  has(key: string): boolean {
    const state = this.entries.get(key)?.state;
    return state === 'ok' || state === 'error';
  }

  private start(key: string, load: () => Promise<T>): Promise<void> {
    const existing = this.entries.get(key);
    if (existing?.state === 'loading') return existing.promise;
    if (existing) return Promise.resolve();
    const promise = (async () => {
      try {
        this.entries.set(key, { state: 'ok', value: await load() });
      } catch (error) {
        this.entries.set(key, { state: 'error', error });
      }
    })();
    this.entries.set(key, { state: 'loading', promise });
    return promise;
  }
}
