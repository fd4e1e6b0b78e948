#!/usr/bin/env bash
# `make bench`: FluxDB side by side with DuckDB and SQLite (bench/README.md).
#   bench/run-bench.sh [BUILD_DIR]      settings: SF RUNS THREADS QUICK SUITES QUERIES TIMEOUT OUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/bench.py" "${1:-build/release}"
