/**
 * Values that must never reach output: SecureString parameters, sensitive Terraform outputs.
 * Plugins register what they fetch; the CLI masks rendered text and error messages with `mask()`.
 */

/** The placeholder printed instead of a secret. */
export const MASK = '********';

export class SecretRegistry {
  private readonly values = new Set<string>();
  private sorted: string[] | undefined;

  /** Registers a secret. The empty string is ignored. Its JSON-escaped form is registered too, since rendered definitions are JSON. */
  add(value: string): void {
    if (typeof value !== 'string' || value === '') return;
    const before = this.values.size;
    this.values.add(value);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.values.add(escaped);
    if (this.values.size !== before) this.sorted = undefined;
  }

  /** Number of registered values (escaped variants included). */
  get size(): number {
    return this.values.size;
  }

  /** True when `value` is registered. */
  has(value: string): boolean {
    return this.values.has(value);
  }

  /** Replaces every occurrence of every registered secret with `********`, longest first so overlaps mask fully. */
  mask(text: string): string {
    if (this.values.size === 0 || !text) return text;
    this.sorted ??= [...this.values].sort((a, b) => b.length - a.length);
    let out = text;
    for (const secret of this.sorted) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return out;
  }
}
