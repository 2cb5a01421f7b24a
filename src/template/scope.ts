/**
 * The variable stack of an execution, as in Go: `$` at the bottom, declarations pushed as
 * they run, and everything above a mark popped when a block (or a range iteration) ends.
 */
export class Scope {
  private readonly names: string[] = ['$'];
  private readonly values: unknown[];

  constructor(dot: unknown) {
    this.values = [dot];
  }

  /** The current height, to `pop` back to. */
  mark(): number {
    return this.names.length;
  }

  pop(mark: number): void {
    this.names.length = mark;
    this.values.length = mark;
  }

  push(name: string, value: unknown): void {
    this.names.push(name);
    this.values.push(value);
  }

  /** Sets the innermost variable called `name`; false when there is none. */
  set(name: string, value: unknown): boolean {
    for (let i = this.names.length - 1; i >= 0; i--) {
      if (this.names[i] === name) {
        this.values[i] = value;
        return true;
      }
    }
    return false;
  }

  /** Sets the n-th variable from the top (1 is the top), as Go's setTopVar. */
  setTop(n: number, value: unknown): void {
    this.values[this.values.length - n] = value;
  }

  /** Whether a variable called `name` is in scope. */
  has(name: string): boolean {
    return this.names.includes(name);
  }

  /** The innermost variable called `name` (check `has` first). */
  get(name: string): unknown {
    for (let i = this.names.length - 1; i >= 0; i--) if (this.names[i] === name) return this.values[i];
    return undefined;
  }
}
