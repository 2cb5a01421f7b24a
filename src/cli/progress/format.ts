import type picocolors from 'picocolors';
import { formatDuration } from '../../config/duration.js';
import { describeServiceDeployment, shortTaskDefinition, type DeploymentProgress, type ProgressSnapshot } from '../../monitor/index.js';
import { fitLine } from './ansi.js';

/** picocolors' formatter set (plain strings when colour is off). */
export type Colors = ReturnType<typeof picocolors.createColors>;

/** Width classes of the live block: `wide` shows bars, `medium` drops them, `narrow` is compact. */
export type Layout = 'wide' | 'medium' | 'narrow';

/** The layout for a terminal width. */
export function layoutFor(columns: number): Layout {
  return columns >= 72 ? 'wide' : columns >= 48 ? 'medium' : 'narrow';
}

/** Elapsed time in whole seconds, Go style: `0s`, `42s`, `2m5s`, `1h0m3s`. */
export function formatElapsed(ms: number): string {
  return formatDuration(Math.max(0, Math.floor(ms / 1000)) * 1000);
}

/** `[████▒▒░░░░░░]`: running, pending, rest of desired. */
export function bar(d: Pick<DeploymentProgress, 'desired' | 'running' | 'pending'>, width = 12): string {
  if (d.desired <= 0) return `[${'░'.repeat(width)}]`;
  const run = Math.min(width, Math.round((d.running / d.desired) * width));
  const pend = Math.min(width - run, Math.round((d.pending / d.desired) * width));
  return `[${'█'.repeat(run)}${'▒'.repeat(pend)}${'░'.repeat(width - run - pend)}]`;
}

function stateColor(c: Colors, state: string | undefined): (s: string) => string {
  switch (state) {
    case 'COMPLETED':
    case 'SUCCESSFUL':
    case 'succeeded':
      return c.green;
    case 'FAILED':
    case 'STOPPED':
    case 'ROLLBACK_FAILED':
    case 'failed':
    case 'rolled-back':
    case 'timeout':
      return c.red;
    case 'ROLLBACK_IN_PROGRESS':
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_SUCCESSFUL':
      return c.yellow;
    default:
      return c.cyan;
  }
}

/** One deployment line for the live block, in the given layout (not yet fitted to the width). */
export function deploymentLine(d: DeploymentProgress, layout: Layout, c: Colors): string {
  const status = (d.status ?? '?').padEnd(7);
  const td = shortTaskDefinition(d.taskDefinition);
  const rollout = d.rolloutState ? ' ' + stateColor(c, d.rolloutState)(d.rolloutState) : '';
  const failed = d.failed ? ' ' + c.red(`failed ${d.failed}`) : '';
  if (layout === 'narrow') return `${status.trim()[0]} ${td} ${d.running}/${d.desired}${d.pending ? ` +${d.pending}` : ''}${rollout}`;
  if (layout === 'medium') return `${status} ${td} ${d.running}/${d.desired}${d.pending ? ` (+${d.pending} pending)` : ''}${failed}${rollout}`;
  return `${status}  ${td}  desired ${d.desired} pending ${d.pending} running ${d.running} ${c.dim(bar(d))}${failed}${rollout}`;
}

/** How the block's first line names the end state; undefined while in progress. */
export type FinalState = 'succeeded' | 'failed' | 'rolled-back' | 'timeout' | 'interrupted';

/**
 * The lines of the live block for a snapshot: a header (service, phase, elapsed, reason), one line
 * per deployment, and the ServiceDeployment when there is one. Every line fits in `columns - 1`.
 */
export function frameLines(s: ProgressSnapshot, columns: number, c: Colors, final?: FinalState): string[] {
  const layout = layoutFor(columns);
  const mark = final === 'succeeded' ? c.green('✔') : final ? c.red('✖') : c.cyan('●');
  const label = final ? stateColor(c, final === 'interrupted' ? undefined : final)(final) : c.bold(s.phase);
  const head = layout === 'narrow' ? `${mark} ${label} ${formatElapsed(s.elapsedMs)}` : `${mark} ${s.service.name ?? 'service'}  ${label}  ${formatElapsed(s.elapsedMs)}  ${c.dim(s.reason)}`;
  const lines = [head, ...s.deployments.map((d) => '  ' + deploymentLine(d, layout, c))];
  const sd = s.serviceDeployment;
  if (sd) {
    const w = sd.target?.productionTrafficWeight;
    const text = layout === 'wide' ? describeServiceDeployment(sd) : `${sd.status === 'IN_PROGRESS' ? (sd.lifecycleStage ?? sd.status) : (sd.status ?? '?')}${w !== undefined ? ` ${w}%` : ''}`;
    lines.push('  ' + stateColor(c, sd.status)(text));
  }
  return lines.map((l) => fitLine(l, Math.max(1, columns - 1)));
}
