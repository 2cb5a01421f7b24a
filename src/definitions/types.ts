/** The API-form values the definition parsers return, typed with the AWS SDK's inputs. */
import type {
  CreateExpressGatewayServiceCommandInput,
  CreateServiceCommandInput,
  RegisterTaskDefinitionCommandInput,
  TaskOverride,
} from '@aws-sdk/client-ecs';

/** A task definition ready for RegisterTaskDefinition. */
export type TaskDefinitionInput = RegisterTaskDefinitionCommandInput;

/**
 * A service definition: CreateService fields. `serviceName` is set by the caller from the config
 * (see withServiceName); `cluster` also comes from the config. A missing `desiredCount` means
 * "leave the running count unchanged".
 */
export type ServiceDefinition = Omit<CreateServiceCommandInput, 'serviceName' | 'cluster' | 'clientToken'> & {
  serviceName?: string;
};

/** An Express Mode definition: CreateExpressGatewayService fields without serviceName and cluster. */
export type ExpressDefinition = Omit<CreateExpressGatewayServiceCommandInput, 'serviceName' | 'cluster'>;

/** `run --overrides`: a TaskOverride. */
export type TaskOverrideInput = TaskOverride;
