/**
 * Shared types of the plugin layer: what a plugin receives (`PluginContext`) and what it
 * produces (template functions and Jsonnet native functions).
 */
import type { AwsOptions } from '../aws/client-config.js';
import type { SecretRegistry } from './secret-registry.js';

/**
 * A template function. Synchronous, as in Go; values needing a fetch throw `PendingFetch`.
 * `arity` lets the template engine report a wrong argument count at the call site.
 */
export type TemplateFunc = ((...args: any[]) => unknown) & { arity?: { min: number; max: number } };

/** Template functions by name (structurally the same as `FuncMap` in `src/template`). */
export type FuncMap = Record<string, TemplateFunc>;

/** A Jsonnet native function: parameter names (its arity) and a synchronous implementation. */
export interface NativeFunc {
  params: string[];
  fn: (...args: any[]) => any;
}

/** One `plugins:` entry of the config, as ecspresso writes it. */
export interface PluginConfig {
  name: string;
  config?: Record<string, unknown>;
  func_prefix?: string;
}

/** What plugins may use: where the config lives, AWS options, the environment, the secret registry, a warning sink. */
export interface PluginContext {
  /** Directory of the config file; relative plugin paths are resolved against it. */
  configDir: string;
  aws: AwsOptions;
  env: NodeJS.ProcessEnv;
  /** Values that must never be printed (SecureString parameters, sensitive outputs). */
  secrets: SecretRegistry;
  warn(msg: string): void;
}

/** The functions one plugin instance contributes, before `func_prefix` is applied. */
export interface PluginFunctions {
  funcs: FuncMap;
  natives: Record<string, NativeFunc>;
}

/** Builds one plugin instance from its `config:` block. Throws `PluginConfigError` on bad config. */
export type PluginFactory = (config: Record<string, unknown>, ctx: PluginContext) => PluginFunctions;
