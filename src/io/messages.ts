/**
 * Messages sent from actions to an IoHost. Every message has a stable `code` (listed in
 * docs/messages.md) so machine consumers can rely on it, a level, human text and typed data.
 */
export type MessageLevel = 'error' | 'warn' | 'info' | 'result' | 'debug' | 'trace';

export interface IoMessage<D = unknown> {
  /** Stable identifier, e.g. `ECSX_CONFIG_UNKNOWN_KEY`. */
  code: string;
  level: MessageLevel;
  /** Human-readable text, without trailing newline. */
  message: string;
  /** Simulated or real time the message was produced (epoch ms). */
  time: number;
  data?: D;
}

/** A question the action needs answered (e.g. a typed confirmation before delete). */
export interface IoRequest<R = unknown> extends IoMessage {
  /** The answer used when no one can answer (not a TTY, --force, JSON output). */
  defaultResponse: R;
}

export interface IoHost {
  notify(msg: IoMessage): Promise<void>;
  requestResponse<R>(req: IoRequest<R>): Promise<R>;
}
