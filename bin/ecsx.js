#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/ (built by `npm run build`).
import('../dist/cli.js').then((m) => m.main(process.argv.slice(2))).then((code) => { process.exitCode = code; });
