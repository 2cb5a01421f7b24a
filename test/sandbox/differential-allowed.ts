/**
 * Known, intended differences between moto 5.2.1's ECS and the sandbox's engine in the
 * differential test (differential-moto.test.ts), each with its reason. "reference" is
 * ../shared/reference/ecs-deployment-behaviour.md (§ numbers), "landscape" is landscape.md §2.1.
 *
 * Paths are `<step>.<member path>`; `[]` marks a list whose length differs. Keep entries narrow:
 * an entry that stops matching fails the test, so a moto upgrade or a sandbox change shows up.
 */
import { ABSENT, type Difference } from './differential-compare.js';

export interface Allowed {
  path: RegExp;
  reason: string;
  /** Further condition on the values, when the path alone is too broad. */
  when?: (d: Difference) => boolean;
}

const onlyMoto = (d: Difference) => d.sandbox === ABSENT;
const onlySandbox = (d: Difference) => d.moto === ABSENT;
/** A service object as returned by a step: `x.service.` or `x.services[0].` */
const SVC = String.raw`^\w+\.(service|services\[0\])\.`;

export const ALLOWED: Allowed[] = [
  // ---- task definitions ----
  {
    path: /\.taskDefinition\.compatibilities\[\]$/,
    reason: 'moto echoes requiresCompatibilities; AWS computes compatibilities, ["EXTERNAL","EC2"] for a bridge-mode definition (reference §7, CLI example)',
  },
  {
    path: /\.taskDefinition\.registeredAt$/,
    when: onlySandbox,
    reason: 'moto does not record registeredAt; AWS always sets it (reference §7, server-computed fields)',
  },
  {
    path: /^registerOther\.taskDefinition\.networkMode$/,
    when: onlyMoto,
    reason: 'moto fills in the default "bridge"; the sandbox echoes only what was registered (the model says bridge is the default, not that it is echoed; unverified against AWS)',
  },

  // ---- services: moto does not simulate deployments (landscape §2.1) ----
  {
    path: new RegExp(`${SVC}(pendingCount|runningCount|desiredCount)$`),
    reason: 'moto fakes counts (pending = desired - MOTO_ECS_SERVICE_RUNNING, running copied on update, desired kept on delete); the sandbox counts real tasks, which its scheduler starts schedulerDelay (10 s) after the call, and DeleteService sets desiredCount 0 (reference §5.1)',
  },
  {
    path: new RegExp(`${SVC}deployments\\[0\\]\\.(desiredCount|pendingCount)$`),
    reason: 'the PRIMARY deployment in a Create/UpdateService response has desiredCount 0 until the scheduler ramps it up (reference §2.1, [EX-create-service], [EX-update-service]); moto copies the service count into it',
  },
  {
    path: new RegExp(`${SVC}deployments\\[\\]$`),
    reason: 'moto creates no new deployment on UpdateService with a new task definition (landscape §2.1); AWS adds a PRIMARY and keeps the old one ACTIVE (reference §2.1)',
  },
  {
    path: new RegExp(`${SVC}deployments\\[0\\]\\.(taskDefinition|rolloutState|rolloutStateReason)$`),
    reason: 'moto keeps its one deployment on the first task definition, IN_PROGRESS while running < desired and COMPLETED otherwise (even in a CreateService response); the sandbox rolls deployments on its clock',
  },
  {
    path: new RegExp(`${SVC}deployments\\[0\\]\\.platformFamily$`),
    when: onlyMoto,
    reason: 'moto sets platformFamily "EC2" on every deployment; the model: "specified only for tasks using the Fargate launch type" (values like LINUX)',
  },
  {
    path: new RegExp(`${SVC}taskDefinition$`),
    reason: 'moto stores the task definition of UpdateService as passed ("app:3"), not as an ARN (landscape §2.1)',
  },
  {
    path: new RegExp(`${SVC}(taskSets|networkConfiguration|tags)$`),
    when: onlyMoto,
    reason: 'moto always sends taskSets: [], networkConfiguration: {} and tags: []; AWS sends task sets only for CODE_DEPLOY/EXTERNAL controllers (model), no networkConfiguration for bridge mode, and tags only with include TAGS',
  },
  {
    path: new RegExp(`${SVC}(deploymentConfiguration|createdAt)$`),
    when: onlySandbox,
    reason: 'moto ignores deploymentConfiguration on CreateService (landscape §2.1; it echoes what UpdateService passes, compared in updateDeploymentConfig) and sets no service createdAt',
  },
  {
    path: new RegExp(`${SVC}events\\[\\]$`),
    reason: 'moto writes no service events (landscape §2.1)',
  },
  {
    path: /^(deleteService\.service|describeDeleted\.services\[0\])\.status$/,
    reason: 'moto makes a deleted service INACTIVE at once; the sandbox drains it first (DRAINING, then INACTIVE on its clock; reference §5.1)',
  },
  {
    path: /^describeServices\.failures\[0\]\.arn$/,
    reason: 'moto reports a missing service with the short ARN (service/<name>); the sandbox uses the long, cluster-qualified format of its service ARNs (which one AWS puts in failures is unverified)',
  },

  // ---- errors moto does not raise ----
  {
    path: /^createServiceAgain\.(service|error)$/,
    reason: 'moto replaces an ACTIVE service of the same name; AWS: InvalidParameterException "Creation of service was not idempotent." (reference §5.1)',
  },
  {
    path: /^errUpdateDeleted\.(service|error)$/,
    reason: 'moto updates an INACTIVE service; AWS: ServiceNotActiveException "Service was not ACTIVE." (reference §5.1)',
  },
  {
    path: /^errDeleteBusyCluster\.(cluster|error)$/,
    reason: 'moto deletes a cluster that still has an ACTIVE service; AWS: ClusterContainsServicesException',
  },
  {
    path: /^errServiceNoTaskDef\.message$/,
    reason: 'CreateService with a missing revision: the sandbox says "TaskDefinition not found." as AWS does for RunTask (reference §5.2 [OBS-Q]); moto reuses DescribeTaskDefinition\'s "Unable to describe task definition."',
  },
  {
    path: /^listServicesAfterDelete\.serviceArns\[\]$/,
    reason: 'moto still lists a deleted service; AWS does not list DRAINING or INACTIVE services (reference §5.1)',
  },

  // ---- clusters ----
  {
    path: /^(deleteCluster\.cluster|describeDeletedCluster\.clusters\[0\])\.(runningTasksCount|pendingTasksCount)$/,
    reason: 'moto adjusts cluster task counters on service create/update/delete without tasks, so they drift (even negative); the sandbox counts tasks',
  },
  {
    path: /^deleteCluster\.cluster\.tags$/,
    when: onlyMoto,
    reason: 'moto returns the cluster tags in the DeleteCluster response; the sandbox sends tags only with include TAGS (unverified for DeleteCluster)',
  },
  {
    path: /^listClusters\.clusterArns\[\]$/,
    reason: 'moto lists INACTIVE clusters (and keeps the "busy" cluster it should not have deleted); the sandbox lists ACTIVE ones only',
  },
];
