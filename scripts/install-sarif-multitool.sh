#!/usr/bin/env bash
# Installs Microsoft's SARIF validator (npm @microsoft/sarif-multitool) into .tools/ for the report tests.
# Idempotent: does nothing when the pinned version is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=5.7.0
TOOLS=.tools
BIN="$TOOLS/node_modules/.bin/sarif-multitool"
if [ -x "$BIN" ] && grep -q "\"version\": \"$VERSION\"" "$TOOLS/node_modules/@microsoft/sarif-multitool/package.json" 2>/dev/null; then
  echo "sarif-multitool $VERSION already installed"
  exit 0
fi
mkdir -p "$TOOLS"
[ -f "$TOOLS/package.json" ] || echo '{"name":"parallel-agents-tools","private":true}' > "$TOOLS/package.json"
npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$VERSION"
"$BIN" --version >/dev/null 2>&1 || "$BIN" help >/dev/null 2>&1 || true
echo "sarif-multitool $VERSION installed in $TOOLS"
