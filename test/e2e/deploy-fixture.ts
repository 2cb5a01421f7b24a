/**
 * A classic-service project in a temporary directory, pointed at its own sandbox: an ECS cluster,
 * a VPC with two subnets and a security group, a target group, a task definition (image from
 * `$IMAGE`) and a 4-task Fargate rolling service definition. Shared by the deploy, diff, wait,
 * rollback, scale, refresh, run and verify e2e tests; each test file starts one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateClusterCommand, DescribeServicesCommand, ECSClient, type Service } from '@aws-sdk/client-ecs';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSandbox, type RequestLogEntry, type Sandbox } from '../../sandbox/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';

export const CLUSTER = 'main';
export const SERVICE = 'web';
export const FAMILY = 'web';
const ROLE = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

/** Options of {@link startProject}. */
export interface ProjectOptions {
  /** Simulated seconds per real second; default 120. */
  timeScale?: number;
  /** Extra service-definition fields. */
  service?: Record<string, unknown>;
  /** Extra config lines (YAML). */
  config?: string;
  /** Config `timeout`; default 5m. */
  timeout?: string;
  /** Leave out the load balancer. */
  noLoadBalancer?: boolean;
}

/** A running project. */
export interface Project {
  sandbox: Sandbox;
  dir: string;
  env: Record<string, string>;
  ecs: ECSClient;
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
  subnets: string[];
  securityGroup: string;
  targetGroupArn: string;
  /** Runs the built CLI in the project directory. */
  cli(args: string[], env?: Record<string, string>): Promise<CliResult>;
  describe(): Promise<Service>;
  /** Mutating ECS/ELB/Auto Scaling calls in the request log since the last `clearRequests()`. */
  mutations(): Promise<RequestLogEntry[]>;
  writeServiceDefinition(extra?: Record<string, unknown>): void;
  stop(): Promise<void>;
}

const MUTATING = /^(Register|Deregister|Create|Update|Delete|Put|Tag|Untag|Run|Start|Stop|Submit|Set|Modify)/;

/** Starts a sandbox and writes the project. */
export async function startProject(o: ProjectOptions = {}): Promise<Project> {
  const sandbox = await startSandbox({ timeScale: o.timeScale ?? 120 });
  const env = sandbox.env();
  const creds = { accessKeyId: 'test', secretAccessKey: 'test' };
  const client = { region: sandbox.region, endpoint: sandbox.endpoint, credentials: creds };
  const ecs = new ECSClient(client);
  const ec2 = new EC2Client(client);
  const elbv2 = new ElasticLoadBalancingV2Client(client);
  await ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const subnets: string[] = [];
  for (const [i, az] of ['a', 'b'].entries()) {
    const s = await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: `${sandbox.region}${az}` }));
    subnets.push(s.Subnet!.SubnetId!);
  }
  const securityGroup = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))).GroupId!;
  const tg = await elbv2.send(new CreateTargetGroupCommand({ Name: 'web', Protocol: 'HTTP', Port: 80, VpcId: vpc, TargetType: 'ip' }));
  const targetGroupArn = tg.TargetGroups![0]!.TargetGroupArn!;

  const dir = mkdtempSync(join(tmpdir(), 'ecsx-deploy-'));
  writeFileSync(
    join(dir, 'ecsx.yml'),
    `region: ${sandbox.region}\ncluster: ${CLUSTER}\nservice: ${SERVICE}\nservice_definition: ecs-service-def.json\ntask_definition: ecs-task-def.json\ntimeout: ${o.timeout ?? '5m'}\n${o.config ?? ''}`,
  );
  writeFileSync(join(dir, 'ecs-task-def.json'), JSON.stringify(taskDefinition(), null, 2));
  const writeServiceDefinition = (extra: Record<string, unknown> = {}) =>
    writeFileSync(join(dir, 'ecs-service-def.json'), JSON.stringify(serviceDefinition(subnets, securityGroup, o.noLoadBalancer ? undefined : targetGroupArn, { ...o.service, ...extra }), null, 2));
  writeServiceDefinition();

  return {
    sandbox,
    dir,
    env,
    ecs,
    ec2,
    elbv2,
    subnets,
    securityGroup,
    targetGroupArn,
    cli: (args, extra = {}) => runCli(args, { cwd: dir, env: { ...env, IMAGE: 'public.ecr.aws/nginx/nginx:1.27', ...extra } }),
    describe: async () => (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE], include: ['TAGS'] }))).services![0]!,
    mutations: async () => (await sandbox.client.requests()).filter((r) => MUTATING.test(r.operation ?? '')),
    writeServiceDefinition,
    async stop() {
      ecs.destroy();
      ec2.destroy();
      elbv2.destroy();
      await sandbox.stop();
    },
  };
}

/** The task definition: one `app` container, image from `$IMAGE`, awslogs. */
export function taskDefinition() {
  return {
    family: FAMILY,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: ROLE('ecsTaskExecutionRole'),
    containerDefinitions: [
      {
        name: 'app',
        image: '{{ must_env `IMAGE` }}',
        portMappings: [{ containerPort: 80 }],
        environment: [{ name: 'APP_VERSION', value: '{{ env `APP_VERSION` `1` }}' }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs', 'awslogs-create-group': 'true' },
        },
      },
    ],
  };
}

/** A 4-task Fargate rolling service behind the target group, circuit breaker with rollback. */
export function serviceDefinition(subnets: string[], sg: string, tg: string | undefined, extra: Record<string, unknown> = {}) {
  return {
    launchType: 'FARGATE',
    desiredCount: 4,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
    networkConfiguration: { awsvpcConfiguration: { subnets, securityGroups: [sg], assignPublicIp: 'DISABLED' } },
    ...(tg ? { loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 80 }] } : {}),
    tags: [{ key: 'team', value: 'web' }],
    ...extra,
  };
}
