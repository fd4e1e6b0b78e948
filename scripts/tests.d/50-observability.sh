#!/usr/bin/env bash
# Observable internals: fluxdb_pages() and friends (test/sql/observability, run with test/sql),
# `fluxdb check` / `fluxdb inspect --svg`, EXPLAIN ANALYZE and profiling output, and the
# independent Python reader of the file format against the engine.
#   scripts/tests.d/50-observability.sh BUILD_DIR
set -euo pipefail
build=$(realpath -m "${1:-build/release}")
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
if [ ! -x "$build/fluxdb" ]; then
  echo "observability: $build/fluxdb is not built; skipped"
  exit 0
fi
if ! command -v python3 > /dev/null; then
  echo "observability: no python3; skipped"
  exit 0
fi
python3 test/observability/check_observability.py "$build"
python3 test/format/check_reader.py "$build"
