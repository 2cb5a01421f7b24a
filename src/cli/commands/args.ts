/** Argument parsers shared by the classic commands (status, revisions, deregister, tasks, …). */
import { InvalidArgumentError, Option } from 'commander';

/** A commander parser for a whole number ≥ `min`; commander reports a bad value as a usage error (exit 2). */
export function wholeNumber(min = 0): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    const n = Number(value);
    if (n < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return n;
  };
}

/** `--format table|tsv|json` for list output (the global `--output json` also gives JSON). */
export function formatOption(): Option {
  return new Option('--format <format>', 'list format (the global --output json prints JSON too)').choices(['table', 'tsv', 'json']).default('table');
}

/** The list format: `--format`, or json when the global `--output json` / `--log-format json` is set. */
export function listFormat(format: string | undefined, globals: { output?: string; logFormat?: string }): 'table' | 'tsv' | 'json' {
  if (globals.output === 'json' || (format === undefined && globals.logFormat === 'json')) return 'json';
  return (format as 'table' | 'tsv' | 'json' | undefined) ?? 'table';
}
