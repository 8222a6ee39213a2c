#!/usr/bin/env bash
# Installs the tools the docs command's tests compare against (markdown-link-check) into .tools/.
# Idempotent: does nothing when the pinned version is already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
version="3.15.0"
installed="$tools/node_modules/markdown-link-check/package.json"
if [[ -f "$installed" ]] && grep -q "\"version\": \"$version\"" "$installed"; then
  echo "markdown-link-check $version already installed in $tools"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  apt-get update
  apt-get install -y nodejs npm
fi
mkdir -p "$tools"
[[ -f "$tools/package.json" ]] || echo '{ "name": "parallelagents-tools", "private": true }' > "$tools/package.json"
npm install --prefix "$tools" --no-audit --no-fund "markdown-link-check@$version"
echo "markdown-link-check $version installed in $tools"
