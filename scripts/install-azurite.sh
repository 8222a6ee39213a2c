#!/usr/bin/env bash
# Installs Azurite, the Azure Storage emulator, into .tools/azurite (idempotent). The durable-mode tests start it
# themselves on free loopback ports with in-memory persistence.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.tools/azurite
if [ -x "$dir/node_modules/.bin/azurite" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is required to install Azurite" >&2; exit 1; }
mkdir -p "$dir"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error azurite@3 >/dev/null
"$dir/node_modules/.bin/azurite" --version
