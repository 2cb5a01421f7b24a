/**
 * Test support for the Express Mode and traffic-shifting strategy tests: a frozen-clock sandbox
 * with moto, real SDK clients pointed at it, and an ECS client whose every response (and error
 * code) is checked against the ECS model with model-validator.ts before the SDK parses it.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { ACMClient } from '@aws-sdk/client-acm';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { DescribeRulesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { validateErrorCode, validateOutput } from './model-validator.js';

export const region = 'us-east-1';
export const account = '123456789012';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

type HandlerArgs = Parameters<NodeHttpHandler['handle']>;

/** A NodeHttpHandler that validates ECS JSON responses against the model. */
class ValidatingHandler extends NodeHttpHandler {
  readonly problems: string[] = [];
  validated = 0;

  override async handle(request: HandlerArgs[0], options?: HandlerArgs[1]) {
    const result = await super.handle(request, options);
    const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'];
    const op = target?.split('.')[1];
    if (!op) return result;
    const chunks: Buffer[] = [];
    for await (const chunk of result.response.body as Readable) chunks.push(Buffer.from(chunk));
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : {};
    const problems =
      result.response.statusCode < 300 ? validateOutput(op, body) : validateErrorCode(op, String(body.__type ?? '').split('#').pop()!);
    this.problems.push(...problems.map((p) => `${op}: ${p}`));
    this.validated++;
    result.response.body = Readable.from([Buffer.from(text)]);
    return result;
  }
}

export interface SdkSandbox {
  sandbox: Sandbox;
  ecs: ECSClient;
  elb: ElasticLoadBalancingV2Client;
  ec2: EC2Client;
  acm: ACMClient;
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
  autoscaling: ApplicationAutoScalingClient;
  iam: IAMClient;
  /** Steps simulated time (the clock awaits every action due on the way, moto calls included). */
  advance(seconds: number): Promise<void>;
  /** Steps `every` seconds until `probe` returns a value; fails after `max` simulated seconds. */
  until<T>(probe: () => Promise<T | undefined | false>, opts?: { every?: number; max?: number }): Promise<T>;
  /** Fails if any ECS response so far did not match the model; returns how many were checked. */
  assertModelValid(): number;
  stop(): Promise<void>;
}

export async function startSdkSandbox(): Promise<SdkSandbox> {
  const sandbox = await startSandbox({ timeScale: 0, region, accountId: account });
  const cfg = { endpoint: sandbox.endpoint, region, credentials, maxAttempts: 1 };
  const handler = new ValidatingHandler();
  const s: SdkSandbox = {
    sandbox,
    ecs: new ECSClient({ ...cfg, requestHandler: handler }),
    elb: new ElasticLoadBalancingV2Client(cfg),
    ec2: new EC2Client(cfg),
    acm: new ACMClient(cfg),
    cloudwatch: new CloudWatchClient(cfg),
    logs: new CloudWatchLogsClient(cfg),
    autoscaling: new ApplicationAutoScalingClient(cfg),
    iam: new IAMClient(cfg),
    async advance(seconds) {
      await sandbox.client.advance(seconds);
    },
    async until(probe, opts = {}) {
      const every = opts.every ?? 5;
      const max = opts.max ?? 1800;
      for (let elapsed = 0; ; elapsed += every) {
        const v = await probe();
        if (v !== undefined && v !== false) return v as never;
        if (elapsed >= max) assert.fail(`condition not reached within ${max} simulated seconds`);
        await sandbox.client.advance(every);
      }
    },
    assertModelValid() {
      assert.deepEqual(handler.problems, [], `ECS responses do not match the model:\n${handler.problems.join('\n')}`);
      return handler.validated;
    },
    stop: () => sandbox.stop(),
  };
  return s;
}

/** moto's default VPC and its subnets. */
export async function defaultVpc(s: SdkSandbox): Promise<{ vpcId: string; subnets: string[] }> {
  const vpc = (await s.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!;
  const subnets = (await s.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).Subnets!;
  return { vpcId: vpc.VpcId!, subnets: subnets.map((x) => x.SubnetId!).sort() };
}

/** Forward weights of a listener rule in moto, by target group ARN. */
export async function ruleWeights(s: SdkSandbox, ruleArn: string): Promise<Record<string, number>> {
  const rule = (await s.elb.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }))).Rules![0]!;
  const out: Record<string, number> = {};
  for (const a of rule.Actions ?? []) for (const tg of a.ForwardConfig?.TargetGroups ?? []) out[tg.TargetGroupArn!] = tg.Weight ?? 0;
  return out;
}

/** The error an SDK call rejects with. */
export async function rejection(p: Promise<unknown>): Promise<Error & { name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  return assert.fail('expected the call to fail');
}
