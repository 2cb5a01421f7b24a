/**
 * `tasks logs`: CloudWatch Logs of the selected tasks' containers (awslogs driver), from
 * `duration` ago; with `follow`, polling on the injected clock until the signal aborts (Ctrl-C),
 * picking up tasks that start meanwhile and never printing an event twice.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ActionContext } from '../../context.js';
import type { LoadedConfig } from '../../config/load.js';
import { createClients, withClients, type AwsClients } from '../../aws/clients.js';
import { formatLocalTime } from '../status/format.js';
import { fetchLogs, type LogLine } from './fetch-logs.js';
import { logStreams, TaskDefinitionCache, type LogStreamRef } from './log-streams.js';
import { selectTasks, type TaskSelection } from './select.js';

/** Options of {@link taskLogs}. */
export interface TaskLogsOptions extends TaskSelection {
  /** Only this container. */
  container?: string;
  /** How far back to start, ms; default 60000 (`--duration 1m`). */
  durationMs?: number;
  /** Keep polling for new events until `ctx.signal` aborts. */
  follow?: boolean;
  /** Poll interval with `follow`, ms; default 2000. */
  pollMs?: number;
}

/** What {@link taskLogs} returns: every event printed. */
export interface TaskLogsResult {
  events: LogLine[];
}

/** `2026-01-15T09:00:00Z app/45e4fb1b Listening on 0.0.0.0:80` */
export function formatLogLine(l: LogLine): string {
  return `${formatLocalTime(l.timestamp)} ${l.container}/${l.task.slice(0, 8)} ${l.message}`;
}

export async function taskLogs(ctx: ActionContext, loaded: LoadedConfig, opts: TaskLogsOptions = {}): Promise<TaskLogsResult> {
  const mask = (t: string) => loaded.secrets.mask(t);
  const hint = { cluster: loaded.config.cluster, service: loaded.config.service };
  const others = new Map<string, AwsClients>();
  try {
    return await withClients(ctx, loaded.aws, { mask, hint }, async (clients) => {
      const ecs = await clients.ecs();
      const tds = new TaskDefinitionCache(ecs);
      // Containers may log to another region (awslogs-region): one more client per region.
      const logsFor = (region: string | undefined): Promise<CloudWatchLogsClient> => {
        if (!region || region === loaded.aws.region) return clients.logs();
        let c = others.get(region);
        if (!c) others.set(region, (c = createClients({ ...loaded.aws, region }, { io: ctx.io, clock: ctx.clock, mask })));
        return c.logs();
      };
      const known = new Map<string, LogStreamRef>();
      const warned = new Set<string>();
      const printed: LogLine[] = [];
      const seen = new Map<string, number>();
      let since = ctx.clock.now() - (opts.durationMs ?? 60_000);
      for (let first = true; ; first = false) {
        // Re-read the tasks on every poll so tasks started meanwhile are followed too; streams seen once stay followed.
        const tasks = first || !opts.id ? await selectTasks(ctx, loaded, ecs, { id: opts.id }) : [];
        const { streams, unreadable } = await logStreams(tasks, tds, opts.container);
        for (const s of streams) known.set(`${s.group}/${s.stream}`, s);
        for (const u of unreadable) {
          if (warned.has(`${u.task}/${u.container}`)) continue;
          warned.add(`${u.task}/${u.container}`);
          await ctx.io.notify({ code: 'ECSX_TASK_LOGS_UNREADABLE', level: 'warn', message: `no logs for ${u.container} in task ${u.task}: ${u.reason}`, time: ctx.clock.now() });
        }
        if (first && tasks.length === 0 && !opts.follow) {
          await ctx.io.notify({ code: 'ECSX_TASK_LOGS_NO_TASKS', level: 'info', message: 'no running tasks (use --id for a stopped task)', time: ctx.clock.now() });
        }
        let lines: LogLine[];
        try {
          lines = await fetchLogs(logsFor, [...known.values()], since, opts.follow ? ctx.signal : undefined);
        } catch (err) {
          if (ctx.signal?.aborted) break;
          throw err;
        }
        const fresh = lines.filter((l) => !l.eventId || !seen.has(l.eventId));
        for (const l of fresh) if (l.eventId) seen.set(l.eventId, l.timestamp);
        if (lines.length) since = Math.max(since, lines[lines.length - 1]!.timestamp);
        // Events at the boundary timestamp are fetched again next time; older ids can be forgotten.
        for (const [id, ts] of seen) if (ts < since) seen.delete(id);
        if (fresh.length) {
          printed.push(...fresh);
          await ctx.io.notify({ code: 'ECSX_TASK_LOGS', level: 'result', message: mask(fresh.map(formatLogLine).join('\n')), time: ctx.clock.now(), data: JSON.parse(mask(JSON.stringify(fresh))) });
        } else if (first && !opts.follow && known.size > 0) {
          await ctx.io.notify({ code: 'ECSX_TASK_LOGS_EMPTY', level: 'info', message: 'no log events in that period', time: ctx.clock.now() });
        }
        if (!opts.follow || ctx.signal?.aborted) break;
        try {
          await ctx.clock.sleep(opts.pollMs ?? 2000, ctx.signal);
        } catch (err) {
          if (ctx.signal?.aborted) break;
          throw err;
        }
      }
      return { events: printed };
    });
  } finally {
    for (const c of others.values()) c.destroy();
  }
}
