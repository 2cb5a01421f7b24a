/**
 * ecsx as a library. Every capability is an action that takes an ActionContext and returns data;
 * the CLI is one consumer of this API.
 */
export * from './errors.js';
export type { ActionContext } from './context.js';
export { realClock, type Clock } from './clock.js';
export type { IoHost, IoMessage, IoRequest, MessageLevel } from './io/messages.js';
export { PlainIoHost, JsonIoHost, MemoryIoHost, SilentIoHost } from './io/hosts.js';
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './config/load.js';
export type { EcsxConfig, PluginEntry } from './config/types.js';
export { loadDefinition, type DefinitionKind } from './config/load-definitions.js';
export { render, RENDER_TARGETS, type RenderOptions, type RenderResult } from './actions/render.js';
export { renderTemplate, type FuncMap } from './template/index.js';
export { VERSION } from './version.js';
