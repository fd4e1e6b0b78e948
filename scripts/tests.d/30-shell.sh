#!/usr/bin/env bash
# The fluxdb shell and the demo generator, driven through their binaries (test/shell/test_*.py):
# output modes, errors, dot commands, files, the demo database, and the interactive shell on a
# pseudo-terminal.
set -euo pipefail
build=$(cd "${1:-build/release}" && pwd)
cd "$(dirname "$0")/../.."
export FLUXDB_BUILD_DIR="$build" PYTHONDONTWRITEBYTECODE=1
exec python3 -m unittest discover -s test/shell -p 'test_*.py'
