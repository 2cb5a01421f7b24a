#!/usr/bin/env bash
# The GitHub Action's only step: install ecsx into the runner's temp dir and put it on PATH.
# Inputs (env): ECSX_VERSION (a version or "latest"); ECSX_PACKAGE overrides the package spec
# (a tarball path or URL — used by our tests and for pre-releases).
# The npm package bundles every dependency, so this downloads one tarball and builds nothing.
set -euo pipefail
version="${ECSX_VERSION:-latest}"
spec="${ECSX_PACKAGE:-ecsx@${version#v}}"
prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ecsx-${version}"
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --omit=dev --loglevel=error "$spec" >&2
bin="$prefix/node_modules/.bin"
"$bin/ecsx" version >&2
installed="$("$bin/ecsx" version --output json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).version))')"
echo "$bin" >> "${GITHUB_PATH:?GITHUB_PATH is not set (not running in GitHub Actions?)}"
echo "version=$installed" >> "${GITHUB_OUTPUT:-/dev/null}"
