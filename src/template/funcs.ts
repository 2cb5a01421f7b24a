/**
 * The functions every ecspresso config and definition template has (kayac/go-config):
 * `env`, `must_env` and `json_escape`.
 */
import { UserInputError } from '../errors.js';
import { withArity, type FuncMap } from './builtins.js';
import { expectString } from './values.js';

/**
 * `{{ env "A" "B" "default" }}`: the first argument naming a non-empty environment variable
 * gives its value; if none does, the last argument itself is the result. So `{{ env "FOO" }}`
 * is `FOO` when FOO is unset or empty, and `{{ env "FOO" "bar" }}` is `bar`.
 */
export function envFunc(env: NodeJS.ProcessEnv) {
  return withArity((...keys: unknown[]): string => {
    let v = '';
    for (const k of keys) {
      const key = expectString(k);
      v = env[key] ?? '';
      if (v !== '') return v;
      v = key;
    }
    return v;
  }, 0, Infinity);
}

/** `{{ must_env "NAME" }}`: the variable's value (empty is fine); an error when it is unset. */
export function mustEnvFunc(env: NodeJS.ProcessEnv) {
  return withArity((k: unknown): string => {
    const key = expectString(k);
    const v = env[key];
    if (v === undefined) throw new UserInputError('ENV_NOT_DEFINED', `environment variable ${key} is not defined`);
    return v;
  }, 1);
}

const JSON_EXTRA_ESCAPES: Record<string, string> = {
  '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029',
};

/**
 * `{{ json_escape .s }}`: the string as Go's json.Marshal writes it, without the quotes. Go
 * also escapes `<`, `>`, `&`, U+2028 and U+2029, and has no lone surrogates (U+FFFD instead).
 */
export function jsonEscape(s: string): string {
  return JSON.stringify(s)
    .slice(1, -1)
    .replace(/[<>&\u2028\u2029]/g, (c) => JSON_EXTRA_ESCAPES[c])
    // A lone surrogate (JSON.stringify writes it as \udXXX) is Go's invalid UTF-8; skip "\\" pairs.
    .replace(/\\\\|\\ud[89a-f][0-9a-f]{2}/g, (m) => (m === '\\\\' ? m : '\\ufffd'));
}

/** `env`, `must_env` and `json_escape`, reading variables from `env` (default `process.env`). */
export function baseFuncs(env: NodeJS.ProcessEnv = process.env): FuncMap {
  return {
    env: envFunc(env),
    must_env: mustEnvFunc(env),
    json_escape: withArity((s: unknown) => jsonEscape(expectString(s)), 1),
  };
}
