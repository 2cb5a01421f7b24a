/**
 * ARN construction and parsing. ECS uses the long ARN format everywhere
 * (`arn:aws:ecs:<region>:<account>:service/<cluster>/<name>`), reference §0.
 */

export interface ArnScope {
  region: string;
  accountId: string;
}

const base = (s: ArnScope) => `arn:aws:ecs:${s.region}:${s.accountId}`;

export const clusterArn = (s: ArnScope, cluster: string) => `${base(s)}:cluster/${cluster}`;
export const serviceArn = (s: ArnScope, cluster: string, service: string) =>
  `${base(s)}:service/${cluster}/${service}`;
export const taskArn = (s: ArnScope, cluster: string, id: string) => `${base(s)}:task/${cluster}/${id}`;
export const containerArn = (s: ArnScope, cluster: string, taskId: string, uuid: string) =>
  `${base(s)}:container/${cluster}/${taskId}/${uuid}`;
export const taskDefinitionArn = (s: ArnScope, family: string, revision: number) =>
  `${base(s)}:task-definition/${family}:${revision}`;
export const serviceDeploymentArn = (s: ArnScope, cluster: string, service: string, id: string) =>
  `${base(s)}:service-deployment/${cluster}/${service}/${id}`;
/** The revision number is the deployment's `ecs-svc/<N>` number (obs [OBS-H]). */
export const serviceRevisionArn = (s: ArnScope, cluster: string, service: string, n: string) =>
  `${base(s)}:service-revision/${cluster}/${service}/${n}`;
export const capacityProviderArn = (s: ArnScope, name: string) => `${base(s)}:capacity-provider/${name}`;
export const containerInstanceArn = (s: ArnScope, cluster: string, id: string) =>
  `${base(s)}:container-instance/${cluster}/${id}`;

export interface ParsedArn {
  service: string;
  region: string;
  accountId: string;
  /** e.g. `cluster`, `service`, `task`, `task-definition` */
  resourceType: string;
  /** The part after `<type>/`, split on `/`. */
  path: string[];
}

/** Parses an ARN, or returns undefined for anything that is not one. */
export function parseArn(value: string): ParsedArn | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const resource = parts.slice(5).join(':');
  const slash = resource.indexOf('/');
  if (slash < 0) return undefined;
  return {
    service: parts[2]!,
    region: parts[3]!,
    accountId: parts[4]!,
    resourceType: resource.slice(0, slash),
    path: resource.slice(slash + 1).split('/'),
  };
}

/** `name` or `arn:…:cluster/name` → `name`. */
export function clusterNameFrom(value: string): string {
  const arn = parseArn(value);
  return arn && arn.resourceType === 'cluster' ? arn.path.join('/') : value;
}

/**
 * A service reference is a name or an ARN. Long ARNs carry the cluster (`service/<cluster>/<name>`),
 * short legacy ones do not (`service/<name>`).
 */
export function serviceRefFrom(value: string): { name: string; cluster?: string } {
  const arn = parseArn(value);
  if (!arn || arn.resourceType !== 'service') return { name: value };
  return arn.path.length >= 2 ? { cluster: arn.path[0], name: arn.path[1]! } : { name: arn.path[0]! };
}

/** Task reference (id or ARN) → id. */
export function taskIdFrom(value: string): string {
  const arn = parseArn(value);
  if (!arn || arn.resourceType !== 'task') return value;
  return arn.path[arn.path.length - 1]!;
}
