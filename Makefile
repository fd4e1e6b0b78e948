# Thin wrapper around CMake, in the manner of DuckDB's Makefile.
#   make            release build (build/release)
#   make debug      debug build (build/debug)
#   make test       install missing packages, build, run every test
#   make shell      install missing packages, build, open the shell on demo.fluxdb
#   make install    install into PREFIX (default /usr/local)
#   make conformance  pass rates on ../shared/sqllogictest
#   make test-sanitize  the test suite under ASan + UBSan
.PHONY: all release debug deps test unit sqltest shell install conformance test-sanitize bench torture clean format

PREFIX ?= /usr/local
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

all: release

deps:
	@scripts/install-deps.sh

release:
	cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)
	cmake --build build/release -j $(JOBS)

debug:
	cmake -S . -B build/debug -DCMAKE_BUILD_TYPE=Debug $(CMAKE_FLAGS)
	cmake --build build/debug -j $(JOBS)

test: deps release
	scripts/run-tests.sh build/release

shell: deps release
	@test -f demo.fluxdb || build/release/fluxdb-demo-gen demo.fluxdb
	build/release/fluxdb demo.fluxdb

install: release
	cmake --install build/release --prefix $(PREFIX)

conformance: deps release
	scripts/conformance.sh build/release

test-sanitize: deps
	cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLUXDB_SANITIZE=ON -DFLUXDB_BUILD_BENCH=OFF $(CMAKE_FLAGS)
	cmake --build build/sanitize -j $(JOBS)
	scripts/run-tests.sh build/sanitize

# The benchmark builds only the shell, in its own directory (no tests: a clean clone's bench
# should not spend its time compiling them).
bench: deps
	cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DFLUXDB_BUILD_TESTS=OFF -DFLUXDB_BUILD_BENCH=OFF $(CMAKE_FLAGS)
	cmake --build build/bench -j $(JOBS) --target fluxdb_shell
	bench/run-bench.sh build/bench

torture: deps release
	scripts/torture.sh build/release

format:
	find common parser catalog planner execution storage main shell include test bench tools examples \
	  -name '*.h' -o -name '*.cc' -o -name '*.c' | xargs clang-format -i

clean:
	rm -rf build
