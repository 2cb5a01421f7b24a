/**
 * Following a task container's CloudWatch Logs stream while `run` waits (ecspresso tails
 * `<prefix>/<container>/<task id>` every few seconds). Lines are read forward from the start of
 * the stream, each at most once.
 */
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../../aws/clients.js';
import { awsErrorCode } from '../../aws/errors.js';
import { awslogsStream } from '../deploy/monitor-source.js';

/** One log line of a task. */
export interface TaskLogLine {
  taskId: string;
  container: string;
  timestamp?: number;
  message: string;
}

/** Reads new lines of one container's stream on each {@link LogFollower.read}. */
export class LogFollower {
  private token?: string;
  private readonly where?: { group: string; stream: string };
  private readonly container: string;

  constructor(
    private readonly clients: AwsClients,
    def: ContainerDefinition | undefined,
    readonly taskId: string,
  ) {
    this.where = awslogsStream(def, taskId);
    this.container = def?.name ?? '';
  }

  /** Whether the container logs to CloudWatch (otherwise nothing can be followed). */
  get available(): boolean {
    return this.where !== undefined;
  }

  /** The lines written since the last read; [] while the stream does not exist yet. */
  async read(): Promise<TaskLogLine[]> {
    if (!this.where) return [];
    const logs = await this.clients.logs();
    const out: TaskLogLine[] = [];
    for (let page = 0; page < 10; page++) {
      let res;
      try {
        res = await logs.send(new GetLogEventsCommand({ logGroupName: this.where.group, logStreamName: this.where.stream, startFromHead: true, ...(this.token ? { nextToken: this.token } : {}) }));
      } catch (err) {
        if (awsErrorCode(err) === 'ResourceNotFoundException') return out; // not created yet
        throw err;
      }
      const events = res.events ?? [];
      for (const e of events) out.push({ taskId: this.taskId, container: this.container, timestamp: e.timestamp, message: e.message ?? '' });
      // CloudWatch returns the same token when there is nothing more.
      const same = res.nextForwardToken === this.token;
      if (res.nextForwardToken) this.token = res.nextForwardToken;
      if (same || events.length === 0) break;
    }
    return out;
  }
}
