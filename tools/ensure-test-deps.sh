#!/usr/bin/env bash
# Installs what the test suite needs beyond the virtualenv, when it is missing:
# Debian's chromium (browser tests) and the pinned Neo4j Cypher linter (npm).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium not found and not root: browser tests will be skipped" >&2
  fi
fi
if command -v npm >/dev/null 2>&1 && [ ! -d tools/cypher-lint/node_modules ] && [ -f tools/cypher-lint/package-lock.json ]; then
  (cd tools/cypher-lint && npm ci --silent --no-audit --no-fund)
fi
