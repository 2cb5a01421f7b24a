/**
 * CANARY (reference §4.4): two production shifts, `canaryConfiguration.canaryPercent` (default
 * 5.0, 0.1–100) then the rest, `canaryBakeTimeInMinutes` (default 10) apart, then
 * `bakeTimeInMinutes` before CLEAN_UP. The lifecycle itself is in blue-green.ts.
 */
import type { Json } from '../input.js';
import { minutes, trafficShiftingStrategy, type TrafficPlan } from './blue-green.js';

export function canaryPlan(cfg: Json): TrafficPlan {
  const canary = (cfg.canaryConfiguration ?? {}) as Json;
  const raw = typeof canary.canaryPercent === 'number' ? canary.canaryPercent : 5;
  const percent = Math.round(Math.min(100, Math.max(0.1, raw)) * 10) / 10;
  return {
    steps: percent >= 100 ? [100] : [percent, 100],
    stepBakeSeconds: minutes(canary.canaryBakeTimeInMinutes, 10),
    bakeSeconds: minutes(cfg.bakeTimeInMinutes, 0),
  };
}

export const canaryStrategy = trafficShiftingStrategy(canaryPlan);
