#!/usr/bin/env bash
# Crash test: a writer process is SIGKILLed at random moments (N = --kills, default 120;
# --quick 10); every acknowledged transaction must survive whole, the one in flight whole or not
# at all, and PRAGMA integrity_check must pass (tools/torture/crash_test.cc).
#   scripts/torture.d/10-crash.sh BUILD_DIR [--quick] [more options of fluxdb-torture-crash]
exec "$(dirname "$0")/../torture-tool.sh" crash "$@"
