/**
 * Test helpers for the ECS engine: a hand-stepped in-memory Scheduler, a recording fake of the
 * side-effects layer, and an engine wrapper that validates every response (and error code)
 * against the ECS model.
 */
import assert from 'node:assert/strict';
import { createEcsEngine, type EcsEngine, type EcsSideEffects, type LogWrite, type Target } from '../../sandbox/ecs/index.js';
import { AwsError, type Scheduler } from '../../sandbox/types.js';
import { validateErrorCode, validateOutput } from './model-validator.js';

/** Simulated time that only moves when the test says so. Actions run in (time, insertion) order. */
export class SteppedScheduler implements Scheduler {
  private time: number;
  private seq = 0;
  private queue: { time: number; seq: number; action: () => void | Promise<void> }[] = [];

  constructor(start = Date.UTC(2026, 0, 15, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  at(time: number, action: () => void | Promise<void>): void {
    this.queue.push({ time: Math.max(time, this.time), seq: this.seq++, action });
  }

  after(ms: number, action: () => void | Promise<void>): void {
    this.at(this.time + ms, action);
  }

  private next() {
    let best: (typeof this.queue)[number] | undefined;
    for (const item of this.queue) if (!best || item.time < best.time || (item.time === best.time && item.seq < best.seq)) best = item;
    return best;
  }

  async runDue(): Promise<void> {
    for (let item = this.next(); item && item.time <= this.time; item = this.next()) {
      this.queue.splice(this.queue.indexOf(item), 1);
      await item.action();
    }
  }

  /** Moves time forward by `ms`, running every action that falls due on the way, at its own time. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (let item = this.next(); item && item.time <= end; item = this.next()) {
      this.time = Math.max(this.time, item.time);
      this.queue.splice(this.queue.indexOf(item), 1);
      await item.action();
    }
    this.time = end;
  }

  pending(): number {
    return this.queue.length;
  }
}

export interface RecordedCall {
  kind: 'register' | 'deregister' | 'logs';
  at: number;
  targetGroupArn?: string;
  targets?: Target[];
  log?: LogWrite;
}

/** Records side effects; `failWith` makes every call reject (to test that failures are non-fatal). */
export class RecordingSideEffects implements EcsSideEffects {
  calls: RecordedCall[] = [];
  failWith?: Error;

  constructor(private readonly clock: Scheduler) {}

  private async record(call: Omit<RecordedCall, 'at'>): Promise<void> {
    this.calls.push({ ...call, at: this.clock.now() });
    if (this.failWith) throw this.failWith;
  }
  registerTargets(targetGroupArn: string, targets: Target[]) {
    return this.record({ kind: 'register', targetGroupArn, targets });
  }
  deregisterTargets(targetGroupArn: string, targets: Target[]) {
    return this.record({ kind: 'deregister', targetGroupArn, targets });
  }
  writeLogs(log: LogWrite) {
    return this.record({ kind: 'logs', log });
  }
  logsFor(streamSuffix: string): string[] {
    return this.calls.filter((c) => c.kind === 'logs' && c.log!.stream.endsWith(streamSuffix)).flatMap((c) => c.log!.events.map((e) => e.message));
  }
}

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

export interface Harness {
  engine: EcsEngine;
  clock: SteppedScheduler;
  effects: RecordingSideEffects;
  logs: string[];
  /** Calls an operation; validates the response against the model. */
  call(op: string, input?: Record<string, unknown>): Promise<any>;
  /** Calls an operation that must fail; validates the code against the model and returns the error. */
  fail(op: string, input: Record<string, unknown>, code: string, message?: string | RegExp): Promise<AwsError>;
  /** Advances simulated time by `seconds`, then waits for side effects. */
  step(seconds: number): Promise<void>;
  /** Steps `stepSeconds` at a time until `predicate` holds; fails after `maxSeconds`. Returns the elapsed seconds. */
  until(predicate: () => Promise<boolean> | boolean, maxSeconds?: number, stepSeconds?: number): Promise<number>;
  control(path: string, method: string, body?: unknown): Promise<any>;
  /** Number of responses validated so far. */
  validated(): number;
}

export function harness(): Harness {
  const clock = new SteppedScheduler();
  const effects = new RecordingSideEffects(clock);
  const logs: string[] = [];
  const engine = createEcsEngine(
    {
      scheduler: clock,
      moto: { endpoint: 'http://127.0.0.1:1', region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } },
      region: REGION,
      accountId: ACCOUNT,
    },
    { sideEffects: effects, log: (m) => logs.push(m) },
  );
  let count = 0;
  const ctx = { region: REGION, accountId: ACCOUNT, requestId: 'test' };
  const h: Harness = {
    engine,
    clock,
    effects,
    logs,
    async call(op, input = {}) {
      await clock.runDue();
      const out = await engine.handle(op, structuredClone(input), ctx);
      // Round-trip through JSON, as the wire would.
      const wire = JSON.parse(JSON.stringify(out));
      const problems = validateOutput(op, wire);
      assert.deepEqual(problems, [], `${op} response does not match the model:\n${problems.join('\n')}`);
      count++;
      return wire;
    },
    async fail(op, input, code, message) {
      await clock.runDue();
      try {
        await engine.handle(op, structuredClone(input), ctx);
      } catch (e) {
        assert.ok(e instanceof AwsError, `expected AwsError, got ${String(e)}`);
        assert.equal(e.code, code, `${op}: ${e.message}`);
        if (typeof message === 'string') assert.equal(e.message, message);
        else if (message) assert.match(e.message, message);
        assert.deepEqual(validateErrorCode(op, e.code), []);
        count++;
        return e;
      }
      assert.fail(`${op} should have failed with ${code}`);
    },
    async step(seconds) {
      await clock.advance(seconds * 1000);
      await engine.idle();
    },
    async until(predicate, maxSeconds = 3600, stepSeconds = 1) {
      let elapsed = 0;
      while (!(await predicate())) {
        if (elapsed >= maxSeconds) assert.fail(`condition not reached within ${maxSeconds} simulated seconds`);
        await h.step(stepSeconds);
        elapsed += stepSeconds;
      }
      return elapsed;
    },
    control: (path, method, body) => engine.control(path, method, body),
    validated: () => count,
  };
  return h;
}

/** A Fargate task definition with one web container. */
export function fargateTaskDef(family = 'web', image = 'public.ecr.aws/nginx/nginx:1.27', extra: Record<string, unknown> = {}) {
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
    containerDefinitions: [
      {
        name: 'app',
        image,
        portMappings: [{ containerPort: 80 }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': `/ecs/${family}`, 'awslogs-region': REGION, 'awslogs-stream-prefix': 'ecs', 'awslogs-create-group': 'true' },
        },
      },
    ],
    ...extra,
  };
}

export const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-0aaa', 'subnet-0bbb'], securityGroups: ['sg-0123'] } };
export const TG_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web/8e6d68f88cd88d12`;

/** Service event messages, oldest first. */
export async function eventMessages(h: Harness, service: string, cluster = 'default'): Promise<string[]> {
  const out = await h.call('DescribeServices', { cluster, services: [service] });
  return (out.services[0].events as { message: string }[]).map((e) => e.message).reverse();
}

export async function describeService(h: Harness, service: string, cluster = 'default') {
  const out = await h.call('DescribeServices', { cluster, services: [service] });
  return out.services[0];
}
