#!/usr/bin/env bash
# Differential testing, quick form: 500 random queries with a fixed seed, FluxDB against DuckDB
# (test/differential/differential.py; the full run, with SQLite too and a new seed each time, is
# scripts/torture.d/50-differential.sh in `make torture`). A disagreement fails the test; it is
# written to BUILD_DIR/differential-quick/NNN.sql, shrunk.
#   scripts/tests.d/75-differential-quick.sh BUILD_DIR
# Skipped, saying so, when DuckDB is not installed (in $FLUXDB_PEERS or ~/.cache/fluxdb-peers):
# `make deps` does not install it, as it comes from npm (../shared/peers/install-duckdb.sh).
# A build with AddressSanitizer (make test-sanitize) links libasan, which must be the first
# library of a process: it is preloaded into FluxDB's worker (Python itself is not built with it).
set -euo pipefail
build=$(realpath -m "${1:-build/release}")
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
if [ ! -f "$build/libfluxdb.so" ]; then
  echo "differential-quick: $build/libfluxdb.so is not built" >&2
  exit 1
fi
# The same lookup as the differential tester's own.
duckdb=$(cd test/differential && python3 -c 'import engines; print(engines.find_duckdb() or "")')
if [ -z "$duckdb" ]; then
  echo "differential-quick: SKIP: DuckDB is not installed (../shared/peers/install-duckdb.sh)"
  exit 0
fi
asan=$(ldd "$build/libfluxdb.so" | awk '/libasan/ { print $3 }')
if [ -n "$asan" ]; then export FLUXDB_WORKER_PRELOAD=$asan; fi
rm -rf "$build/differential-quick"
python3 test/differential/differential.py "$build" --queries 500 --seed 1 --no-sqlite \
  --time-limit 600 --reduce 1 --out "$build/differential-quick" --quiet
