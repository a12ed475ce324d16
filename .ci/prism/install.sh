#!/usr/bin/env bash
# Installs Stoplight Prism from the lock file beside this script, for PrismConformanceTest. Run by the codegen
# module's build when Prism is not installed yet; without npm it says what to do and leaves the test to skip.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -x "$here/node_modules/.bin/prism" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "[retrospec] npm is not on the PATH: the wire-conformance test (Prism) will be skipped." \
       "Install Node.js, or run: npm ci --ignore-scripts --prefix .ci/prism"
  exit 0
fi
echo "[retrospec] installing Stoplight Prism for the wire-conformance test: npm ci --prefix .ci/prism"
if ! SCARF_ANALYTICS=false npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund --loglevel=error; then
  if [ "${RETROSPEC_REQUIRE_PRISM:-}" = "true" ]; then
    echo "[retrospec] npm ci failed and RETROSPEC_REQUIRE_PRISM is set" >&2
    exit 1
  fi
  echo "[retrospec] npm ci failed (offline?): the wire-conformance test will be skipped"
fi
exit 0
