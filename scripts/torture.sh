#!/usr/bin/env bash
# `make torture`: runs every part in scripts/torture.d/*.sh in order against a build directory
# (crash, fault injection, corruption, fuzzing, differential testing) and ends with a report of
# each part's summary line, its time and the total; exits non-zero if any part failed.
#   scripts/torture.sh [BUILD_DIR] [PART...]     e.g. scripts/torture.sh build/release 40-fuzz
# A part is called as `PART.sh BUILD_DIR`; the last line it prints is its summary (e.g.
# "crash: 120 kills survived, 0 data lost"), its exit status says whether it passed.
# Each part's time budget is its own (see its header); the whole run stays under 20 minutes on
# two cores once the fuzz build (build/fuzz, built by 40-fuzz.sh on first use) exists.
set -uo pipefail
build=${1:-build/release}
shift || true
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"

parts=()
if [ $# -gt 0 ]; then
  for name in "$@"; do parts+=("scripts/torture.d/${name%.sh}.sh"); done
else
  for part in scripts/torture.d/*.sh; do
    [ -e "$part" ] && parts+=("$part")
  done
fi

seconds() {
  local s=$1
  if [ "$s" -ge 60 ]; then printf '%d min %02d s' $((s / 60)) $((s % 60)); else printf '%d s' "$s"; fi
}

start=$(date +%s)
report=()
failed=0
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
for part in "${parts[@]}"; do
  name=$(basename "$part" .sh)
  echo "== $part"
  part_start=$(date +%s)
  if [ ! -x "$part" ]; then
    echo "torture: $part does not exist or is not executable" | tee "$logs/$name"
    status=127
  else
    "$part" "$build" 2>&1 | tee "$logs/$name"
    status=${PIPESTATUS[0]}
  fi
  elapsed=$(($(date +%s) - part_start))
  summary=$(grep -v '^[[:space:]]*$' "$logs/$name" | tail -n 1)
  if [ "$status" -eq 0 ]; then
    verdict="ok"
  else
    verdict="FAILED (exit status $status)"
    failed=$((failed + 1))
  fi
  report+=("$(printf '%-16s %-62s %s, %s' "$name" "$summary" "$verdict" "$(seconds "$elapsed")")")
done

echo
echo "== torture report"
for line in "${report[@]}"; do echo "$line"; done
total=$(($(date +%s) - start))
echo "total: $(seconds "$total") for ${#parts[@]} parts, $failed failed"
[ "$failed" -eq 0 ]
