import type { RunRecord } from '../io/github.js';

/**
 * Markdown for the GitHub Actions job summary: outcome, the error, the command's results (a diff
 * as a `diff` block), the rollout timeline as a Mermaid gantt chart (GitHub renders it), and the
 * endpoint when the run produced one.
 */
export function renderSummary(run: RunRecord): string {
  const ok = run.exitCode === 0;
  const lines = [`### ecsx ${run.command}: ${ok ? '✅ succeeded' : `❌ failed (exit ${run.exitCode})`}`, ''];
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

/** The last message carrying `data.timeline` ([{stage|name, at|start, end?}]) wins. */
function findTimeline(run: RunRecord): Stage[] {
  for (let i = run.messages.length - 1; i >= 0; i--) {
    const t = (run.messages[i].data as { timeline?: unknown } | undefined)?.timeline;
    if (!Array.isArray(t)) continue;
    const points = t
      .map((e: Record<string, unknown>) => ({ name: String(e.stage ?? e.name ?? e.state ?? 'stage'), at: Number(e.at ?? e.start ?? e.time) }))
      .filter((p) => Number.isFinite(p.at));
    const end = run.messages[run.messages.length - 1].time;
    return points.map((p, j) => ({ name: p.name, start: p.at, end: j + 1 < points.length ? points[j + 1].at : Math.max(end, p.at + 1000) }));
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
