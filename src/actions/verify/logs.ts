/** awslogs log groups: they exist, or ECS is told to create them (`awslogs-create-group`). */
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { LogConfiguration } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../../aws/clients.js';
import { attempt } from './attempt.js';
import { ng, ok, skip, type VerifyNode } from './tree.js';

/** The log configuration of one container. */
export function checkLogConfiguration(clients: AwsClients, log: LogConfiguration | undefined): Promise<VerifyNode> {
  if (!log) return Promise.resolve(skip('LogConfiguration', 'none: the container\'s output is not kept'));
  if (log.logDriver !== 'awslogs') return Promise.resolve(skip(`LogConfiguration ${log.logDriver}`, 'only awslogs is checked'));
  const group = log.options?.['awslogs-group'];
  const name = `LogConfiguration awslogs ${group ?? ''}`.trim();
  if (!group) return Promise.resolve(ng(name, 'awslogs-group is not set'));
  return attempt(name, async () => {
    const logs = await clients.logs();
    const res = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    if ((res.logGroups ?? []).some((g) => g.logGroupName === group)) return ok(name);
    if (log.options?.['awslogs-create-group'] === 'true') return ok(name, 'does not exist yet; ECS creates it (awslogs-create-group), which needs logs:CreateLogGroup on the execution role');
    return ng(name, `log group ${group} does not exist: create it, or set awslogs-create-group to "true"`);
  });
}
