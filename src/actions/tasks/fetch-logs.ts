/**
 * Reading log events of several streams with FilterLogEvents, grouped by region and log group,
 * 100 streams per call, following nextToken.
 */
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { isNotFound } from '../../aws/errors.js';
import type { LogStreamRef } from './log-streams.js';

/** One log line of one container of one task. */
export interface LogLine {
  /** Epoch ms. */
  timestamp: number;
  task: string;
  container: string;
  message: string;
  eventId?: string;
}

/** Events at or after `since` in `streams`, oldest first; a log group that does not exist (yet) has none. */
export async function fetchLogs(
  logsFor: (region: string | undefined) => Promise<CloudWatchLogsClient>,
  streams: LogStreamRef[],
  since: number,
  signal?: AbortSignal,
): Promise<LogLine[]> {
  const groups = new Map<string, LogStreamRef[]>();
  for (const s of streams) {
    const key = `${s.region ?? ''}\u0000${s.group}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const lines: LogLine[] = [];
  for (const list of groups.values()) {
    const { region, group } = list[0]!;
    const client = await logsFor(region);
    const byName = new Map(list.map((s) => [s.stream, s]));
    const names = [...byName.keys()];
    for (let i = 0; i < names.length; i += 100) {
      let nextToken: string | undefined;
      try {
        do {
          const out = await client.send(
            new FilterLogEventsCommand({ logGroupName: group, logStreamNames: names.slice(i, i + 100), startTime: since, nextToken }),
            { abortSignal: signal },
          );
          for (const e of out.events ?? []) {
            const ref = byName.get(e.logStreamName ?? '');
            if (!ref) continue;
            lines.push({ timestamp: e.timestamp ?? 0, task: ref.task, container: ref.container, message: (e.message ?? '').replace(/\n$/, ''), eventId: e.eventId });
          }
          nextToken = out.nextToken;
        } while (nextToken);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }
  return lines.sort((a, b) => a.timestamp - b.timestamp || (a.eventId ?? '').localeCompare(b.eventId ?? '', 'en', { numeric: true }));
}
