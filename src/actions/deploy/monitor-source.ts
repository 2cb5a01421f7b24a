/**
 * The monitor's view of one service through the real ECS (and CloudWatch Logs) APIs: the
 * `MonitorSource` that `watchDeployment` polls.
 */
import {
  DescribeServiceDeploymentsCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  type ContainerDefinition,
  type Task,
} from '@aws-sdk/client-ecs';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients.js';
import type { MonitorSource } from '../../monitor/index.js';
import { describeOneService, type ServiceRef } from './service.js';

/** The awslogs group and stream of one container of a task, when it logs to CloudWatch. */
export function awslogsStream(def: ContainerDefinition | undefined, taskId: string): { group: string; stream: string } | undefined {
  const log = def?.logConfiguration;
  if (log?.logDriver !== 'awslogs') return undefined;
  const group = log.options?.['awslogs-group'];
  const prefix = log.options?.['awslogs-stream-prefix'];
  // Without a stream prefix ECS names streams after the task id alone, and ecspresso cannot tail them either.
  if (!group) return undefined;
  return { group, stream: prefix ? `${prefix}/${def!.name}/${taskId}` : taskId };
}

/** Reads container definitions by task definition ARN, once each. */
export class ContainerDefinitions {
  private cache = new Map<string, Promise<ContainerDefinition[]>>();
  constructor(private readonly clients: AwsClients) {}
  get(taskDefinitionArn: string): Promise<ContainerDefinition[]> {
    let p = this.cache.get(taskDefinitionArn);
    if (!p) {
      p = this.clients
        .ecs()
        .then((ecs) => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn })))
        .then((o) => o.taskDefinition?.containerDefinitions ?? []);
      p.catch(() => this.cache.delete(taskDefinitionArn));
      this.cache.set(taskDefinitionArn, p);
    }
    return p;
  }
}

/** The last `lines` log lines of a container (oldest first), or [] when it does not log to CloudWatch. */
export async function tailContainerLogs(clients: AwsClients, defs: ContainerDefinitions, task: Task, container: string, lines: number): Promise<string[]> {
  if (!task.taskDefinitionArn || !task.taskArn) return [];
  const def = (await defs.get(task.taskDefinitionArn)).find((c) => c.name === container);
  const where = awslogsStream(def, task.taskArn.slice(task.taskArn.lastIndexOf('/') + 1));
  if (!where) return [];
  const logs = await clients.logs();
  const out = await logs.send(new GetLogEventsCommand({ logGroupName: where.group, logStreamName: where.stream, limit: lines, startFromHead: false }));
  return (out.events ?? []).map((e) => e.message ?? '').slice(-lines);
}

/** A MonitorSource for `ref`, with every optional capability (service deployments, diagnosis, log tails). */
export function ecsMonitorSource(clients: AwsClients, ref: ServiceRef): MonitorSource {
  const defs = new ContainerDefinitions(clients);
  return {
    describeService: async () => describeOneService(await clients.ecs(), ref),
    async describeServiceDeployment(arn) {
      const out = await (await clients.ecs()).send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
      return out.serviceDeployments?.[0];
    },
    async listServiceDeployments() {
      const out = await (await clients.ecs()).send(new ListServiceDeploymentsCommand({ cluster: ref.cluster, service: ref.service }));
      return out.serviceDeployments ?? [];
    },
    async describeTasks(taskArns) {
      if (!taskArns.length) return [];
      const out = await (await clients.ecs()).send(new DescribeTasksCommand({ cluster: ref.cluster, tasks: taskArns.slice(0, 100) }));
      return out.tasks ?? [];
    },
    async listStoppedTasks(startedBy) {
      // ListTasks takes startedBy or serviceName; a deployment id names the service's tasks precisely.
      const filter = startedBy ? { startedBy } : { serviceName: ref.service };
      const out = await (await clients.ecs()).send(new ListTasksCommand({ cluster: ref.cluster, desiredStatus: 'STOPPED', ...filter }));
      return out.taskArns ?? [];
    },
    tailLogs: (task, container, lines) => tailContainerLogs(clients, defs, task, container, lines),
  };
}
