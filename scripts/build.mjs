// Bundles the CLI and the sandbox into dist/ with esbuild: one ESM file per entry plus shared
// chunks, so `ecsx version` loads only what it needs and AWS clients load lazily per command.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Build into a fresh directory and swap it in, so a running CLI never sees a half-written dist/.
const out = `dist.tmp-${process.pid}`;
rmSync(out, { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts', sandbox: 'sandbox/main.ts', 'sandbox-lib': 'sandbox/index.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Prefer ESM entry points: some packages (jsonc-parser) ship a UMD 'main' that breaks when bundled.
  mainFields: ['module', 'main'],
  target: 'node20',
  sourcemap: 'linked',
  minifySyntax: true,
  chunkNames: 'chunks/[name]-[hash]',
  define: { __ECSX_VERSION__: JSON.stringify(pkg.version) },
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __ecsxCreateRequire } from 'node:module'; const require = __ecsxCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

rmSync('dist', { recursive: true, force: true });
renameSync(out, 'dist');
