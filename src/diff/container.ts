/**
 * Container-definition normalisation for task-definition diffs: ecspresso's sortTaskDefinition
 * rules for one container, plus the container defaults DescribeTaskDefinition fills in.
 */
import {
  child,
  children,
  dropIfEqual,
  sortByField,
  sortByJson,
  type JsonObject,
} from './json.js';

/**
 * Normalises one container definition in place. `networkMode` is the task's network mode.
 *
 * Defaults are dropped where they equal what AWS fills in on read, so a definition that omits
 * them equals the registered one (DescribeTaskDefinition returns `cpu: 0`, `essential: true`,
 * `portMappings[].protocol: "tcp"` and health-check timings the user never wrote).
 */
export function normalizeContainer(c: JsonObject, networkMode: string | undefined): void {
  // ECS returns `cpu: 0` for every container without a cpu reservation; ecspresso compares Go's
  // non-pointer int32, where missing and 0 are the same value.
  dropIfEqual(c, 'cpu', 0);
  // `essential` defaults to true and DescribeTaskDefinition always returns it.
  dropIfEqual(c, 'essential', true);

  for (const pm of children(c, 'portMappings')) normalizePortMapping(pm, networkMode);

  const hc = child(c, 'healthCheck');
  if (hc) {
    // RegisterTaskDefinition stores the documented defaults (interval 30 s, timeout 5 s,
    // retries 3) and DescribeTaskDefinition returns them; startPeriod 0 means "none".
    dropIfEqual(hc, 'interval', 30);
    dropIfEqual(hc, 'timeout', 5);
    dropIfEqual(hc, 'retries', 3);
    dropIfEqual(hc, 'startPeriod', 0);
  }

  // ecspresso sorts these per container: environment and secrets by name, the others by their
  // JSON text. Order has no meaning to ECS for any of them. We sort after the per-item rules
  // above so both sides sort the same, already-normalised items.
  sortByField(c, 'environment', 'name');
  sortByField(c, 'secrets', 'name');
  sortByJson(c, 'mountPoints');
  sortByJson(c, 'portMappings');
  sortByJson(c, 'volumesFrom');
  // logConfiguration.secretOptions is the secrets list of the log driver: same rule as secrets.
  const log = child(c, 'logConfiguration');
  if (log) sortByField(log, 'secretOptions', 'name');
}

function normalizePortMapping(pm: JsonObject, networkMode: string | undefined): void {
  // "tcp" is the default protocol and DescribeTaskDefinition always returns it.
  dropIfEqual(pm, 'protocol', 'tcp');
  if (networkMode === 'awsvpc' || networkMode === 'host') {
    // ecspresso (awsvpc): a missing hostPort is the containerPort. ECS requires them to match in
    // awsvpc and host mode and stores hostPort = containerPort.
    if (pm.hostPort === undefined && pm.containerPort !== undefined && pm.containerPortRange === undefined) {
      pm.hostPort = pm.containerPort;
    }
  } else {
    // bridge: hostPort 0 and no hostPort both mean "dynamic host port".
    dropIfEqual(pm, 'hostPort', 0);
  }
}
