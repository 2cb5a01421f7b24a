// A minimal terminal emulator for tests: text, \r, \n, CSI n A (cursor up), CSI J (clear below),
// CSI …m (styles, ignored); wraps at `columns` like a real terminal.
export class Screen {
  lines: string[] = [''];
  row = 0;
  col = 0;
  constructor(readonly columns = 80) {}

  write(s: string): void {
    for (let i = 0; i < s.length; ) {
      const m = /^\x1b\[([0-9;?]*)([A-Za-z])/.exec(s.slice(i));
      if (m) {
        i += m[0].length;
        if (m[2] === 'A') this.row = Math.max(0, this.row - Number(m[1] || 1));
        else if (m[2] === 'J') {
          this.lines[this.row] = this.lines[this.row].slice(0, this.col);
          this.lines.length = this.row + 1;
        }
        continue;
      }
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      i += ch.length;
      if (ch === '\r') this.col = 0;
      else if (ch === '\n') this.newline();
      else {
        if (this.col >= this.columns) this.newline();
        const line = [...(this.lines[this.row] ?? '')];
        while (line.length < this.col) line.push(' ');
        line[this.col] = ch;
        this.lines[this.row] = line.join('');
        this.col++;
      }
    }
  }

  private newline(): void {
    this.row++;
    this.col = 0;
    if (this.lines.length <= this.row) this.lines.push('');
  }

  /** Visible text, without the empty line under the cursor. */
  text(): string[] {
    const l = [...this.lines];
    while (l.length && l.at(-1) === '') l.pop();
    return l;
  }
}
