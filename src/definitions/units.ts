/**
 * ecspresso's task-level cpu / memory normalisation (diff.go toNumberCPU / toNumberMemory), so
 * "0.25 vCPU" and "256" compare equal. RegisterTaskDefinition accepts both forms; ECS stores the
 * number of CPU units / MiB.
 */

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `<n><unit>` → String(trunc(n × 1024)); null when `unit` is absent; undefined when n is unreadable. */
function scaled(text: string, unit: string): string | undefined | null {
  const i = text.toLowerCase().indexOf(unit);
  if (i <= 0) return null; // no unit (or nothing before it): not a unit expression
  const n = text.slice(0, i).replace(/^ +| +$/g, '');
  if (!DECIMAL.test(n)) return undefined;
  return String(Math.trunc(Number(n) * 1024));
}

/**
 * CPU units from a task-level `cpu`: 256 → "256", "0.25 vCPU" → "256", "0.5vcpu" → "512",
 * "4 vcpu" → "4096" ("vcpu" in any case). Anything without a vCPU unit is returned as a string
 * unchanged; a vCPU expression whose number cannot be read gives undefined (as ecspresso's nil).
 */
export function toNumberCPU(cpu: string | number): string | undefined {
  const s = String(cpu);
  const r = scaled(s, 'vcpu');
  return r === null ? s : r;
}

/**
 * MiB from a task-level `memory`: 512 → "512", "0.5 GB" → "512", "4GB" → "4096". ecspresso
 * looks for "GB" case-sensitively; "gb" is accepted here too, since it can only mean the same.
 * Anything without a GB unit is returned unchanged; an unreadable number gives undefined.
 */
export function toNumberMemory(memory: string | number): string | undefined {
  const s = String(memory);
  const r = scaled(s, 'gb');
  return r === null ? s : r;
}
