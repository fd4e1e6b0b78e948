#!/usr/bin/env bash
# Fuzzing: the four libFuzzer targets of test/fuzz (built with clang, ASan and UBSan into
# build/fuzz, configured here on first use) each run for a bounded time, two at a time:
#   sql_fuzzer, file_fuzzer     FLUXDB_FUZZ_SECONDS each (default 120)
#   parser_fuzzer, codec_fuzzer FLUXDB_FUZZ_SMALL_SECONDS each (default 40)
# Corpora grow across runs in build/fuzz/corpus/<fuzzer>; the seeds are rebuilt each run (SQL
# scripts from the sqllogictest corpora, small database files). A crashing input (crash, leak,
# timeout, out of memory) is copied to test/fuzz/regressions/<fuzzer>/, whose files ctest replays
# in every build (fuzz_regressions_<fuzzer>), and this script replays first: commit it with the
# fix. Fuzzing goes on after a crash (libFuzzer's fork mode), so one run can find several.
#   scripts/torture.d/40-fuzz.sh [BUILD_DIR] [--quick]      (--quick: 10 s per fuzzer)
# The build directory argument is not used (the fuzzers need their own build); FLUXDB_FUZZ_BUILD
# names that one (default build/fuzz). Last line: "fuzz: N executions, M crashes".
set -uo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
big=${FLUXDB_FUZZ_SECONDS:-120}
small=${FLUXDB_FUZZ_SMALL_SECONDS:-40}
for arg in "$@"; do
  if [ "$arg" = "--quick" ]; then big=10 small=10; fi
done
fuzz_build=$(realpath -m "${FLUXDB_FUZZ_BUILD:-build/fuzz}")
jobs=$(nproc)

fail() {
  echo "fuzz: $*"
  exit 1
}

if ! command -v clang++ > /dev/null; then
  scripts/install-deps.sh || fail "clang is missing and could not be installed"
fi
if [ ! -f "$fuzz_build/CMakeCache.txt" ]; then
  echo "configuring $fuzz_build (clang, libFuzzer, ASan + UBSan)"
  mkdir -p "$fuzz_build"
  CC=clang CXX=clang++ cmake -S . -B "$fuzz_build" -DCMAKE_BUILD_TYPE=Fuzz -DFLUXDB_FUZZ=ON \
    -DFLUXDB_SANITIZE=ON -DFLUXDB_WERROR=OFF -DFLUXDB_BUILD_BENCH=OFF \
    "-DCMAKE_CXX_FLAGS=-O1 -g -Wno-unknown-warning-option" "-DCMAKE_C_FLAGS=-O1 -g" \
    > "$fuzz_build/configure.log" 2>&1 ||
    fail "configuring $fuzz_build failed (see $fuzz_build/configure.log)"
fi
# A directory configured by hand without libFuzzer would build no fuzzer targets at all.
grep -q '^FLUXDB_FUZZ:BOOL=ON$' "$fuzz_build/CMakeCache.txt" ||
  fail "$fuzz_build is not configured with -DFLUXDB_FUZZ=ON (remove it to let this script do it)"
echo "building the fuzzers in $fuzz_build"
cmake --build "$fuzz_build" -j "$jobs" --target sql_fuzzer file_fuzzer parser_fuzzer codec_fuzzer \
  file_fuzzer_seeds > "$fuzz_build/build.log" 2>&1 ||
  { tail -n 30 "$fuzz_build/build.log"; fail "building the fuzzers failed"; }

seeds=$fuzz_build/seeds
rm -rf "$seeds"
mkdir -p "$seeds/sql" "$seeds/file" "$seeds/codec"
sql_sources=(test/sql)
if [ -d ../shared/sqllogictest ]; then sql_sources+=(../shared/sqllogictest); fi
# Fork mode runs every seed before it fuzzes (0.1-0.2 s each for sql_fuzzer, whose inputs each
# set up a database): 200 seeds keep that to a fraction of the time budget.
python3 test/fuzz/make_sql_seeds.py "$seeds/sql" "${sql_sources[@]}" --max-seeds 200 ||
  fail "could not write the SQL seeds"
"$fuzz_build/test/fuzz/file_fuzzer_seeds" "$seeds/file" > /dev/null || fail "could not write the file seeds"
cat test/fuzz/parser_fuzzer.dict test/fuzz/sql_fuzzer.dict > "$fuzz_build/sql.dict"

# run_fuzzer NAME SECONDS SEED_DIR [LIBFUZZER_OPTION...]: runs a fuzzer for that long in
# libFuzzer's fork mode, which keeps fuzzing after a crash (and skips seeds that crash). Writes
# "<executions> <crashes>" to $fuzz_build/<name>.result.
run_fuzzer() {
  local name=$1 budget=$2 seed_dir=$3
  shift 3
  local corpus=$fuzz_build/corpus/$name artifacts=$fuzz_build/artifacts/$name/
  local work=$fuzz_build/work/$name log=$fuzz_build/$name.log
  mkdir -p "$corpus" "$artifacts" "$work" "test/fuzz/regressions/$name"
  local before
  before=$(ls "$artifacts" | sort)
  # The working directory is scratch: nothing a statement writes lands in the tree.
  (cd "$work" && UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} "$fuzz_build/$name" \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$budget" \
    -timeout=30 -rss_limit_mb=3072 -artifact_prefix="$artifacts" "$@" "$corpus" "$seed_dir" \
    < /dev/null > "$log" 2>&1)
  local status=$?
  # Fork mode's progress lines: "#N: cov: .. exec/s: .. oom/timeout/crash: A/B/C time: ..".
  local executions
  executions=$(grep -aoE '^#[0-9]+: cov' "$log" | tail -n 1 | tr -dc '0-9')
  local crashes=0 artifact
  for artifact in $(comm -13 <(echo "$before") <(ls "$artifacts" | sort)); do
    crashes=$((crashes + 1))
    cp "$artifacts/$artifact" "test/fuzz/regressions/$name/$artifact"
    echo "$name: crashing input kept as test/fuzz/regressions/$name/$artifact (log: $log)"
  done
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes=1
    echo "$name: exited with status $status (log: $log)"
    tail -n 20 "$log"
  fi
  echo "${executions:-0} $crashes" > "$fuzz_build/$name.result"
  echo "$name: ${executions:-0} executions, $crashes crashes"
}

# The inputs that once crashed must not crash this (clang, sanitized) build either: ctest replays
# them only in the builds of `make test`, which are GCC's.
for name in sql_fuzzer file_fuzzer parser_fuzzer codec_fuzzer; do
  inputs=()
  for input in test/fuzz/regressions/$name/*; do
    [ -f "$input" ] && [ "${input%.md}" = "$input" ] && inputs+=("$root/$input")
  done
  [ ${#inputs[@]} -eq 0 ] && continue
  mkdir -p "$fuzz_build/work/$name"
  log=$fuzz_build/$name.replay.log
  (cd "$fuzz_build/work/$name" && "$fuzz_build/$name" "${inputs[@]}" > "$log" 2>&1) || {
    tail -n 30 "$log"
    fail "$name crashes on an input of test/fuzz/regressions/$name (log: $log)"
  }
done

sql_args=(-dict="$fuzz_build/sql.dict" -max_len=4096)
echo "running sql_fuzzer and file_fuzzer for $big s, parser_fuzzer and codec_fuzzer for $small s"
# The corpus directory comes first: libFuzzer adds new inputs to the first directory.
run_fuzzer sql_fuzzer "$big" "$seeds/sql" "${sql_args[@]}" &
run_fuzzer file_fuzzer "$big" "$seeds/file" -max_len=300000 -len_control=0 &
wait
run_fuzzer parser_fuzzer "$small" "$seeds/sql" "${sql_args[@]}" &
run_fuzzer codec_fuzzer "$small" "$seeds/codec" -max_len=8192 &
wait

total=0
crashes=0
for name in sql_fuzzer file_fuzzer parser_fuzzer codec_fuzzer; do
  read -r e c < "$fuzz_build/$name.result" || { e=0 c=1; }
  total=$((total + e))
  crashes=$((crashes + c))
done
echo "fuzz: $total executions, $crashes crashes"
[ "$crashes" -eq 0 ]
