/**
 * The ECS errors the engine throws, with AWS's exact `__type` codes and messages
 * (reference §5.2). Keeping them in one place stops wording from drifting between operations.
 */
import { AwsError } from '../types.js';

export const clusterNotFound = () => new AwsError('ClusterNotFoundException', 'Cluster not found.');
export const serviceNotFound = () => new AwsError('ServiceNotFoundException', 'Service not found.');
export const serviceNotActive = () => new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.');
export const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message);
export const clientError = (message: string) => new AwsError('ClientException', message);
export const conflict = (message: string) => new AwsError('ConflictException', message);
export const unsupported = (message: string) => new AwsError('UnsupportedFeatureException', message);

/** DescribeTaskDefinition / DeregisterTaskDefinition on a missing family:revision (obs [OBS-O]). */
export const taskDefinitionUndescribable = () => clientError('Unable to describe task definition.');
/** RunTask / CreateService / UpdateService referencing a revision that does not exist (obs [OBS-Q]). */
export const taskDefinitionNotFound = () => clientError('TaskDefinition not found.');
/** A revision that was deregistered (obs [OBS-L]); note: no trailing period. */
export const taskDefinitionInactive = () => clientError('TaskDefinition is inactive');
