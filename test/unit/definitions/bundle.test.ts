/**
 * The definitions module still works once bundled by esbuild (as scripts/build.mjs does): the
 * shape table is inlined and jsonc-parser is taken from its ESM build, whose UMD main cannot be
 * bundled.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

test('src/definitions bundles with esbuild and parses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecsx-defs-'));
  try {
    const outfile = join(dir, 'defs.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('../../../src/definitions/index.ts', import.meta.url))],
      outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent',
    });
    const m = (await import(pathToFileURL(outfile).href)) as typeof import('../../../src/definitions/index.js');
    assert.deepEqual(m.parseServiceDefinition({ file: 's.json', text: '{"DesiredCount": 2}' }), { desiredCount: 2 });
    assert.throws(() => m.parseTaskDefinition({ file: 't.json', text: '{"family": 1,}' }), /trailing commas/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
