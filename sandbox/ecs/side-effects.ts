/**
 * Effects of the ECS engine on other services, which the sandbox's moto serves: target
 * registration in ELBv2 and awslogs output in CloudWatch Logs. The engine only sees the
 * {@link EcsSideEffects} interface (tests use a recording fake); calls go through a serial queue
 * so they keep their order, and failures are logged and never fail the ECS operation.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DeregisterTargetsCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { MotoAccess } from '../types.js';

export interface Target {
  id: string;
  port?: number;
}

export interface LogWrite {
  /** `awslogs-region`, when it differs from the sandbox region. */
  region?: string;
  group: string;
  stream: string;
  /** `awslogs-create-group: "true"` */
  createGroup: boolean;
  events: { timestamp: number; message: string }[];
}

export interface EcsSideEffects {
  registerTargets(targetGroupArn: string, targets: Target[]): Promise<void>;
  deregisterTargets(targetGroupArn: string, targets: Target[]): Promise<void>;
  writeLogs(write: LogWrite): Promise<void>;
}

const isAlreadyExists = (e: unknown) => (e as { name?: string })?.name === 'ResourceAlreadyExistsException';

/** Used when the sandbox runs without moto: effects have nowhere to go. */
export const noSideEffects: EcsSideEffects = {
  registerTargets: async () => {},
  deregisterTargets: async () => {},
  writeLogs: async () => {},
};

/** Side effects against moto through the AWS SDK (none when moto is disabled). */
export function createMotoSideEffects(moto: MotoAccess): EcsSideEffects {
  if (!moto.endpoint) return noSideEffects;
  const common = (region: string) => ({ endpoint: moto.endpoint, region, credentials: moto.credentials, maxAttempts: 2 });
  const elb = new ElasticLoadBalancingV2Client(common(moto.region));
  const logsClients = new Map<string, CloudWatchLogsClient>();
  const logs = (region: string) => {
    let client = logsClients.get(region);
    if (!client) logsClients.set(region, (client = new CloudWatchLogsClient(common(region))));
    return client;
  };
  const knownStreams = new Set<string>();
  return {
    async registerTargets(arn, targets) {
      await elb.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: targets.map((t) => ({ Id: t.id, Port: t.port })) }));
    },
    async deregisterTargets(arn, targets) {
      await elb.send(new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: targets.map((t) => ({ Id: t.id, Port: t.port })) }));
    },
    async writeLogs(w) {
      const client = logs(w.region ?? moto.region);
      const key = `${w.region ?? moto.region}|${w.group}|${w.stream}`;
      if (!knownStreams.has(key)) {
        if (w.createGroup) {
          await client.send(new CreateLogGroupCommand({ logGroupName: w.group })).catch((e) => {
            if (!isAlreadyExists(e)) throw e;
          });
        }
        await client.send(new CreateLogStreamCommand({ logGroupName: w.group, logStreamName: w.stream })).catch((e) => {
          if (!isAlreadyExists(e)) throw e;
        });
        knownStreams.add(key);
      }
      await client.send(new PutLogEventsCommand({ logGroupName: w.group, logStreamName: w.stream, logEvents: w.events }));
    },
  };
}

/** Serialises side effects and swallows (logs) their failures. */
export class SideEffectQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly impl: EcsSideEffects,
    private readonly log: (message: string) => void,
  ) {}

  enqueue(label: string, run: (fx: EcsSideEffects) => Promise<void>): void {
    this.tail = this.tail.then(async () => {
      try {
        await run(this.impl);
      } catch (e) {
        this.log(`ecs side effect '${label}' failed: ${(e as Error)?.message ?? String(e)}`);
      }
    });
  }

  /** Resolves once every queued side effect has run. */
  idle(): Promise<void> {
    return this.tail;
  }
}
