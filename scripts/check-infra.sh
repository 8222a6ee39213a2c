#!/usr/bin/env bash
# Builds infra/main.bicep (or the .bicep file given as the first argument, absolute or relative to the
# repository root) with the linter rules of infra/bicepconfig.json (all raised to error)
# and fails on any diagnostic at all, warning or error. Needs scripts/install-bicep.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."

bicep="${BICEP:-.tools/bicep/bicep}"
if [[ ! -x "$bicep" ]]; then
  echo "bicep not found at $bicep: run scripts/install-bicep.sh first" >&2
  exit 2
fi

template="${1:-infra/main.bicep}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

status=0
# --no-restore: only local modules are allowed, so nothing may be fetched from a registry.
log="$("$bicep" build "$template" --no-restore --outdir "$out" 2>&1)" || status=$?
if [[ -n "$log" ]]; then
  printf '%s\n' "$log"
fi
if [[ $status -ne 0 ]]; then
  echo "bicep build failed (exit $status)" >&2
  exit 1
fi
if grep -Eiq '(warning|error|info) [A-Za-z0-9-]+:' <<<"$log"; then
  echo "bicep build reported diagnostics; the infra check treats every one as an error" >&2
  exit 1
fi
echo "$template builds with no diagnostics"
