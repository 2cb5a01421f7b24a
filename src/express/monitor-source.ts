/**
 * The monitor's view of an Express service ({@link MonitorSource} for `watchDeployment`), read
 * with the real ECS and CloudWatch Logs APIs. Service deployments are matched on the revision
 * the Create/Update call returned, not only on time: a sandbox (or a skewed clock) can make an
 * older deployment look recent, and right after an update the previous, SUCCESSFUL deployment
 * is still the newest one ECS lists.
 */
import { GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeServiceDeploymentsCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  type ECSClient,
  type Service,
  type ServiceDeployment,
  type ServiceDeploymentBrief,
  type Task,
} from '@aws-sdk/client-ecs';
import type { MonitorSource } from '../monitor/index.js';
import { describeServiceByName } from './lookup.js';
import type { ExpressRef } from './plan.js';

/** Options of {@link ExpressMonitorSource}. */
export interface ExpressMonitorSourceOptions {
  ecs: ECSClient;
  /** CloudWatch Logs, for the last lines of a failed container; omitted → no log tails. */
  logs?: () => Promise<CloudWatchLogsClient>;
  ref: ExpressRef;
  /** The revision Create/Update returned; only deployments towards it are watched. */
  targetRevisionArn?: string;
  /** Called after every DescribeServices, e.g. to follow the managed resources; may throw to stop the watch. */
  afterDescribe?(service: Service | undefined): Promise<void>;
}

/** MonitorSource for one Express service; remembers the last ServiceDeployment it read. */
export class ExpressMonitorSource implements MonitorSource {
  /** The newest ServiceDeployment read (for alarm names and rollback details in reports). */
  lastServiceDeployment?: ServiceDeployment;
  private readonly tdLogs = new Map<string, Map<string, { group: string; prefix?: string; region?: string }>>();

  constructor(private readonly o: ExpressMonitorSourceOptions) {}

  private matches(target: string | undefined): boolean {
    return !this.o.targetRevisionArn || !target || target === this.o.targetRevisionArn;
  }

  async describeService(): Promise<Service | undefined> {
    const s = await describeServiceByName(this.o.ecs, this.o.ref);
    await this.o.afterDescribe?.(s);
    return s;
  }

  async describeServiceDeployment(arn: string): Promise<ServiceDeployment | undefined> {
    const out = await this.o.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
    const sd = out.serviceDeployments?.[0];
    if (!sd || !this.matches(sd.targetServiceRevision?.arn)) return undefined;
    this.lastServiceDeployment = sd;
    return sd;
  }

  async listServiceDeployments(): Promise<ServiceDeploymentBrief[]> {
    const out = await this.o.ecs.send(new ListServiceDeploymentsCommand({ cluster: this.o.ref.cluster, service: this.o.ref.service }));
    return (out.serviceDeployments ?? []).filter((b) => this.matches(b.targetServiceRevisionArn));
  }

  async describeTasks(taskArns: string[]): Promise<Task[]> {
    const out = await this.o.ecs.send(new DescribeTasksCommand({ cluster: this.o.ref.cluster, tasks: taskArns }));
    return out.tasks ?? [];
  }

  async listStoppedTasks(startedBy?: string): Promise<string[]> {
    const out = await this.o.ecs.send(
      new ListTasksCommand({ cluster: this.o.ref.cluster, desiredStatus: 'STOPPED', ...(startedBy ? { startedBy } : { serviceName: this.o.ref.service }) }),
    );
    return out.taskArns ?? [];
  }

  async tailLogs(task: Task, container: string, lines: number): Promise<string[]> {
    if (!this.o.logs || !task.taskDefinitionArn || !task.taskArn) return [];
    const cfg = (await this.logConfigs(task.taskDefinitionArn)).get(container);
    if (!cfg?.prefix) return [];
    const stream = `${cfg.prefix}/${container}/${task.taskArn.slice(task.taskArn.lastIndexOf('/') + 1)}`;
    const logs = await this.o.logs();
    const out = await logs.send(new GetLogEventsCommand({ logGroupName: cfg.group, logStreamName: stream, limit: lines, startFromHead: false }));
    return (out.events ?? []).map((e) => e.message ?? '');
  }

  /** awslogs settings per container of a task definition (Express: container `Main`). */
  private async logConfigs(arn: string) {
    let m = this.tdLogs.get(arn);
    if (!m) {
      const out = await this.o.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
      m = new Map();
      for (const c of out.taskDefinition?.containerDefinitions ?? []) {
        const opts = c.logConfiguration?.logDriver === 'awslogs' ? c.logConfiguration.options : undefined;
        if (c.name && opts?.['awslogs-group']) m.set(c.name, { group: opts['awslogs-group'], prefix: opts['awslogs-stream-prefix'], region: opts['awslogs-region'] });
      }
      this.tdLogs.set(arn, m);
    }
    return m;
  }
}
