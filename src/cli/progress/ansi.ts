/**
 * The few ANSI sequences the live view needs; no dependency. The block is redrawn by moving the
 * cursor up over it and clearing to the end of the screen, so it must never wrap: every line is
 * cut to the terminal width first ({@link fitLine}).
 */
export const ESC = '\x1b[';

/** Moves to column 0, up `lines` lines, and clears everything below: erases a block of `lines` full lines. */
export function eraseLines(lines: number): string {
  return lines > 0 ? `\r${ESC}${lines}A${ESC}J` : '';
}

const ANSI_RE = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Text without ANSI sequences. */
export function stripAnsi(s: string): string {
  return s.replace(ANSI_RE, '');
}

/** Columns a string takes (ANSI sequences take none; every other code point one). */
export function visibleWidth(s: string): number {
  return [...stripAnsi(s)].length;
}

/**
 * Cuts a line to at most `width` visible columns, ending with `…` when cut, keeping ANSI
 * sequences intact and resetting styles after a cut so colour does not leak into the next line.
 */
export function fitLine(s: string, width: number): string {
  if (width <= 0) return '';
  if (visibleWidth(s) <= width) return s;
  let out = '';
  let used = 0;
  let styled = false;
  for (let i = 0; i < s.length; ) {
    const m = s[i] === '\x1b' ? /^\x1b\[[0-9;?]*[A-Za-z]/.exec(s.slice(i)) : null;
    if (m) {
      out += m[0];
      styled = true;
      i += m[0].length;
      continue;
    }
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    if (used === width - 1) {
      out += '…';
      break;
    }
    out += ch;
    used++;
    i += ch.length;
  }
  return styled ? out + `${ESC}0m` : out;
}
