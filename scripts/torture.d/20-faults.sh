#!/usr/bin/env bash
# I/O faults: short writes, ENOSPC, torn writes (power cut), failed fsync and truncate at the
# Nth call of a SQL workload; each must be a clean IO error and the restarted database must hold
# exactly the successful commits (tools/torture/faults_test.cc, storage/fault_injector.h).
#   scripts/torture.d/20-faults.sh BUILD_DIR [--quick] [more options of fluxdb-torture-faults]
# Last line: the summary that scripts/torture.sh adds up.
set -euo pipefail
build=build/release
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --kills | --per-kind | --files | --seed | --dir | --case)
      args+=("$1" "${2:?$1 needs a value}")
      shift 2
      ;;
    -*) args+=("$1") && shift ;;
    *) build=$1 && shift ;;
  esac
done
bin=$(realpath -m "$build")/fluxdb-torture-faults
if [ ! -x "$bin" ]; then
  echo "faults: $bin is not built (configure with -DFLUXDB_BUILD_TESTS=ON)" >&2
  exit 1
fi
exec "$bin" "${args[@]}"
