/**
 * Failure scenarios set through the control API (`POST scenarios`). A scenario has a `kind`, a
 * `match` (all given fields must match; an empty match matches everything) and kind-specific
 * parameters. `times` limits how many tasks (or updates) it applies to. See docs/sandbox.md §Scenarios.
 */
import { invalidParameter } from './errors.js';
import { newUuid } from './ids.js';

export const scenarioKinds = [
  'image-pull-failure',
  'container-exit',
  'health-check-failure',
  'slow-draining',
  'stale-describe',
] as const;
export type ScenarioKind = (typeof scenarioKinds)[number];

export interface ScenarioMatch {
  /** Substring of the container image. */
  image?: string;
  /** Task definition family. */
  family?: string;
  /** Service name. */
  service?: string;
  /** Cluster name. */
  cluster?: string;
  /** Container name. */
  container?: string;
}

export interface Scenario {
  id: string;
  /** A built-in kind, or one added with {@link registerScenarioKind}. */
  kind: ScenarioKind | (string & {});
  match: ScenarioMatch;
  /** image-pull-failure: the CannotPullContainerError text (defaults to the "not found" form). */
  reason?: string;
  /** container-exit: exit code (default 1). */
  exitCode?: number;
  /** container-exit / health-check-failure: seconds after RUNNING (defaults 5 / health-check timing). */
  afterSeconds?: number;
  /** container-exit: the last log lines the container writes. */
  logLines?: string[];
  /** health-check-failure: which check fails (default `elb` when the task has a target group). */
  check?: 'container' | 'elb';
  /** slow-draining: deregistration delay in seconds. */
  delaySeconds?: number;
  /** stale-describe: how long DescribeServices lags an update, in seconds. */
  lagSeconds?: number;
  /** Applies to this many tasks/updates, then stops applying. Unlimited when absent. */
  times?: number;
  /** How many times it has applied. */
  hits: number;
}

/** What a scenario is matched against. */
export interface MatchSubject {
  image?: string;
  family?: string;
  service?: string;
  cluster?: string;
  container?: string;
}

const matchKeys = ['image', 'family', 'service', 'cluster', 'container'] as const;

/**
 * Scenario kinds added by extensions (Express Mode, the traffic-shifting strategies). `parse`
 * validates the kind's own fields in a control-API body (throwing InvalidParameterException) and
 * returns them; they are stored on the scenario next to the common ones.
 */
const extensionKinds = new Map<string, (body: Record<string, unknown>) => Record<string, unknown>>();

export function registerScenarioKind(kind: string, parse: (body: Record<string, unknown>) => Record<string, unknown>): void {
  extensionKinds.set(kind, parse);
}

function matches(m: ScenarioMatch, s: MatchSubject): boolean {
  if (m.image !== undefined && !(s.image ?? '').includes(m.image)) return false;
  for (const k of matchKeys) {
    if (k === 'image') continue;
    if (m[k] !== undefined && m[k] !== s[k]) return false;
  }
  return true;
}

export class ScenarioRegistry {
  private list: Scenario[] = [];

  all(): Scenario[] {
    return this.list;
  }

  clear(): void {
    this.list = [];
  }

  remove(id: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((s) => s.id !== id);
    return this.list.length !== before;
  }

  /** Validates and stores a scenario from a control-API body. */
  add(body: unknown): Scenario {
    if (typeof body !== 'object' || body === null) throw invalidParameter('Scenario body must be an object.');
    const b = body as Record<string, unknown>;
    const kind = b.kind as Scenario['kind'];
    const extension = extensionKinds.get(kind);
    if (!(scenarioKinds as readonly string[]).includes(kind) && !extension) {
      throw invalidParameter(`Scenario kind must be one of: ${[...scenarioKinds, ...extensionKinds.keys()].join(', ')}.`);
    }
    const match = (b.match ?? {}) as Record<string, unknown>;
    if (typeof match !== 'object' || Array.isArray(match)) throw invalidParameter('match must be an object.');
    for (const [k, v] of Object.entries(match)) {
      if (!(matchKeys as readonly string[]).includes(k)) throw invalidParameter(`Unknown match key '${k}'.`);
      if (typeof v !== 'string') throw invalidParameter(`match.${k} must be a string.`);
    }
    const num = (k: string): number | undefined => {
      if (b[k] === undefined) return undefined;
      if (typeof b[k] !== 'number' || (b[k] as number) < 0) throw invalidParameter(`${k} must be a number ≥ 0.`);
      return b[k] as number;
    };
    if (b.check !== undefined && b.check !== 'container' && b.check !== 'elb') {
      throw invalidParameter("check must be 'container' or 'elb'.");
    }
    if (b.logLines !== undefined && (!Array.isArray(b.logLines) || b.logLines.some((l) => typeof l !== 'string'))) {
      throw invalidParameter('logLines must be a list of strings.');
    }
    if (b.reason !== undefined && typeof b.reason !== 'string') throw invalidParameter('reason must be a string.');
    const scenario: Scenario = {
      id: newUuid(),
      kind,
      match: match as ScenarioMatch,
      reason: b.reason as string | undefined,
      exitCode: num('exitCode'),
      afterSeconds: num('afterSeconds'),
      logLines: b.logLines as string[] | undefined,
      check: b.check as Scenario['check'],
      delaySeconds: num('delaySeconds'),
      lagSeconds: num('lagSeconds'),
      times: num('times'),
      hits: 0,
      ...extension?.(b),
    };
    for (const k of Object.keys(scenario) as (keyof Scenario)[]) if (scenario[k] === undefined) delete scenario[k];
    this.list.push(scenario);
    return scenario;
  }

  /**
   * The first live scenario of `kind` matching any of `subjects`, with the subject that matched.
   * Consumes one application when `consume` is set (the default).
   */
  take(kind: ScenarioKind | (string & {}), subjects: MatchSubject[], consume = true): { scenario: Scenario; subject: MatchSubject } | undefined {
    for (const scenario of this.list) {
      if (scenario.kind !== kind) continue;
      if (scenario.times !== undefined && scenario.hits >= scenario.times) continue;
      const subject = subjects.find((s) => matches(scenario.match, s));
      if (!subject) continue;
      if (consume) scenario.hits++;
      return { scenario, subject };
    }
    return undefined;
  }
}
