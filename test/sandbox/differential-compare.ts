/**
 * Structural comparison for the differential test (differential-moto.test.ts): walks moto's and
 * the sandbox's results together and lists the differences, after normalising what is random by
 * nature (timestamps, deployment ids, generated ARN suffixes).
 */

/** One difference at a path such as `createService.service.deployments[0].desiredCount`. */
export interface Difference {
  path: string;
  /** moto's value; `'<absent>'` when moto does not send the member. */
  moto: unknown;
  sandbox: unknown;
}

export const ABSENT = '<absent>';

/**
 * Members that count as a difference even when only the sandbox sends them: `error` (a call that
 * failed on one side only) and members AWS always returns (defaults, server-set timestamps).
 */
export const EXPECTED_BOTH = ['error', 'deploymentConfiguration', 'registeredAt', 'createdAt', 'launchType', 'schedulingStrategy'];

/** Replaces generated parts of strings so two equivalent answers compare equal. */
export function normalise(v: unknown): unknown {
  if (v instanceof Date) return '<timestamp>';
  if (typeof v !== 'string') return v;
  return v
    .replace(/ecs-svc\/\d+/g, 'ecs-svc/<id>')
    .replace(/(service-deployment|service-revision)\/([^/]+)\/([^/]+)\/[\w-]+/g, '$1/$2/$3/<id>')
    .replace(/\b[0-9a-f]{32}\b/g, '<hex32>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>');
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

const summary = (v: unknown): unknown => (Array.isArray(v) ? v.map(normalise) : isPlainObject(v) ? '<object>' : normalise(v));

function walk(moto: unknown, sandbox: unknown, path: string, out: Difference[]): void {
  if (isPlainObject(moto) && isPlainObject(sandbox)) {
    for (const [k, mv] of Object.entries(moto)) {
      const p = path ? `${path}.${k}` : k;
      // moto sends some members as null or {} where it has nothing; AWS omits them.
      if (!(k in sandbox) || sandbox[k] === undefined) {
        if (mv !== undefined) out.push({ path: p, moto: summary(mv), sandbox: ABSENT });
        continue;
      }
      walk(mv, sandbox[k], p, out);
    }
    // Members only the sandbox sends: moto implements less, so not a difference, except for
    // members any implementation must send (an error on one side only, required defaults).
    for (const k of EXPECTED_BOTH) {
      if (k in sandbox && sandbox[k] !== undefined && (!(k in moto) || moto[k] === undefined)) {
        out.push({ path: path ? `${path}.${k}` : k, moto: ABSENT, sandbox: summary(sandbox[k]) });
      }
    }
    return;
  }
  if (Array.isArray(moto) && Array.isArray(sandbox)) {
    if (moto.length !== sandbox.length) {
      out.push({ path: `${path}[]`, moto: moto.map(summary), sandbox: sandbox.map(summary) });
      return;
    }
    moto.forEach((m, i) => walk(m, sandbox[i], `${path}[${i}]`, out));
    return;
  }
  const [m, s] = [summary(moto), summary(sandbox)];
  if (JSON.stringify(m) !== JSON.stringify(s)) out.push({ path, moto: m, sandbox: s });
}

/** Differences between moto's and the sandbox's results, step by step. */
export function compareResults(moto: Record<string, unknown>, sandbox: Record<string, unknown>): Difference[] {
  const out: Difference[] = [];
  for (const step of new Set([...Object.keys(moto), ...Object.keys(sandbox)])) walk(moto[step], sandbox[step], step, out);
  return out;
}
