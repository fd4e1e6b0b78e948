#!/usr/bin/env bash
# CI regression gate: every corpus file listed in test/sql/conformance_expected.txt must still pass.
#   scripts/tests.d/20-conformance-gate.sh BUILD_DIR
# The list is written by scripts/conformance.sh BUILD_DIR --update-expected.
set -euo pipefail
build=$(realpath -m "${1:-build/release}")
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
corpora=$(realpath -m "$root/../shared/sqllogictest")
expected=test/sql/conformance_expected.txt
if [ ! -d "$corpora" ]; then
  echo "conformance gate: no corpora at $corpora; skipped"
  exit 0
fi
if [ ! -x "$build/sqllogictest" ]; then
  echo "conformance gate: $build/sqllogictest is not built; skipped"
  exit 0
fi
if [ ! -f "$expected" ]; then
  echo "conformance gate: no $expected; skipped"
  exit 0
fi
files=()
while IFS= read -r line; do
  case "$line" in '' | '#'*) continue ;; esac
  files+=("$corpora/$line")
done < "$expected"
if [ ${#files[@]} -eq 0 ]; then
  echo "conformance gate: $expected lists no file"
  exit 0
fi
echo "conformance gate: ${#files[@]} files expected to pass"
exec "$build/sqllogictest" --jobs "$(nproc)" --timeout 600 --root "$corpora" \
  --differences test/sql/documented_differences.txt --expect "$expected" "${files[@]}"
