import { UserInputError } from '../errors.js';
import type { NativeFunction } from '../jsonnet/index.js';
import type { TemplateFunc } from '../template/index.js';

/** Jsonnet native functions every file gets (`std.native('env')`, `std.native('must_env')`), as in ecspresso. */
export function baseNatives(env: NodeJS.ProcessEnv): Record<string, NativeFunction> {
  return {
    env: {
      params: ['name', 'default'],
      fn: (name, def) => {
        const v = env[String(name)];
        return v !== undefined && v !== '' ? v : def;
      },
    },
    must_env: {
      params: ['name'],
      fn: (name) => {
        const v = env[String(name)];
        if (v === undefined) throw new UserInputError('ENV', `environment variable ${name} is not defined`);
        return v;
      },
    },
  };
}

/**
 * Pass 1 of config loading runs before plugins exist (plugins are configured in the same file),
 * so calls to functions we do not know yet must not fail: this supplies a stub for any unknown
 * name that returns "" and records that it was used; if any stub ran, the loader evaluates the
 * file again with the real plugin functions (ecspresso's two-pass loading).
 */
export function stubMissing(used: Set<string>): (name: string) => TemplateFunc {
  return (name) =>
    (..._args: unknown[]) => {
      used.add(name);
      return '';
    };
}
