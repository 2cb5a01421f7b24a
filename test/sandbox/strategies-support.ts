/**
 * Support for the traffic-shifting strategy tests: a sandbox with an ALB (production and test
 * listener rules, a blue/green target-group pair) in moto, services deployed behind it, and an
 * observer that records lifecycle stages and traffic weights while a deployment runs.
 */
import assert from 'node:assert/strict';
import {
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  type DeploymentConfiguration,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateRuleCommand, CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { account, defaultVpc, ruleWeights, startSdkSandbox, type SdkSandbox } from './express-support.js';
import { LIFECYCLE_STAGES } from '../../sandbox/ecs/strategies/traffic.js';

export let s: SdkSandbox;
export let infra: Infra;

/** Starts the sandbox and creates the load balancer (call from `before`). */
export async function startBench(): Promise<void> {
  s = await startSdkSandbox();
  infra = await loadBalancer('strat');
}

/** The stages a deployment without a superseded predecessor goes through: ECS's order minus RECONCILE_SERVICE. */
export const STAGES: string[] = LIFECYCLE_STAGES.filter((s) => s !== 'RECONCILE_SERVICE');

export interface Infra {
  subnets: string[];
  tg1: string;
  tg2: string;
  prodRule: string;
  testRule: string;
}

let n = 0;

/** An ALB with a production and a test listener, a rule on each, and a blue/green target-group pair. */
async function loadBalancer(name: string): Promise<Infra> {
  const { vpcId, subnets } = await defaultVpc(s);
  const lb = (await s.elb.send(new CreateLoadBalancerCommand({ Name: `${name}-alb`, Subnets: subnets.slice(0, 2), Type: 'application' }))).LoadBalancers![0]!;
  const tg = async (n: string) =>
    (await s.elb.send(new CreateTargetGroupCommand({ Name: n, Protocol: 'HTTP', Port: 80, VpcId: vpcId, TargetType: 'ip' }))).TargetGroups![0]!.TargetGroupArn!;
  const tg1 = await tg(`${name}-blue`);
  const tg2 = await tg(`${name}-green`);
  const rule = async (port: number) => {
    const listener = await s.elb.send(
      new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTP', Port: port, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] }),
    );
    const created = await s.elb.send(
      new CreateRuleCommand({
        ListenerArn: listener.Listeners![0]!.ListenerArn,
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
        Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: tg1, Weight: 100 }, { TargetGroupArn: tg2, Weight: 0 }] } }],
      }),
    );
    return created.Rules![0]!.RuleArn!;
  };
  return { subnets, tg1, tg2, prodRule: await rule(80), testRule: await rule(8080) };
}

export async function registerTaskDef(image: string): Promise<string> {
  const out = await s.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  return out.taskDefinition!.taskDefinitionArn!;
}

export const currentDeployment = async (service: string): Promise<ServiceDeployment> => {
  const svc = (await s.ecs.send(new DescribeServicesCommand({ services: [service] }))).services![0]!;
  const out = await s.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [svc.currentServiceDeployment!] }));
  return out.serviceDeployments![0]!;
};

const runningOf = async (service: string, revisionArn: string) => {
  const svc = (await s.ecs.send(new DescribeServicesCommand({ services: [service] }))).services![0]!;
  return svc.currentServiceRevisions!.find((r) => r.arn === revisionArn)?.runningTaskCount ?? 0;
};

/** A service deployed (first deployment done) with `deploymentConfiguration`; returns its name. */
export async function stableService(deploymentConfiguration: DeploymentConfiguration, testRule = false): Promise<string> {
  const name = `svc${++n}`;
  await s.ecs.send(
    new CreateServiceCommand({
      serviceName: name,
      taskDefinition: await registerTaskDef('nginx:1'),
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: infra.subnets.slice(0, 2), assignPublicIp: 'ENABLED' } },
      loadBalancers: [
        {
          targetGroupArn: infra.tg1,
          containerName: 'app',
          containerPort: 80,
          advancedConfiguration: {
            alternateTargetGroupArn: infra.tg2,
            productionListenerRule: infra.prodRule,
            testListenerRule: testRule ? infra.testRule : undefined,
            roleArn: `arn:aws:iam::${account}:role/ecsInfrastructureRole`,
          },
        },
      ],
      deploymentConfiguration,
    }),
  );
  await s.until(async () => (await currentDeployment(name)).status === 'SUCCESSFUL', { every: 30 });
  // The first deployment put its tasks on the primary target group and all traffic there.
  assert.deepEqual(await ruleWeights(s, infra.prodRule), { [infra.tg1]: 100, [infra.tg2]: 0 });
  return name;
}

export interface Observed {
  stages: string[];
  /** Distinct service-deployment statuses, in order. */
  statuses: string[];
  /** Distinct production weights of the target revision, with the green running count when first seen. */
  weights: { weight: number; greenRunning: number; rule: Record<string, number> }[];
  final: ServiceDeployment;
}

/** Steps 5 s at a time until the current deployment finishes, recording stages and weights. */
export async function observe(service: string): Promise<Observed> {
  const stages: string[] = [];
  const statuses: string[] = [];
  const weights: Observed['weights'] = [];
  const final = await s.until(
    async () => {
      const sd = await currentDeployment(service);
      if (sd.lifecycleStage && stages[stages.length - 1] !== sd.lifecycleStage) stages.push(sd.lifecycleStage);
      if (statuses[statuses.length - 1] !== sd.status) statuses.push(sd.status!);
      const w = sd.targetServiceRevision!.requestedProductionTrafficWeight ?? 0;
      if (weights.length === 0 || weights[weights.length - 1]!.weight !== w) {
        weights.push({ weight: w, greenRunning: await runningOf(service, sd.targetServiceRevision!.arn!), rule: await ruleWeights(s, infra.prodRule) });
      }
      return ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'].includes(sd.status!) && sd;
    },
    { every: 5, max: 3600 },
  );
  return { stages, statuses, weights, final };
}
