import { DeploymentFailedError, DeploymentRolledBackError, EcsxError } from '../errors.js';
import type { DeployFailureData } from './types.js';

/** The monitor's failure errors carry their diagnosis and state as `data`. */
export type WithFailureData<E extends EcsxError> = E & { readonly data: DeployFailureData };

function attach<E extends EcsxError>(err: E, data: DeployFailureData): WithFailureData<E> {
  Object.defineProperty(err, 'data', { value: data, enumerable: true });
  // Every watch ends with a closing message saying the same thing, so the CLI need not repeat it.
  err.reported = true;
  return err as WithFailureData<E>;
}

/** Exit 3: the deployment failed and the service is steady on the previous revision. */
export function rolledBackError(message: string, data: DeployFailureData): WithFailureData<DeploymentRolledBackError> {
  return attach(new DeploymentRolledBackError(message), data);
}

/** Exit 4: the deployment failed or timed out and the final state is not confirmed. */
export function deploymentFailedError(code: 'DEPLOYMENT_FAILED' | 'TIMEOUT', message: string, data: DeployFailureData): WithFailureData<DeploymentFailedError> {
  return attach(new DeploymentFailedError(code, message), data);
}

/** The failure data of an error thrown by the monitor, if it is one. */
export function deployFailureData(err: unknown): DeployFailureData | undefined {
  if (!(err instanceof DeploymentFailedError || err instanceof DeploymentRolledBackError)) return undefined;
  return (err as Partial<WithFailureData<EcsxError>>).data;
}
