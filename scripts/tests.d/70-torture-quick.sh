#!/usr/bin/env bash
# The storage torture tests in their quick form (a few seconds each): ~10 kills of a writer,
# a dozen injected I/O faults, a dozen damaged files. The full runs are `make torture`.
#   scripts/tests.d/70-torture-quick.sh BUILD_DIR
set -euo pipefail
build=$(realpath -m "${1:-build/release}")
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
if [ ! -x "$build/fluxdb-torture-crash" ]; then
  echo "torture-quick: $build/fluxdb-torture-crash is not built; skipped"
  exit 0
fi
for test in 10-crash 20-faults 30-corruption; do
  "$root/scripts/torture.d/$test.sh" "$build" --quick
done
