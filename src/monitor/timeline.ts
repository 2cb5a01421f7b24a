import type { TimelineEntry } from './types.js';

/** Records phase transitions with their times; the result feeds a Mermaid gantt summary. */
export class Timeline {
  private readonly entries: TimelineEntry[] = [];

  /** Enters `phase` at `now` unless already in it; closes the previous phase. Returns whether it changed. */
  enter(phase: string, now: number): boolean {
    const last = this.entries.at(-1);
    if (last?.phase === phase) return false;
    if (last) last.end = now;
    this.entries.push({ phase, start: now });
    return true;
  }

  /** The current phase, if any. */
  current(): string | undefined {
    return this.entries.at(-1)?.phase;
  }

  /** Closes the last phase at `now` (a final phase like COMPLETED gets a zero-length entry). */
  close(now: number): TimelineEntry[] {
    const last = this.entries.at(-1);
    if (last && last.end === undefined) last.end = now;
    return this.list();
  }

  /** A copy of the entries. */
  list(): TimelineEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }
}
