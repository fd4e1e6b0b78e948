#!/usr/bin/env bash
# Runs every test of a build directory: unit tests (ctest) and the SQL suites.
set -euo pipefail
build=${1:-build/release}
cd "$(dirname "$0")/.."
echo "== unit tests"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
if [ -x "$build/sqllogictest" ]; then
  echo "== sqllogictest: test/sql"
  "$build/sqllogictest" test/sql
fi
for extra in scripts/tests.d/*.sh; do
  [ -e "$extra" ] || continue
  echo "== $extra"
  "$extra" "$build"
done
