#!/usr/bin/env bash
# Installs the tools the prime command's tests compare against: cloc (Debian package).
# Idempotent: does nothing when cloc is already on the PATH.
set -euo pipefail
if command -v cloc >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends cloc
