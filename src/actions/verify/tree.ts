/** The result tree of `verify`: nodes with OK / NG / WARN / SKIP, aggregation and text rendering. Pure. */
import picocolors from 'picocolors';

/** OK: checked and fine; NG: checked and wrong; WARN: could not check (permissions) or suspicious; SKIP: not checked. */
export type VerifyStatus = 'OK' | 'NG' | 'WARN' | 'SKIP';

/** One checked thing; a node with children takes the worst of their statuses (and its own). */
export interface VerifyNode {
  name: string;
  status?: VerifyStatus;
  message?: string;
  children?: VerifyNode[];
}

const rank: Record<VerifyStatus, number> = { SKIP: 0, OK: 1, WARN: 2, NG: 3 };

/** The status of a node: its own combined with its children's, worst first; SKIP only when nothing was checked. */
export function statusOf(n: VerifyNode): VerifyStatus {
  let s: VerifyStatus | undefined = n.status;
  for (const c of n.children ?? []) {
    const cs = statusOf(c);
    if (s === undefined || rank[cs] > rank[s]) s = cs;
  }
  return s ?? 'SKIP';
}

/** Leaf helpers. */
export const ok = (name: string, message?: string): VerifyNode => ({ name, status: 'OK', ...(message ? { message } : {}) });
export const ng = (name: string, message: string): VerifyNode => ({ name, status: 'NG', message });
export const warn = (name: string, message: string): VerifyNode => ({ name, status: 'WARN', message });
export const skip = (name: string, message: string): VerifyNode => ({ name, status: 'SKIP', message });

/** One problem (NG or WARN leaf) with its path. */
export interface VerifyProblem {
  path: string[];
  status: 'NG' | 'WARN';
  message: string;
}

/** The NG and WARN leaves, depth first. */
export function problems(nodes: VerifyNode[], path: string[] = []): VerifyProblem[] {
  const out: VerifyProblem[] = [];
  for (const n of nodes) {
    const p = [...path, n.name];
    if ((n.status === 'NG' || n.status === 'WARN') && n.message !== undefined) out.push({ path: p, status: n.status, message: n.message });
    out.push(...problems(n.children ?? [], p));
  }
  return out;
}

/** Counts of leaf statuses. */
export function countStatuses(nodes: VerifyNode[]): Record<VerifyStatus, number> {
  const counts: Record<VerifyStatus, number> = { OK: 0, NG: 0, WARN: 0, SKIP: 0 };
  const walk = (n: VerifyNode) => {
    if (n.children?.length) n.children.forEach(walk);
    if (!n.children?.length || n.status) counts[statusOf(n)]++;
  };
  nodes.forEach(walk);
  return counts;
}

/**
 * The tree as text, one node per line: the status in a fixed-width column, then the name
 * indented by depth, then the message.
 *
 *     OK    Cluster main
 *     NG    TaskDefinition web
 *     OK      ExecutionRole ecsTaskExecutionRole
 *     NG      TaskRole app: role not found
 */
export function renderTree(nodes: VerifyNode[], opts: { color?: boolean } = {}): string {
  const pc = picocolors.createColors(Boolean(opts.color));
  const paint: Record<VerifyStatus, (s: string) => string> = { OK: pc.green, NG: pc.red, WARN: pc.yellow, SKIP: pc.dim };
  const lines: string[] = [];
  const walk = (n: VerifyNode, depth: number) => {
    const s = statusOf(n);
    lines.push(`${paint[s](s.padEnd(4))}  ${'  '.repeat(depth)}${n.name}${n.message ? `: ${n.message}` : ''}`);
    for (const c of n.children ?? []) walk(c, depth + 1);
  };
  nodes.forEach((n) => walk(n, 0));
  return lines.join('\n');
}
