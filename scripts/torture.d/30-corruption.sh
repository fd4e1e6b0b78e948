#!/usr/bin/env bash
# Corruption: bit flips, zeroed and garbage pages, damaged header slots, cut files and log
# damage in copies of a real database; each must give a clear error or the right answers, never
# a crash, hang or wrong answer (tools/torture/corruption_test.cc).
#   scripts/torture.d/30-corruption.sh BUILD_DIR [--quick] [more options of fluxdb-torture-corruption]
exec "$(dirname "$0")/../torture-tool.sh" corruption "$@"
