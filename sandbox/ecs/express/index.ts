/**
 * Amazon ECS Express Mode (Express Gateway Services) for the sandbox's ECS engine, per
 * express-mode.md: Create/Update/Describe/DeleteExpressGatewayService, managed resources in moto,
 * canary deployments through the CANARY strategy, and the read-side additions of reads.ts.
 * createEcsEngine puts {@link expressOperations} into its operation table.
 */
import type { OperationTable } from '../context.js';
import { registerTimings } from '../timings.js';
import { expressServiceOperations } from './operations.js';
import { expressReadOperations } from './reads.js';
import { expressTimings } from './scenarios.js';

registerTimings(expressTimings);

export const expressOperations: OperationTable = { ...expressServiceOperations, ...expressReadOperations };
export { expressTimings } from './scenarios.js';
