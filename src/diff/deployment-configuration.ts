/**
 * deploymentConfiguration defaults for service diffs: what DescribeServices returns for fields a
 * service definition usually omits (ecspresso ServiceDefinitionForDiff and, since v2.8.7,
 * fillDeploymentConfigurationDefaults).
 */
import { child, children, fill, isObject, type JsonObject } from './json.js';

/** The rolling-update defaults ECS reports for a REPLICA service created without them. */
function replicaDefaults(): JsonObject {
  return {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    strategy: 'ROLLING',
    bakeTimeInMinutes: 0,
  };
}

/**
 * Fills deploymentConfiguration defaults in place on a service (already plain JSON), per
 * scheduling strategy:
 * - REPLICA (or unset, which is REPLICA): no configuration → the rolling defaults; otherwise each
 *   missing member among circuit breaker (false/false), strategy ROLLING, bakeTimeInMinutes 0,
 *   maximumPercent 200 and minimumHealthyPercent 100 is filled (ecspresso #895, #1082).
 * - DAEMON: no configuration → maximumPercent 100, minimumHealthyPercent 0 (ECS's daemon defaults).
 * Then the member defaults ECS returns for whatever is present (v2.8.7): circuit breaker
 * resetOnHealthyTask true and thresholdConfiguration BOUNDED_PERCENT 50, earlySuccessCriteria
 * healthyPercent 100 and sourceServiceRevisionCleanup BLOCKING, lifecycle hooks targetType
 * AWS_LAMBDA and timeoutConfiguration ROLLBACK after 1440 minutes; and an all-default `alarms`
 * block (disabled, no alarm names), which ECS returns for every service, is dropped.
 */
export function fillDeploymentConfiguration(sv: JsonObject): void {
  const strategy = typeof sv.schedulingStrategy === 'string' ? sv.schedulingStrategy : 'REPLICA';
  let dc = child(sv, 'deploymentConfiguration');
  if (strategy === 'REPLICA') {
    if (!dc) {
      dc = replicaDefaults();
      sv.deploymentConfiguration = dc;
    } else {
      fill(dc, 'deploymentCircuitBreaker', { enable: false, rollback: false });
      fill(dc, 'strategy', 'ROLLING');
      fill(dc, 'maximumPercent', 200);
      fill(dc, 'minimumHealthyPercent', 100);
      fill(dc, 'bakeTimeInMinutes', 0);
    }
  } else if (strategy === 'DAEMON' && !dc) {
    dc = { maximumPercent: 100, minimumHealthyPercent: 0 };
    sv.deploymentConfiguration = dc;
  }
  if (dc) fillMemberDefaults(dc);
}

function fillMemberDefaults(dc: JsonObject): void {
  const cb = child(dc, 'deploymentCircuitBreaker');
  if (cb) {
    // enable / rollback are required booleans; Go's non-pointer bools read a missing one as false.
    fill(cb, 'enable', false);
    fill(cb, 'rollback', false);
    fill(cb, 'resetOnHealthyTask', true);
    fill(cb, 'thresholdConfiguration', { type: 'BOUNDED_PERCENT', value: 50 });
  }
  const esc = child(dc, 'earlySuccessCriteria');
  if (esc) {
    fill(esc, 'healthyPercent', 100);
    fill(esc, 'sourceServiceRevisionCleanup', 'BLOCKING');
  }
  for (const hook of children(dc, 'lifecycleHooks')) {
    fill(hook, 'targetType', 'AWS_LAMBDA');
    fill(hook, 'timeoutConfiguration', {});
    const tc = hook.timeoutConfiguration as JsonObject;
    fill(tc, 'action', 'ROLLBACK');
    fill(tc, 'timeoutInMinutes', 1440);
  }
  // DescribeServices returns `alarms: {alarmNames: [], enable: false, rollback: false}` for
  // services created without alarms (reference ecs-deployment-behaviour §4.4); that is the same
  // as no alarms block, and ecspresso would show it as a spurious removal.
  const alarms = dc.alarms;
  if (isObject(alarms)) {
    const names = Array.isArray(alarms.alarmNames) ? alarms.alarmNames : [];
    if (names.length === 0 && alarms.enable !== true && alarms.rollback !== true) delete dc.alarms;
  }
}
