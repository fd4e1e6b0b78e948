#!/usr/bin/env bash
# I/O faults: short writes, ENOSPC, torn writes (power cut), failed fsync and truncate at the
# Nth call of a SQL workload; each must be a clean IO error and the restarted database must hold
# exactly the successful commits (tools/torture/faults_test.cc, storage/fault_injector.h).
#   scripts/torture.d/20-faults.sh BUILD_DIR [--quick] [more options of fluxdb-torture-faults]
exec "$(dirname "$0")/../torture-tool.sh" faults "$@"
