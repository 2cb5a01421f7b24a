/**
 * Where a state lives (pure): the tfstate plugin's `path` / `url` config and the `backend` block of
 * `.terraform/terraform.tfstate` both resolve to a `TfstateSource`.
 */
import { isAbsolute, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginConfigError, PluginSourceError } from '../errors.js';
import type { TfBackend } from './state.js';

export const DEFAULT_WORKSPACE = 'default';
/** Terraform's S3 backend stores non-default workspaces under `env:/<workspace>/<key>` by default. */
export const DEFAULT_WORKSPACE_KEY_PREFIX = 'env:';

export interface S3Location {
  kind: 's3';
  bucket: string;
  key: string;
  region?: string;
  profile?: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** A local file or directory (a directory is a Terraform root: `.terraform/` is followed). */
export interface FileLocation {
  kind: 'file';
  path: string;
}

export interface HttpLocation {
  kind: 'http';
  url: string;
}

export type TfstateSource = FileLocation | S3Location | HttpLocation;

/** The tfstate plugin's resolved config. */
export interface TfstatePluginSettings {
  source: TfstateSource;
  /** `optional: true`: an unreadable state becomes an empty one, with a warning. */
  optional: boolean;
}

/** Human name of a source for messages, e.g. `s3://bucket/key`. */
export function describeSource(s: TfstateSource): string {
  if (s.kind === 's3') return `s3://${s.bucket}/${s.key}`;
  if (s.kind === 'http') return redactUrl(s.url);
  return s.path;
}

/** URLs may carry credentials (user:pass@ or a token in the query); keep them out of messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password && !u.search) return url;
    u.username = '';
    u.password = '';
    const query = u.search ? '?…' : '';
    u.search = '';
    return u.toString() + query;
  } catch {
    return url;
  }
}

function str(config: Record<string, unknown>, key: string, what: string): string | undefined {
  const v = config[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new PluginConfigError(`tfstate plugin requires ${key} for ${what} as a string`);
  return v;
}

/** Validates the tfstate plugin's `config:` (ecspresso's keys: `path`, `url`, `optional`). Relative paths are against `configDir`. */
export function resolveTfstateSettings(config: Record<string, unknown>, configDir: string): TfstatePluginSettings {
  const optional = config.optional ?? false;
  if (typeof optional !== 'boolean') throw new PluginConfigError('tfstate plugin config "optional" must be a boolean (true or false)');
  const path = str(config, 'path', 'tfstate file');
  if (path !== undefined && path !== '') return { source: { kind: 'file', path: resolve(configDir, path) }, optional };
  const url = str(config, 'url', 'tfstate URL');
  if (url !== undefined && url !== '') return { source: parseTfstateUrl(url, configDir), optional };
  throw new PluginConfigError('tfstate plugin requires path or url for tfstate location');
}

/** Parses `s3://bucket/key`, `http(s)://…`, `file://…` or a plain path (relative to `baseDir`). */
export function parseTfstateUrl(url: string, baseDir: string): TfstateSource {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url);
  if (!m) return { kind: 'file', path: resolve(baseDir, url) };
  const scheme = m[1].toLowerCase();
  const rest = url.slice(m[0].length);
  switch (scheme) {
    case 's3': {
      const slash = rest.indexOf('/');
      const bucket = slash < 0 ? rest : rest.slice(0, slash);
      const key = slash < 0 ? '' : rest.slice(slash + 1);
      if (!bucket || !key) throw new PluginConfigError(`invalid tfstate URL ${url}: expected s3://BUCKET/KEY`);
      return { kind: 's3', bucket, key };
    }
    case 'http':
    case 'https':
      return { kind: 'http', url };
    case 'file':
      // file:///abs/path is a proper URL; file://relative/path is accepted as a path relative to the config.
      return { kind: 'file', path: rest.startsWith('/') ? fileURLToPath(url) : resolve(baseDir, decodeURIComponent(rest)) };
    default:
      throw new PluginConfigError(
        `tfstate URL scheme ${scheme} is not supported by ecsx (supported: s3://, http(s)://, file:// and local paths)`,
      );
  }
}

function cfgStr(config: Record<string, unknown>, key: string): string | undefined {
  const v = config[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function cfgBool(config: Record<string, unknown>, key: string): boolean | undefined {
  const v = config[key];
  return typeof v === 'boolean' ? v : undefined;
}

/**
 * Where the backend recorded by `terraform init` keeps the state of `workspace`.
 * `rootDir` is the Terraform working directory (the parent of `.terraform/`), for local paths.
 */
export function backendSource(backend: TfBackend, workspace: string, rootDir: string): TfstateSource {
  const c = backend.config;
  const ws = workspace || DEFAULT_WORKSPACE;
  switch (backend.type) {
    case 's3': {
      const bucket = cfgStr(c, 'bucket');
      let key = cfgStr(c, 'key');
      if (!bucket || !key) throw new PluginSourceError('s3 backend in .terraform/terraform.tfstate has no bucket or key');
      if (ws !== DEFAULT_WORKSPACE) {
        const prefix = typeof c.workspace_key_prefix === 'string' ? c.workspace_key_prefix : DEFAULT_WORKSPACE_KEY_PREFIX;
        key = posix.join(prefix, ws, key);
      }
      const endpoints = c.endpoints && typeof c.endpoints === 'object' ? (c.endpoints as Record<string, unknown>) : {};
      const endpoint = cfgStr(endpoints, 's3') ?? cfgStr(c, 'endpoint');
      const forcePathStyle = cfgBool(c, 'use_path_style') ?? cfgBool(c, 'force_path_style');
      const accessKeyId = cfgStr(c, 'access_key');
      const secretAccessKey = cfgStr(c, 'secret_key');
      const sessionToken = cfgStr(c, 'token');
      const loc: S3Location = { kind: 's3', bucket, key };
      const region = cfgStr(c, 'region');
      const profile = cfgStr(c, 'profile');
      if (region) loc.region = region;
      if (profile) loc.profile = profile;
      if (endpoint) loc.endpoint = endpoint;
      if (forcePathStyle) loc.forcePathStyle = true;
      if (accessKeyId && secretAccessKey) loc.credentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
      return loc;
    }
    case 'local': {
      if (ws === DEFAULT_WORKSPACE) {
        const p = cfgStr(c, 'path') ?? 'terraform.tfstate';
        return { kind: 'file', path: isAbsolute(p) ? p : resolve(rootDir, p) };
      }
      const dir = cfgStr(c, 'workspace_dir') ?? 'terraform.tfstate.d';
      return { kind: 'file', path: resolve(rootDir, dir, ws, 'terraform.tfstate') };
    }
    case 'http': {
      const address = cfgStr(c, 'address');
      if (!address) throw new PluginSourceError('http backend in .terraform/terraform.tfstate has no address');
      return { kind: 'http', url: address };
    }
    default:
      throw new PluginSourceError(`backend type ${backend.type} is not supported by ecsx (supported: s3, local, http)`);
  }
}
