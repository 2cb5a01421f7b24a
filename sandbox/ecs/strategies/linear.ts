/**
 * LINEAR (reference §4.4): production traffic moves in equal steps of
 * `linearConfiguration.stepPercent` (default 10.0, 3.0–100 in multiples of 0.1), so
 * ceil(100 / step) shifts, `stepBakeTimeInMinutes` (default 6) apart and not after the last one,
 * then `bakeTimeInMinutes` before CLEAN_UP. The lifecycle itself is in blue-green.ts.
 */
import type { Json } from '../input.js';
import { minutes, trafficShiftingStrategy, type TrafficPlan } from './blue-green.js';

export function linearPlan(cfg: Json): TrafficPlan {
  const linear = (cfg.linearConfiguration ?? {}) as Json;
  const raw = typeof linear.stepPercent === 'number' ? linear.stepPercent : 10;
  const step = Math.round(Math.min(100, Math.max(3, raw)) * 10) / 10;
  const steps: number[] = [];
  for (let i = 1; i * step < 100; i++) steps.push(Math.round(i * step * 10) / 10);
  steps.push(100);
  return {
    steps,
    stepBakeSeconds: minutes(linear.stepBakeTimeInMinutes, 6),
    bakeSeconds: minutes(cfg.bakeTimeInMinutes, 0),
  };
}

export const linearStrategy = trafficShiftingStrategy(linearPlan);
