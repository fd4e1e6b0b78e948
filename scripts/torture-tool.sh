#!/usr/bin/env bash
# Runs one torture program of a build directory (the parts in scripts/torture.d/ call this).
#   scripts/torture-tool.sh NAME BUILD_DIR [--quick] [more options of fluxdb-torture-NAME]
# NAME is crash, faults or corruption; the program's last line is the summary that
# scripts/torture.sh adds up.
set -euo pipefail
name=${1:?usage: $0 NAME BUILD_DIR [options]}
shift
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
bin=$(realpath -m "$build")/fluxdb-torture-$name
if [ ! -x "$bin" ]; then
  echo "$name: $bin is not built (configure with -DFLUXDB_BUILD_TESTS=ON)" >&2
  exit 1
fi
exec "$bin" "${args[@]}"
