#!/usr/bin/env bash
# Corruption: bit flips, zeroed and garbage pages, damaged header slots, cut files and log
# damage in copies of a real database; each must give a clear error or the right answers, never
# a crash, hang or wrong answer (tools/torture/corruption_test.cc).
#   scripts/torture.d/30-corruption.sh BUILD_DIR [--quick] [more options of fluxdb-torture-corruption]
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
bin=$(realpath -m "$build")/fluxdb-torture-corruption
if [ ! -x "$bin" ]; then
  echo "corruption: $bin is not built (configure with -DFLUXDB_BUILD_TESTS=ON)" >&2
  exit 1
fi
exec "$bin" "${args[@]}"
