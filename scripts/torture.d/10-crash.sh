#!/usr/bin/env bash
# Crash test: a writer process is SIGKILLed at random moments (N = --kills, default 120;
# --quick 10); every acknowledged transaction must survive whole, the one in flight whole or not
# at all, and PRAGMA integrity_check must pass (tools/torture/crash_test.cc).
#   scripts/torture.d/10-crash.sh BUILD_DIR [--quick] [more options of fluxdb-torture-crash]
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
bin=$(realpath -m "$build")/fluxdb-torture-crash
if [ ! -x "$bin" ]; then
  echo "crash: $bin is not built (configure with -DFLUXDB_BUILD_TESTS=ON)" >&2
  exit 1
fi
exec "$bin" "${args[@]}"
