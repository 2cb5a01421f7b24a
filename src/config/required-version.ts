import { ConfigError } from '../errors.js';

/**
 * `required_version` constraints with hashicorp/go-version semantics (what ecspresso uses):
 * comma-separated AND of `=`, `!=`, `>`, `>=`, `<`, `<=`, `~>` (pessimistic). A leading `v` is
 * optional; build metadata (`+3-g04fdc8e`) is ignored when comparing; a pre-release only satisfies
 * a constraint that names the same major.minor.patch with a pre-release.
 * Written by hand: the npm `semver` package rejects go-version forms such as `~> v1.0` and `v1`.
 */
interface Version {
  segments: number[];
  /** How many segments were written (1 for `v1`), needed for `~>`. */
  given: number;
  pre: string;
}

const versionRe = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;

export function parseVersion(s: string): Version | undefined {
  const m = versionRe.exec(s.trim());
  if (!m) return undefined;
  const segs = [m[1], m[2], m[3]];
  const given = segs.filter((x) => x !== undefined).length;
  return { segments: segs.map((x) => (x === undefined ? 0 : Number(x))), given, pre: m[4] ?? '' };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    const na = /^\d+$/.test(pa[i]) ? Number(pa[i]) : NaN;
    const nb = /^\d+$/.test(pb[i]) ? Number(pb[i]) : NaN;
    if (!isNaN(na) && !isNaN(nb)) {
      if (na !== nb) return na < nb ? -1 : 1;
    } else if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    if (a.segments[i] !== b.segments[i]) return a.segments[i] < b.segments[i] ? -1 : 1;
  }
  return comparePre(a.pre, b.pre);
}

type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~>';
interface Constraint {
  op: Op;
  version: Version;
}

const constraintRe = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\S+)\s*$/;

/** Parses a constraint string; throws ConfigError "required_version has invalid format". */
export function parseConstraints(s: string): Constraint[] {
  return s.split(',').map((part) => {
    const m = constraintRe.exec(part);
    const version = m ? parseVersion(m[2]) : undefined;
    if (!m || !version) throw new ConfigError(`required_version has invalid format: ${JSON.stringify(s)}`);
    return { op: (m[1] ?? '=') as Op, version };
  });
}

function check(c: Constraint, v: Version): boolean {
  // go-version: a pre-release version only matches constraints that carry a pre-release of the same core.
  if (v.pre && (!c.version.pre || compareVersions({ ...v, pre: '' }, { ...c.version, pre: '' }) !== 0)) return false;
  const cmp = compareVersions(v, c.version);
  switch (c.op) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '~>': {
      if (cmp < 0) return false;
      // ~> 1.2.3 means >= 1.2.3, < 1.3; ~> 1.2 means >= 1.2, < 2.0.
      const fixed = Math.max(c.version.given - 1, 1);
      for (let i = 0; i < fixed; i++) if (v.segments[i] !== c.version.segments[i]) return false;
      return true;
    }
  }
}

export type VersionCheck = { ok: true } | { ok: false; reason: 'unparsable-current' } | { ok: false; reason: 'unsatisfied'; message: string };

/** Checks the running version against `required_version`. An unparsable running version (a dev build) passes with a warning. */
export function checkRequiredVersion(required: string, current: string): VersionCheck {
  const constraints = parseConstraints(required);
  const v = parseVersion(current);
  if (!v) return { ok: false, reason: 'unparsable-current' };
  if (constraints.every((c) => check(c, v))) return { ok: true };
  return { ok: false, reason: 'unsatisfied', message: `version ${current} does not satisfy constraints required_version: ${required}` };
}
