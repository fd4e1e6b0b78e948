#!/usr/bin/env bash
# Differential testing: random tables and random queries run on FluxDB (its C API, BUILD_DIR's
# libfluxdb.so), DuckDB (../shared/peers, installed here if missing and possible) and SQLite
# (Python's sqlite3), answers compared after normalization (test/differential/differential.py).
#   scripts/torture.d/50-differential.sh [BUILD_DIR] [--quick]
# FLUXDB_DIFFERENTIAL_QUERIES (default 3000), FLUXDB_DIFFERENTIAL_SECONDS (stop generating after
# that long, default 170) and FLUXDB_DIFFERENTIAL_SEED (default: the time) change the run;
# --quick runs 300 queries. Disagreements go to BUILD_DIR/differential/NNN.sql, the first ones
# shrunk to small reproductions. Last line:
#   "differential: N queries, M disagreements (K known differences)"
set -uo pipefail
build=build/release
queries=${FLUXDB_DIFFERENTIAL_QUERIES:-3000}
for arg in "$@"; do
  case "$arg" in
    --quick) queries=300 ;;
    *) build=$arg ;;
  esac
done
build=$(realpath -m "$build")
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
if [ ! -f "$build/libfluxdb.so" ]; then
  echo "differential: $build/libfluxdb.so is not built"
  exit 1
fi
peers=$(realpath -m "${FLUXDB_PEERS_SOURCE:-$root/../shared/peers}")
prefix=${FLUXDB_PEERS:-$HOME/.cache/fluxdb-peers}
if [ ! -f "$prefix/lib/libduckdb.so" ] && [ -x "$peers/install-duckdb.sh" ]; then
  echo "installing DuckDB into $prefix ($peers/install-duckdb.sh)"
  "$peers/install-duckdb.sh" "$prefix" > "$build/install-duckdb.log" 2>&1 ||
    echo "DuckDB could not be installed (see $build/install-duckdb.log): comparing with SQLite only"
fi
rm -rf "$build/differential"
exec python3 test/differential/differential.py "$build" --queries "$queries" \
  --time-limit "${FLUXDB_DIFFERENTIAL_SECONDS:-170}" --seed "${FLUXDB_DIFFERENTIAL_SEED:-$(date +%s)}" \
  --out "$build/differential" --quiet
