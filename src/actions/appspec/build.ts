/**
 * The CodeDeploy AppSpec for an ECS service (ecspresso's `appspec` package): version 0.0, one
 * `TargetService` with the task definition, the first load balancer's container, platform
 * version, awsvpc network and capacity providers, and the config's `appspec.Hooks`. Pure.
 */

/** The parts of a service (local definition or DescribeServices) the AppSpec uses. */
export interface AppSpecServiceLike {
  loadBalancers?: { containerName?: string; containerPort?: number }[];
  platformVersion?: string;
  networkConfiguration?: { awsvpcConfiguration?: { subnets?: string[]; securityGroups?: string[]; assignPublicIp?: string } };
  capacityProviderStrategy?: { capacityProvider?: string; base?: number; weight?: number }[];
}

/** An AppSpec document, in CodeDeploy's key spelling. */
export interface AppSpec {
  version: string;
  Resources: { TargetService: { Type: 'AWS::ECS::Service'; Properties: Record<string, unknown> } }[];
  Hooks?: Record<string, string>[];
}

const compact = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;

/** Builds the AppSpec; `hooks` is the config's `appspec` value (`{Hooks: [{BeforeInstall: fn}, …]}`). */
export function buildAppSpec(taskDefinitionArn: string, service: AppSpecServiceLike | undefined, hooks?: unknown): AppSpec {
  const lb = service?.loadBalancers?.[0];
  const vpc = service?.networkConfiguration?.awsvpcConfiguration;
  const props = compact({
    TaskDefinition: taskDefinitionArn,
    LoadBalancerInfo: lb ? compact({ ContainerName: lb.containerName, ContainerPort: lb.containerPort }) : undefined,
    PlatformVersion: service?.platformVersion,
    NetworkConfiguration: vpc ? { AwsvpcConfiguration: compact({ Subnets: vpc.subnets, SecurityGroups: vpc.securityGroups, AssignPublicIp: vpc.assignPublicIp }) } : undefined,
    CapacityProviderStrategy: service?.capacityProviderStrategy?.map((c) => compact({ Base: c.base, CapacityProvider: c.capacityProvider, Weight: c.weight })),
  });
  const spec: AppSpec = { version: '0.0', Resources: [{ TargetService: { Type: 'AWS::ECS::Service', Properties: props } }] };
  const list = (hooks as { Hooks?: unknown; hooks?: unknown } | undefined)?.Hooks ?? (hooks as { hooks?: unknown } | undefined)?.hooks;
  if (Array.isArray(list) && list.length) spec.Hooks = list as Record<string, string>[];
  return spec;
}
