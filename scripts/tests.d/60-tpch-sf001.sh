#!/usr/bin/env bash
# TPC-H correctness at SF 0.01: the 22 queries of bench/tpch/queries against the DuckDB results
# committed in bench/tpch/expected-sf0.01 (regenerate them with bench/tpch_check.py --update-expected).
#   scripts/tests.d/60-tpch-sf001.sh BUILD_DIR
# Generates the data once into BUILD_DIR/tpch-sf0.01 with ../shared/peers/gen-tpch.sh (TPC's dbgen),
# loads it with COPY into a fresh database and runs every query. Also compares with a live DuckDB
# when duckdb-query is installed and FLUXDB_TPCH_DUCKDB=1.
set -euo pipefail
build=$(realpath -m "${1:-build/release}")
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
peers=$(realpath -m "$root/../shared/peers")
if [ ! -x "$peers/gen-tpch.sh" ] || [ ! -f "$peers/tpch-schema.sql" ]; then
  echo "tpch-sf0.01: SKIP: no TPC-H generator at $peers"
  exit 0
fi
if [ ! -x "$build/fluxdb" ]; then
  echo "tpch-sf0.01: $build/fluxdb is not built" >&2
  exit 1
fi
extra=()
if [ "${FLUXDB_TPCH_DUCKDB:-0}" = 1 ]; then extra+=(--duckdb); fi
exec python3 bench/tpch_check.py --fluxdb "$build/fluxdb" --data "$build/tpch-sf0.01" --sf 0.01 "${extra[@]}"
