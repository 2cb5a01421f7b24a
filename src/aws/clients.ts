/**
 * The AWS client factory actions use: one lazy holder per invocation. Each client is built on
 * first use — its package imported dynamically, so `ecsx status` never loads the EC2 SDK — from
 * `clientConfig()` (region, profile, retries, `AWS_ENDPOINT_URL*`). Every client carries one
 * middleware that logs each call at debug level (`ecsx --debug`, secrets masked) and tags a
 * failure with the service and operation, so {@link toEcsxError} can say what was being done.
 */
import type { ACMClient } from '@aws-sdk/client-acm';
import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import { realClock, type Clock } from '../clock.js';
import type { IoHost } from '../io/messages.js';
import { clientConfig, type AwsClientConfig, type AwsOptions } from './client-config.js';
import { maskApiInput } from './mask.js';

import { withAwsErrors, type ErrorHint } from './map-error.js';

export { toEcsxError, withAwsErrors, failedCall, type ErrorHint } from './map-error.js';

/** Lazily created SDK clients; each getter builds its client once, on the first call. */
export interface AwsClients {
  readonly aws: AwsOptions;
  ecs(): Promise<ECSClient>;
  elbv2(): Promise<ElasticLoadBalancingV2Client>;
  logs(): Promise<CloudWatchLogsClient>;
  iam(): Promise<IAMClient>;
  ssm(): Promise<SSMClient>;
  secretsmanager(): Promise<SecretsManagerClient>;
  ec2(): Promise<EC2Client>;
  applicationAutoScaling(): Promise<ApplicationAutoScalingClient>;
  sts(): Promise<STSClient>;
  cloudwatch(): Promise<CloudWatchClient>;
  acm(): Promise<ACMClient>;
  /** Closes the sockets of every client created so far. */
  destroy(): void;
}

/** Options of {@link createClients}. */
export interface CreateClientsOptions {
  /** Receives one `ECSX_AWS_CALL` debug message per API call. */
  io?: IoHost;
  clock?: Clock;
  /** Environment for endpoints and credentials; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Masks registered secret values (a config's `secrets.mask`) in logged inputs. */
  mask?: (text: string) => string;
}

/** What a middleware sees of an SDK client: enough to add one handler. */
interface StackHolder {
  middlewareStack: { add(mw: unknown, opts: { step: 'initialize'; name: string; override?: boolean }): void };
  destroy(): void;
}

/** Properties set on an SDK error by the middleware (non-enumerable). */
export interface CallSite {
  /** Short service name: `ecs`, `logs`, `application-autoscaling`, … (also the IAM action prefix). */
  $ecsxService?: string;
  /** API operation, e.g. `DescribeServices`. */
  $ecsxOperation?: string;
}

/** Service id for endpoint env lookup (`AWS_ENDPOINT_URL_<ID>`) and IAM action prefix, per getter. */
const SERVICES = {
  ecs: { id: 'ECS', iam: 'ecs', load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-ecs')).ECSClient(c) },
  elbv2: {
    id: 'Elastic Load Balancing v2',
    iam: 'elasticloadbalancing',
    load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-elastic-load-balancing-v2')).ElasticLoadBalancingV2Client(c),
  },
  logs: { id: 'CloudWatch Logs', iam: 'logs', load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient(c) },
  iam: { id: 'IAM', iam: 'iam', load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-iam')).IAMClient(c) },
  ssm: { id: 'SSM', iam: 'ssm', load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-ssm')).SSMClient(c) },
  secretsmanager: {
    id: 'Secrets Manager',
    iam: 'secretsmanager',
    load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient(c),
  },
  ec2: { id: 'EC2', iam: 'ec2', load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-ec2')).EC2Client(c) },
  applicationAutoScaling: {
    id: 'Application Auto Scaling',
    iam: 'application-autoscaling',
    load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-application-auto-scaling')).ApplicationAutoScalingClient(c),
  },
  sts: { id: 'STS', iam: 'sts', load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-sts')).STSClient(c) },
  cloudwatch: { id: 'CloudWatch', iam: 'cloudwatch', load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-cloudwatch')).CloudWatchClient(c) },
  acm: { id: 'ACM', iam: 'acm', load: async (c: AwsClientConfig) => new (await import('@aws-sdk/client-acm')).ACMClient(c) },
} as const;

type ServiceKey = keyof typeof SERVICES;

/**
 * Builds the lazy client holder for `aws` (region, profile). Clients are created from the options
 * as they are at first use, so a caller may still fill in the region after creating the holder.
 */
export function createClients(aws: AwsOptions, opts: CreateClientsOptions = {}): AwsClients {
  const made = new Map<ServiceKey, Promise<StackHolder>>();
  const get = (key: ServiceKey) => () => {
    let p = made.get(key);
    if (!p) {
      const svc = SERVICES[key];
      p = svc.load(clientConfig(aws, { env: opts.env, service: svc.id })).then((client) => {
        const c = client as unknown as StackHolder;
        c.middlewareStack.add(callMiddleware(svc.iam, opts), { step: 'initialize', name: 'ecsxCallSite', override: true });
        return c;
      });
      p.catch(() => made.delete(key));
      made.set(key, p);
    }
    return p as Promise<any>;
  };
  return {
    aws,
    ecs: get('ecs'),
    elbv2: get('elbv2'),
    logs: get('logs'),
    iam: get('iam'),
    ssm: get('ssm'),
    secretsmanager: get('secretsmanager'),
    ec2: get('ec2'),
    applicationAutoScaling: get('applicationAutoScaling'),
    sts: get('sts'),
    cloudwatch: get('cloudwatch'),
    acm: get('acm'),
    destroy() {
      for (const p of made.values()) void p.then((c) => c.destroy(), () => {});
      made.clear();
    },
  };
}

/** Options of {@link withClients}. */
export interface WithClientsOptions {
  /** Masks registered secret values in logged inputs. */
  mask?: (text: string) => string;
  /** Names the cluster / service in error messages. */
  hint?: ErrorHint;
}

/**
 * Runs `fn` with the context's clients, or with a holder created for `aws` (reporting to the
 * context's IoHost) and destroyed afterwards; SDK errors that escape are mapped by
 * {@link toEcsxError}. Library users may inject clients, or fakes, through `ctx.clients`.
 */
export async function withClients<T>(
  ctx: { clients?: AwsClients; io: IoHost; clock: Clock },
  aws: AwsOptions,
  opts: WithClientsOptions,
  fn: (clients: AwsClients) => Promise<T>,
): Promise<T> {
  const clients = ctx.clients ?? createClients(aws, { io: ctx.io, clock: ctx.clock, mask: opts.mask });
  try {
    return await withAwsErrors(() => fn(clients), opts.hint);
  } finally {
    if (clients !== ctx.clients) clients.destroy();
  }
}

/**
 * The initialize-step middleware: runs once per call (retries happen later in the stack), logs the
 * operation and its masked input, and marks a failure with where it happened.
 */
function callMiddleware(service: string, opts: CreateClientsOptions) {
  return (next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: { input: unknown }) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      if (opts.io) {
        const input = maskApiInput(args.input, opts.mask);
        await opts.io.notify({
          code: 'ECSX_AWS_CALL',
          level: 'debug',
          message: `aws ${service} ${operation} ${JSON.stringify(input)}`,
          time: (opts.clock ?? realClock).now(),
          data: { service, operation, input },
        });
      }
      try {
        return await next(args);
      } catch (err) {
        if (typeof err === 'object' && err !== null && !('$ecsxOperation' in err)) {
          Object.defineProperty(err, '$ecsxService', { value: service, enumerable: false });
          Object.defineProperty(err, '$ecsxOperation', { value: operation, enumerable: false });
        }
        throw err;
      }
    };
}
