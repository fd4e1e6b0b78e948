#!/usr/bin/env bash
# CSV loading speed, FluxDB side by side with DuckDB and sqlite3 on the same file.
#
#   bench/csv_load.sh BUILD_DIR [SIZE_MB] [RUNS]
#
# Writes DATA/csv/load-SIZE.csv once (a table of mixed types: integers, decimals, dates,
# timestamps, strings with quotes and commas, NULLs; written by FluxDB's COPY TO), then loads it
# RUNS times into a fresh database of each engine and prints the median time and MB/s. FluxDB and
# DuckDB load through `CREATE TABLE ... AS SELECT * FROM read_csv(...)` (type detection included);
# sqlite3 through `.import --csv` into a table of the same columns (it does not convert types).
set -euo pipefail
build=$(realpath "${1:-build/release}")
size_mb=${2:-1024}
runs=${3:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${DATA:-$root/data}/csv
mkdir -p "$data"
csv=$data/load-$size_mb.csv
fluxdb=$build/fluxdb
duckdb=${DUCKDB_QUERY:-$(command -v duckdb-query || echo "$HOME/.cache/fluxdb-peers/bin/duckdb-query")}

if [ ! -f "$csv" ]; then
  # ~105 bytes per row.
  rows=$((size_mb * 1024 * 1024 / 105))
  echo "writing $csv ($rows rows)"
  "$fluxdb" :memory: -c "COPY (SELECT range AS id,
      (range * 7919) % 1000003 AS customer,
      CAST((range % 100000) / 100.0 AS DECIMAL(12,2)) AS amount,
      DATE '2020-01-01' + CAST(range % 2000 AS INTEGER) AS day,
      TIMESTAMP '2020-01-01 00:00:00' + to_seconds(range % 86400000) AS at,
      CASE range % 4 WHEN 0 THEN 'plain' WHEN 1 THEN 'with, comma' WHEN 2 THEN 'a \"quoted\" word'
        ELSE NULL END AS note,
      'customer-' || CAST(range % 50000 AS VARCHAR) AS name,
      range % 3 = 0 AS flag
    FROM range($rows)) TO '$csv' (HEADER)"
fi
bytes=$(stat -c %s "$csv")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "file: $csv, $mb MB, $(wc -l < "$csv") lines"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

time_runs() {  # name, command (run with a fresh $work/db each time)
  local name=$1 cmd=$2 times=()
  for _ in $(seq "$runs"); do
    rm -f "$work"/db*
    local start end
    start=$(now)
    bash -c "$cmd" > "$work/out" 2>&1 || { echo "$name failed:"; cat "$work/out"; return 1; }
    end=$(now)
    times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')")
  done
  local m
  m=$(printf '%s\n' "${times[@]}" | median)
  printf '%-8s %8.2f s  %7.1f MB/s   runs: %s\n' "$name" "$m" \
    "$(awk -v mb="$mb" -v t="$m" 'BEGIN { print mb / t }')" "${times[*]}"
}

echo "median of $runs loads into a new database file"
time_runs FluxDB "'$fluxdb' '$work/db.fluxdb' -c \"CREATE TABLE t AS SELECT * FROM read_csv('$csv')\" -c 'SELECT count(*) FROM t'"
if [ -x "$duckdb" ]; then
  time_runs DuckDB "'$duckdb' -c \"CREATE TABLE t AS SELECT * FROM read_csv('$csv')\" -c 'CHECKPOINT' -c 'SELECT count(*) FROM t' '$work/db.duckdb'"
else
  echo "DuckDB: duckdb-query not found (../shared/peers/install-duckdb.sh)"
fi
if command -v sqlite3 > /dev/null; then
  time_runs sqlite3 "sqlite3 '$work/db.sqlite' 'CREATE TABLE t(id INTEGER, customer INTEGER, amount REAL, day TEXT, at TEXT, note TEXT, name TEXT, flag INTEGER);' '.import --csv --skip 1 $csv t' 'SELECT count(*) FROM t;'"
fi
