#!/usr/bin/env bash
# Installs a build into a temporary prefix, checks the installed layout (shared and static
# library, header, pkg-config file, shell) and builds and runs examples/*.c against it with
# pkg-config, as an outside program would.
#   scripts/tests.d/40-examples.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:-build/release}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

fail() {
  echo "40-examples: $*" >&2
  exit 1
}

cmake --install "$build" --prefix "$prefix" > "$tmp/install.log" || {
  cat "$tmp/install.log" >&2
  fail "cmake --install failed"
}

for f in lib/libfluxdb.so lib/libfluxdb.a include/fluxdb.h lib/pkgconfig/fluxdb.pc bin/fluxdb; do
  [ -e "$prefix/$f" ] || fail "missing $f in the installed prefix"
done
ls "$prefix"/lib/libfluxdb.so.* > /dev/null 2>&1 || fail "missing the soname links of libfluxdb.so"

# The shared library exports the C API and nothing else of the engine.
if command -v nm > /dev/null; then
  symbols=$(nm -D --defined-only "$prefix/lib/libfluxdb.so" | awk '{print $3}')
  foreign=$(echo "$symbols" | grep -v '^fluxdb_' || true)
  [ -z "$foreign" ] || fail "libfluxdb.so exports non-API symbols: $(echo "$foreign" | head -5)"
  echo "$symbols" | grep -qx 'fluxdb_query' || fail "fluxdb_query is not exported"
fi

# A sanitized build's library needs the sanitizer runtime in the programs too.
extra_flags=""
if grep -q '^FLUXDB_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2> /dev/null; then
  extra_flags="-fsanitize=address,undefined"
fi

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
flags=$(pkg-config --cflags --libs fluxdb)
cc=${CC:-cc}
for example in query_print bulk_load; do
  # shellcheck disable=SC2086
  $cc -std=c11 -Wall -Wextra -Werror -O1 $extra_flags -o "$tmp/$example" \
    "$root/examples/$example.c" $flags || fail "$example.c does not compile"
done
export LD_LIBRARY_PATH=$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

"$tmp/query_print" > "$tmp/query_print.out" || fail "query_print failed"
cat > "$tmp/query_print.expected" << 'OUT'
+---+--------+-------+------+
| n | square | label | half |
+---+--------+-------+------+
| 1 |      1 | row 1 |  0.5 |
| 2 |      4 | row 2 | NULL |
| 3 |      9 | row 3 |  1.5 |
| 4 |     16 | row 4 | NULL |
| 5 |     25 | row 5 |  2.5 |
+---+--------+-------+------+
5 rows
OUT
diff -u "$tmp/query_print.expected" "$tmp/query_print.out" || fail "query_print printed something else"

"$tmp/query_print" "$tmp/demo.db" "CREATE TABLE t(s VARCHAR, d DATE); INSERT INTO t VALUES ('x', DATE '2024-02-29')" \
  > /dev/null || fail "query_print could not write a file database"
"$tmp/query_print" "$tmp/demo.db" "SELECT * FROM t" > "$tmp/demo.out" || fail "query_print failed"
grep -q '| x | 2024-02-29 |' "$tmp/demo.out" || fail "query_print did not read the file database back"
if "$tmp/query_print" ":memory:" "SELECT * FROM no_such_table" 2> "$tmp/err.out"; then
  fail "query_print succeeded on a bad query"
fi
grep -q "Catalog Error" "$tmp/err.out" || fail "query_print did not print the error"

"$tmp/bulk_load" 200000 > "$tmp/bulk_load.out" 2> "$tmp/bulk_load.err" || {
  cat "$tmp/bulk_load.err" >&2
  fail "bulk_load failed"
}
expected="rows=200000 sum_id=19999900000 sum_price=9999000.00 names=1000 last_day=2024-12-31"
[ "$(cat "$tmp/bulk_load.out")" = "$expected" ] ||
  fail "bulk_load printed '$(cat "$tmp/bulk_load.out")', expected '$expected'"

# The static archive links on its own with the .pc file's private dependencies.
if [ -z "$extra_flags" ]; then
  static_libs=$(pkg-config --static --libs fluxdb | sed 's/-lfluxdb//')
  # shellcheck disable=SC2086
  $cc -std=c11 -O1 -o "$tmp/bulk_load_static" "$root/examples/bulk_load.c" \
    $(pkg-config --cflags fluxdb) "$prefix/lib/libfluxdb.a" $static_libs || fail "static link failed"
  LD_LIBRARY_PATH= "$tmp/bulk_load_static" 1000 > "$tmp/static.out" 2> /dev/null || fail "static bulk_load failed"
  grep -q '^rows=1000 ' "$tmp/static.out" || fail "static bulk_load printed $(cat "$tmp/static.out")"
fi

# The installed shell runs.
echo "SELECT 40 + 2 AS answer;" | "$prefix/bin/fluxdb" > "$tmp/shell.out" 2>&1 || true
grep -q 42 "$tmp/shell.out" || fail "installed shell does not answer: $(cat "$tmp/shell.out")"

echo "40-examples: install layout, pkg-config, query_print, bulk_load (shared and static) ok"
