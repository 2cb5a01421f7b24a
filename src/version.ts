declare const __ECSX_VERSION__: string | undefined;

/** The running version: injected by the bundler; "dev" when run from source. */
export const VERSION: string = typeof __ECSX_VERSION__ === 'string' ? __ECSX_VERSION__ : 'dev';
