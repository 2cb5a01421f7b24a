/**
 * User-facing plugin errors. All are `UserInputError`s (exit 2): the config or a template asked
 * for something that is wrong or absent. AWS failures are `AwsCallError`s (see src/aws/errors.ts).
 */
import { UserInputError, type EcsxErrorOptions } from '../errors.js';

/** A plugin entry that cannot be set up: unknown plugin, missing or mistyped config key. */
export class PluginConfigError extends UserInputError {
  constructor(message: string, opts: EcsxErrorOptions = {}) {
    super('PLUGIN_CONFIG', message, opts);
  }
}

/** Two plugins export the same function name. The message ends as ecspresso's does. */
export class DuplicateFunctionError extends UserInputError {
  constructor(kind: 'template function' | 'jsonnet native function', name: string, plugin: string) {
    super('PLUGIN_DUPLICATE', `${kind} ${name} already exists. set func_prefix to ${plugin} plugin`);
  }
}

/** A plugin function was called with bad arguments or its value is absent (tfstate miss, bad index). */
export class PluginLookupError extends UserInputError {
  constructor(message: string, opts: EcsxErrorOptions = {}) {
    super('PLUGIN_LOOKUP', message, opts);
  }
}

/** A source a plugin reads cannot be read or parsed: a tfstate file, URL or command output. */
export class PluginSourceError extends UserInputError {
  constructor(message: string, opts: EcsxErrorOptions = {}) {
    super('PLUGIN_SOURCE', message, opts);
  }
}
