/** Plugin entry as written in the config (`plugins:`). */
export interface PluginEntry {
  name: string;
  config?: Record<string, unknown>;
  func_prefix?: string;
}

/** The loaded, validated config. Paths are absolute; defaults are filled. */
export interface EcsxConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Directory definition paths are relative to. */
  dir: string;
  requiredVersion?: string;
  region?: string;
  cluster: string;
  service?: string;
  serviceDefinition?: string;
  taskDefinition?: string;
  expressDefinition?: string;
  /** Milliseconds; 0 = no limit. */
  timeoutMs: number;
  plugins: PluginEntry[];
  ignore: { tags: string[] };
  codedeploy?: { application_name?: string; deployment_group_name?: string; deployment_config_name?: string };
  appspec?: unknown;
  filterCommand?: string;
  /** The config object as rendered (templates and Jsonnet applied), keys as written. For `render config`. */
  rendered: Record<string, unknown>;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** Every key ecspresso's config has; anything else gets an "unknown key" warning. */
export const CONFIG_KEYS = [
  'required_version',
  'region',
  'cluster',
  'service',
  'service_definition',
  'task_definition',
  'express_definition',
  'timeout',
  'plugins',
  'ignore',
  'codedeploy',
  'appspec',
  'filter_command',
] as const;
