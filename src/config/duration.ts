import { ConfigError, type SourcePos } from '../errors.js';

const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a duration as ecspresso v2 does: a Go duration string (`10m`, `1h30m`, `300s`, `1.5h`)
 * or a bare number, which Go decodes as **nanoseconds** (so `timeout: 600` is 600 ns — we accept
 * it for compatibility but the caller warns). Returns milliseconds.
 */
export function parseDuration(value: unknown, pos?: SourcePos): number {
  if (typeof value === 'number') return value / 1e6;
  if (typeof value !== 'string') throw new ConfigError(`invalid duration ${JSON.stringify(value)}: expected a string like "10m"`, pos);
  const s = value.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let i = 0;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? -1 : 1;
    i = 1;
  }
  if (i >= s.length) throw new ConfigError(`invalid duration "${value}"`, pos);
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) {
      throw new ConfigError(`invalid duration "${value}": expected a number followed by a unit (ns, us, ms, s, m, h)`, pos);
    }
    total += parseFloat(m[1]) * unitMs[m[2]];
    i = re.lastIndex;
  }
  return sign * total;
}

/** Formats milliseconds the way Go prints a time.Duration (`10m0s`, `1h0m0s`, `1.5s`, `0s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return (neg ? '-' : '') + `${+rest.toFixed(6)}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = +(rest / 1000).toFixed(9);
  let out = `${s}s`;
  if (h > 0 || m > 0) out = `${m}m` + out;
  if (h > 0) out = `${h}h` + out;
  return (neg ? '-' : '') + out;
}
