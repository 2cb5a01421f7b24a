/** Plain-text tables for list commands (`revisions`, `tasks list`): aligned columns or TSV. Pure. */

/** Columns padded to their widest cell, two spaces apart; no trailing spaces. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** Tab-separated values with a header line; tabs and newlines inside cells become spaces. */
export function formatTsv(headers: string[], rows: string[][]): string {
  const clean = (c: string) => c.replace(/[\t\r\n]+/g, ' ');
  return [headers, ...rows].map((r) => r.map(clean).join('\t')).join('\n');
}
