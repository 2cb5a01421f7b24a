/**
 * Fault injection: rules that make requests fail on purpose (throttling, 5xx, latency,
 * connection resets), drawn from a seeded PRNG so runs are repeatable, and an optional
 * realistic per-category token-bucket throttle for ECS (reference §6).
 */

/** What a fault rule does to a matching request. */
export type FaultKind = 'throttle' | 'error5xx' | 'latency' | 'reset';

/** A fault rule as given to `POST /_sandbox/faults`. */
export interface FaultRuleInput {
  /** SigV4 signing name (`ecs`, `elasticloadbalancing`, `s3`, …); aliases `elbv2`, `cloudwatch`. Omit for all. */
  service?: string;
  /** Operation name (`UpdateService`), or a list. Omit for all. */
  operation?: string | string[];
  kind: FaultKind;
  /** Probability (0..1) that a matching request is hit. Default 1. */
  rate?: number;
  /** Stop after hitting this many requests. Default: unlimited. */
  count?: number;
  /** For `latency`: added delay in real ms. Default 1000. */
  latencyMs?: number;
  /** For `error5xx`: 500 or 503 (default 503). Also overrides other kinds' status. */
  status?: number;
  /** Overrides the error code the protocol would use. */
  code?: string;
  message?: string;
}

/** A stored rule: the input plus its id and how often it fired. */
export interface FaultRule extends FaultRuleInput {
  id: string;
  rate: number;
  hits: number;
}

/** What to do with one request. */
export interface FaultDecision {
  /** Total extra latency (real ms) from matching latency rules. */
  latencyMs: number;
  /** The first non-latency rule that fired, if any. */
  rule?: FaultRule;
  /** Set when the realistic throttle ran out of tokens. */
  throttled?: 'realistic';
}

/** `off`, or token buckets per ECS API category with AWS's documented burst/refill rates. */
export type ThrottleMode = 'off' | 'realistic';

const SERVICE_ALIASES: Record<string, string> = {
  elbv2: 'elasticloadbalancing',
  'elastic-load-balancing-v2': 'elasticloadbalancing',
  cloudwatch: 'monitoring',
  'cloudwatch-logs': 'logs',
  'secrets-manager': 'secretsmanager',
  autoscaling: 'application-autoscaling',
};

/** Normalises a service name given by a user to its SigV4 signing name. */
export function canonicalService(name: string): string {
  const lower = name.toLowerCase();
  return SERVICE_ALIASES[lower] ?? lower;
}

/** mulberry32: tiny, fast and good enough for "fail 30% of calls", reproducibly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Holds fault rules and decides, per request, which fault (if any) applies. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private random: () => number;
  private seedValue: number;
  private buckets: TokenBuckets | undefined;
  private readonly realNow: () => number;

  constructor(opts: { seed?: number; throttle?: ThrottleMode; realNow?: () => number } = {}) {
    this.seedValue = opts.seed ?? 1;
    this.random = mulberry32(this.seedValue);
    this.realNow = opts.realNow ?? (() => performance.now());
    this.setThrottle(opts.throttle ?? 'off');
  }

  get seed(): number {
    return this.seedValue;
  }

  get throttle(): ThrottleMode {
    return this.buckets ? 'realistic' : 'off';
  }

  /** Re-seeds the PRNG (the same seed replays the same sequence of hits). */
  setSeed(seed: number): void {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    this.seedValue = seed;
    this.random = mulberry32(seed);
  }

  setThrottle(mode: ThrottleMode): void {
    if (mode !== 'off' && mode !== 'realistic') throw new RangeError(`unknown throttle mode ${String(mode)}`);
    this.buckets = mode === 'realistic' ? new TokenBuckets(this.realNow) : undefined;
  }

  /** Validates and stores a rule; returns it with its id. */
  add(input: FaultRuleInput): FaultRule {
    validate(input);
    const rule: FaultRule = {
      ...input,
      ...(input.service ? { service: canonicalService(input.service) } : {}),
      id: `f${this.nextId++}`,
      rate: input.rate ?? 1,
      hits: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  /** Removes all rules, refills the throttle buckets and re-seeds with the current seed. */
  clear(): void {
    this.rules = [];
    this.random = mulberry32(this.seedValue);
    if (this.buckets) this.buckets = new TokenBuckets(this.realNow);
  }

  /**
   * Decides what happens to one request. Latency rules add up; of the other rules, the first
   * that matches and fires wins (later ones are not consumed). The realistic throttle applies
   * to ECS only, and only when no rule already decided the outcome.
   */
  decide(service: string, operation: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (decision.rule && rule.kind !== 'latency') continue;
      if (rule.service !== undefined && rule.service !== service) continue;
      if (rule.operation !== undefined && ![rule.operation].flat().includes(operation)) continue;
      if (rule.count !== undefined && rule.hits >= rule.count) continue;
      if (rule.rate < 1 && this.random() >= rule.rate) continue;
      rule.hits++;
      if (rule.kind === 'latency') decision.latencyMs += rule.latencyMs ?? 1000;
      else decision.rule = rule;
    }
    if (!decision.rule && this.buckets && service === 'ecs' && !this.buckets.take(operation)) {
      decision.throttled = 'realistic';
    }
    return decision;
  }
}

function validate(input: FaultRuleInput): void {
  const kinds: FaultKind[] = ['throttle', 'error5xx', 'latency', 'reset'];
  if (!input || !kinds.includes(input.kind)) throw new RangeError(`kind must be one of ${kinds.join(', ')}`);
  if (input.rate !== undefined && !(input.rate >= 0 && input.rate <= 1)) throw new RangeError('rate must be between 0 and 1');
  if (input.count !== undefined && !(Number.isInteger(input.count) && input.count >= 0)) throw new RangeError('count must be a non-negative integer');
  if (input.latencyMs !== undefined && !(input.latencyMs >= 0)) throw new RangeError('latencyMs must be >= 0');
  if (input.status !== undefined && !(Number.isInteger(input.status) && input.status >= 400 && input.status <= 599)) {
    throw new RangeError('status must be an HTTP error status (400-599)');
  }
}

/** ECS API throttling categories: [burst, sustained per second, operations]. Reference §6. */
const ECS_CATEGORIES: Array<[number, number, string[]]> = [
  [20, 1, ['CreateCluster', 'DeleteCluster', 'PutClusterCapacityProviders', 'UpdateCluster', 'UpdateClusterSettings']],
  [50, 20, ['DescribeClusters', 'ListClusters']],
  [20, 1, ['RegisterTaskDefinition', 'DeregisterTaskDefinition']],
  [50, 20, ['DescribeTaskDefinition', 'ListTaskDefinitions', 'ListTaskDefinitionFamilies']],
  [5, 1, ['DeleteTaskDefinitions']],
  [10, 1, ['CreateCapacityProvider', 'DeleteCapacityProvider', 'UpdateCapacityProvider']],
  [50, 20, ['DescribeCapacityProviders']],
  [20, 10, ['TagResource', 'UntagResource']],
  [50, 20, ['ListTagsForResource']],
  [10, 1, ['DeleteAccountSetting', 'PutAccountSetting', 'PutAccountSettingDefault']],
  [50, 20, ['ListAccountSettings']],
  [100, 40, ['DeleteAttributes', 'DeregisterContainerInstance', 'ExecuteCommand', 'PutAttributes', 'RunTask', 'StartTask', 'StopTask', 'UpdateContainerAgent', 'UpdateContainerInstancesState']],
  [100, 20, ['DescribeContainerInstances', 'DescribeTasks', 'ListAttributes', 'ListContainerInstances', 'ListTasks']],
  [200, 120, ['RegisterContainerInstance', 'SubmitAttachmentStateChanges', 'SubmitContainerStateChange', 'SubmitTaskStateChange']],
  [50, 5, ['CreateService', 'DeleteService', 'UpdateService']],
  [100, 20, ['DescribeServices', 'ListServices']],
  [50, 20, ['DescribeServiceDeployments', 'ListServiceDeployments']],
  [50, 20, ['DescribeServiceRevisions']],
  [200, 80, ['UpdateTaskProtection', 'GetTaskProtection']],
  [10, 1, ['ListServicesByNamespace']],
];

/**
 * Token buckets shared per category, refilled in real time: request rates are a property of
 * the client's real behaviour (SDK backoff is real time), not of simulated time. Operations
 * outside the table are not throttled.
 */
class TokenBuckets {
  private readonly byOp = new Map<string, { burst: number; rate: number; tokens: number; at: number }>();

  constructor(private readonly realNow: () => number) {
    for (const [burst, rate, ops] of ECS_CATEGORIES) {
      const bucket = { burst, rate, tokens: burst, at: realNow() };
      for (const op of ops) this.byOp.set(op, bucket);
    }
  }

  take(operation: string): boolean {
    const b = this.byOp.get(operation);
    if (!b) return true;
    const now = this.realNow();
    b.tokens = Math.min(b.burst, b.tokens + ((now - b.at) / 1000) * b.rate);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
