#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/ (built by `npm run build`).
// The AWS SDK prints a multi-line notice on Node < 22 that would interleave with our output;
// the supported Node versions are stated in the README and package.json engines instead.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Node >= 22.1 can cache compiled code between runs: a faster start for every command.
import module from 'node:module';
module.enableCompileCache?.();
import('../dist/cli.js').then((m) => m.main(process.argv.slice(2))).then((code) => { process.exitCode = code; });
