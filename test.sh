#!/usr/bin/env bash
# The project's test command: installs the tools the tests use (bicep, cloc, npm validators, Azurite, Chromium, Prometheus),
# builds everything with warnings as errors, and runs every test project.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

for installer in scripts/install-*.sh; do
  [ -e "$installer" ] || continue
  echo "== $installer"
  bash "$installer"
done

dotnet build ParallelAgents.sln -c Release --nologo -v quiet
dotnet format ParallelAgents.sln --verify-no-changes --no-restore
dotnet test ParallelAgents.sln -c Release --no-build --nologo -v quiet --logger "console;verbosity=minimal" "$@"
