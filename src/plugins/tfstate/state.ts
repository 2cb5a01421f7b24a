/**
 * Terraform state v4 types and parsing (pure). A file is either a state or, for
 * `.terraform/terraform.tfstate`, a pointer to a backend where the state lives.
 */
import { PluginSourceError } from '../errors.js';

/** The only state format read: Terraform ≥ 0.12. */
export const STATE_VERSION = 4;

export interface TfOutput {
  value: unknown;
  type?: unknown;
  sensitive?: boolean;
}

export interface TfInstance {
  /** Number for `count`, string for `for_each`, absent for a single instance. */
  index_key?: number | string;
  /** Set on an object replaced under create_before_destroy and awaiting destruction. */
  deposed?: string;
  status?: string;
  attributes?: Record<string, unknown>;
  /** Legacy flatmap attributes of states upgraded from 0.11. */
  attributes_flat?: Record<string, string>;
}

export interface TfResource {
  /** `module.a[0].module.b["x"]`, absent for the root module. */
  module?: string;
  mode: 'managed' | 'data' | string;
  type: string;
  name: string;
  each?: 'list' | 'map';
  instances?: TfInstance[];
}

export interface TfState {
  version: number;
  outputs?: Record<string, TfOutput>;
  resources?: TfResource[];
}

/** The `backend` block `terraform init` writes to `.terraform/terraform.tfstate`. */
export interface TfBackend {
  type: string;
  config: Record<string, unknown>;
}

export type ParsedTfstate = { kind: 'state'; state: TfState } | { kind: 'backend'; backend: TfBackend };

/** An empty v4 state (used when an optional tfstate cannot be read). */
export function emptyState(): TfState {
  return { version: STATE_VERSION, outputs: {}, resources: [] };
}

/**
 * Parses a state file's text. `source` names it in errors. A backend block wins over the
 * version check (the pointer file is version 3); otherwise only version 4 is accepted.
 */
export function parseTfstateText(text: string, source: string): ParsedTfstate {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new PluginSourceError(`tfstate ${source} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new PluginSourceError(`tfstate ${source} is not a Terraform state (expected a JSON object)`);
  }
  const obj = doc as Record<string, unknown>;
  const backend = obj.backend as Record<string, unknown> | undefined | null;
  if (backend && typeof backend === 'object' && typeof backend.type === 'string') {
    const config = backend.config && typeof backend.config === 'object' ? (backend.config as Record<string, unknown>) : {};
    return { kind: 'backend', backend: { type: backend.type, config } };
  }
  if (obj.version !== STATE_VERSION) {
    throw new PluginSourceError(
      `tfstate ${source}: unsupported state version ${JSON.stringify(obj.version ?? null)} (ecsx reads version ${STATE_VERSION}, written by Terraform 0.12 and later)`,
    );
  }
  if (obj.resources !== undefined && obj.resources !== null && !Array.isArray(obj.resources)) {
    throw new PluginSourceError(`tfstate ${source}: "resources" is not an array`);
  }
  return { kind: 'state', state: obj as unknown as TfState };
}
