#!/usr/bin/env bash
# The project's test command: installs what the tests need, then runs every test project.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build ParallelAgents.sln -c Release -warnaserror --nologo -v quiet
dotnet test ParallelAgents.sln -c Release --no-build --nologo -v quiet "$@"
