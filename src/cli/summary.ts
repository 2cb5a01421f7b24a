import type { RunRecord } from '../io/github.js';
import type { TimelineEntry } from '../monitor/types.js';

/**
 * Markdown for the GitHub Actions job summary: outcome, the error, the command's results (a diff
 * as a `diff` block), the rollout timeline as a Mermaid gantt chart (GitHub renders it), and the
 * endpoint when the run produced one.
 */
export function renderSummary(run: RunRecord): string {
  // Exit 5 is `diff --exit-code` finding changes: a result, not a failure.
  const outcome = run.exitCode === 0 ? '✅ succeeded' : run.exitCode === 5 ? '📝 changes found (exit 5)' : `❌ failed (exit ${run.exitCode})`;
  const lines = [`### ecsx ${run.command}: ${outcome}`, ''];
  if (run.error) lines.push('```', run.error, '```', '');
  for (const m of run.messages) {
    const endpoint = (m.data as { endpoint?: unknown } | undefined)?.endpoint;
    if (typeof endpoint === 'string') lines.push(`**Endpoint:** ${endpoint}`, '');
  }
  const results = run.messages.filter((m) => m.level === 'result' && m.message.trim() !== '');
  for (const r of results) {
    const isDiff = /^--- .*\n\+\+\+ /m.test(r.message);
    lines.push(`<details${isDiff ? ' open' : ''}><summary>${isDiff ? 'diff' : r.code}</summary>`, '', '```' + (isDiff ? 'diff' : ''), stripAnsi(r.message), '```', '', '</details>', '');
  }
  const timeline = findTimeline(run);
  if (timeline.length > 1) lines.push(...gantt(timeline), '');
  return lines.join('\n');
}

interface Stage {
  name: string;
  start: number;
  end: number;
}

/** The monitor's timeline (`data.timeline` of its closing message); the last one in the run wins. */
function findTimeline(run: RunRecord): Stage[] {
  const last = run.messages.at(-1)?.time ?? 0;
  for (let i = run.messages.length - 1; i >= 0; i--) {
    const t = (run.messages[i].data as { timeline?: TimelineEntry[] } | undefined)?.timeline;
    if (!Array.isArray(t)) continue;
    return t
      .filter((e) => Number.isFinite(e.start))
      .map((e, j, all) => ({ name: e.phase, start: e.start, end: e.end ?? all[j + 1]?.start ?? Math.max(last, e.start + 1000) }));
  }
  return [];
}

function gantt(stages: Stage[]): string[] {
  const t0 = stages[0].start;
  const out = ['```mermaid', 'gantt', '  title Rollout timeline', '  dateFormat X', '  axisFormat %M:%S'];
  for (const s of stages) {
    const from = Math.round((s.start - t0) / 1000);
    const to = Math.max(from + 1, Math.round((s.end - t0) / 1000));
    out.push(`  ${s.name.replace(/[:#;]/g, ' ')} : ${from}, ${to}`);
  }
  out.push('```');
  return out;
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
