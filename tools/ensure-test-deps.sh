#!/usr/bin/env bash
# Installs what the test suite needs beyond the virtualenv, when it is missing:
# Debian's chromium (browser tests), the pinned Neo4j Cypher linter and axe-core (npm).
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
# npm tools for the tests only, each pinned by its package-lock.json: the Cypher linter and
# axe-core (injected into every page by tests/test_browser_pages.py; never shipped to users)
for tool in tools/cypher-lint tools/axe; do
  if command -v npm >/dev/null 2>&1 && [ ! -d "$tool/node_modules" ] && [ -f "$tool/package-lock.json" ]; then
    (cd "$tool" && npm ci --silent --no-audit --no-fund)
  fi
done
