/**
 * The status block, as text: ecspresso's layout (`Service:`, `Cluster:`, `TaskDefinition:`,
 * `Deployments:`, `TaskSets:`, `AutoScaling:`, `Events:`). Pure: data in, lines out.
 */
import type { AutoScalingSummary, DeploymentSummary, EventSummary, StatusResult, TaskSetSummary } from './types.js';

/** `2026-01-15T18:00:00+09:00`: RFC 3339 in the local time zone, as ecspresso prints event times. */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const zone = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}

/** `   PRIMARY app:3 desired:2 pending:0 running:2 COMPLETED(ECS deployment … completed.)` */
export function formatDeployment(d: DeploymentSummary): string {
  const state = d.rolloutState ? ` ${d.rolloutState}${d.rolloutStateReason ? `(${d.rolloutStateReason})` : ''}` : '';
  const failed = d.failedTasks ? ` failed:${d.failedTasks}` : '';
  return `${d.status.padStart(10)} ${d.taskDefinition} desired:${d.desiredCount} pending:${d.pendingCount} running:${d.runningCount}${failed}${state}`;
}

/** `   PRIMARY app:3 desired:2 pending:0 running:2 STEADY_STATE` */
export function formatTaskSet(t: TaskSetSummary): string {
  const scale = t.scale === undefined ? '' : ` scale:${t.scale}%`;
  return `${t.status.padStart(10)} ${t.taskDefinition} desired:${t.computedDesiredCount} pending:${t.pendingCount} running:${t.runningCount}${scale} ${t.stabilityStatus}`;
}

export function formatAutoScaling(a: AutoScalingSummary): string[] {
  const lines = [
    `  Capacity min:${a.minCapacity} max:${a.maxCapacity}`,
    `  Suspended in:${a.suspended.dynamicScalingIn} out:${a.suspended.dynamicScalingOut} scheduled:${a.suspended.scheduledScaling}`,
  ];
  for (const p of a.policies) lines.push(`  Policy name:${p.name} type:${p.type}`);
  return lines;
}

export function formatEvent(e: EventSummary): string {
  return `${formatLocalTime(Date.parse(e.createdAt))} ${e.message}`;
}

/** The whole block; no trailing newline. */
export function formatStatus(r: StatusResult): string {
  const lines = [`Service: ${r.service}`, `Cluster: ${r.cluster}`];
  if (r.status !== 'ACTIVE') lines.push(`Status: ${r.status}`);
  lines.push(`TaskDefinition: ${r.taskDefinition ?? ''}`);
  if (r.deployments.length > 0) {
    lines.push('Deployments:');
    for (const d of r.deployments) lines.push(formatDeployment(d));
  }
  if (r.taskSets.length > 0) {
    lines.push('TaskSets:');
    for (const t of r.taskSets) lines.push(formatTaskSet(t));
  }
  if (r.autoScaling) {
    lines.push('AutoScaling:');
    lines.push(...formatAutoScaling(r.autoScaling));
  }
  if (r.events.length > 0) {
    lines.push('Events:');
    for (const e of r.events) lines.push(formatEvent(e));
  }
  return lines.join('\n');
}
