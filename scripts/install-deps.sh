#!/usr/bin/env bash
# Installs the Debian packages FluxDB builds and tests with, when any is missing.
# Runs as root (CI, containers) or through sudo.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libpg-query-dev libprotobuf-c-dev
  libabsl-dev libre2-dev libgtest-dev libbenchmark-dev libedit-dev
  libzstd-dev liblz4-dev
  clang libfuzzer-14-dev libclang-rt-14-dev
  python3 sqlite3 zstd
)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
