/** Fakes for action unit tests: a clock that moves only when slept on, and scripted AWS clients. */
import type { AwsClients } from '../../../src/aws/clients.js';
import type { Clock } from '../../../src/clock.js';

/** Time advances by exactly the slept amount; aborting rejects like the real clock. */
export class FakeClock implements Clock {
  constructor(public time = Date.UTC(2026, 0, 15, 9, 0, 0)) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.time += ms;
  }
}

/** A handler answering `(operation, input)`; throw to fail the call. */
export type Handler = (operation: string, input: any) => unknown;

/** Clients whose `send` calls `handler` with the command's operation name (`DescribeServices`). */
export function fakeClients(handler: Handler): AwsClients & { calls: { operation: string; input: any }[] } {
  const calls: { operation: string; input: any }[] = [];
  const client = {
    send: async (cmd: { constructor: { name: string }; input: unknown }) => {
      const operation = cmd.constructor.name.replace(/Command$/, '');
      calls.push({ operation, input: cmd.input });
      return handler(operation, cmd.input);
    },
    config: { region: async () => 'us-east-1' },
  };
  const get = async () => client as any;
  return {
    calls,
    aws: { region: 'us-east-1' },
    ecs: get,
    elbv2: get,
    logs: get,
    iam: get,
    ssm: get,
    secretsmanager: get,
    ec2: get,
    applicationAutoScaling: get,
    sts: get,
    cloudwatch: get,
    acm: get,
    destroy() {},
  };
}

/** An SDK-like error: `name` is the AWS error code. */
export function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}
