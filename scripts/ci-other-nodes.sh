#!/usr/bin/env bash
# CI on newer Node: build, unit tests and one end-to-end test on Node 22 and 24, each taken from
# the npm registry's `node` package (no system install). Uses the dot reporter so the full
# suite's summary (`npm test`, run afterwards on the machine's Node) stays the last one printed.
set -euo pipefail
cd "$(dirname "$0")/.."
for major in 22 24; do
  node_bin="$(npx -y "node@${major}" -e 'process.stdout.write(process.execPath)')"
  echo "== Node $("$node_bin" --version): build, unit tests, e2e render"
  "$node_bin" scripts/build.mjs
  "$node_bin" scripts/run-tests.mjs --test-reporter=dot test/unit test/e2e/render-secrets.test.ts
done
