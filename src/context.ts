import type { AwsClients } from './aws/clients.js';
import type { Clock } from './clock.js';
import type { IoHost } from './io/messages.js';

/** What every action gets: where to report, what time it is, and when to stop. */
export interface ActionContext {
  io: IoHost;
  clock: Clock;
  signal?: AbortSignal;
  /** AWS clients; when absent, actions that need AWS create them from the config (`createClients`). */
  clients?: AwsClients;
}
