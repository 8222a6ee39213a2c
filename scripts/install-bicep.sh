#!/usr/bin/env bash
# Installs the Bicep compiler into .tools/bicep/bicep from the NuGet package that ships it
# (Azure.Bicep.CommandLine.linux-x64), so the infra check builds offline after one restore.
# Idempotent: does nothing when the pinned version is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${BICEP_VERSION:-0.49.2}"
package="Azure.Bicep.CommandLine.linux-x64"
target_dir=".tools/bicep"
target="$target_dir/bicep"

if [[ -x "$target" ]] && "$target" --version 2>/dev/null | grep -q "version $version "; then
  echo "bicep $version already installed at $target"
  exit 0
fi

# A throwaway project outside the repository: the repository's central package management and
# Directory.Build.props must not apply to a PackageDownload.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/bicep-download.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$package" Version="[$version]" />
  </ItemGroup>
</Project>
XML

packages="$PWD/.tools/nuget"
DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
  dotnet restore "$work/bicep-download.csproj" --packages "$packages" --nologo -v quiet

binary="$(find "$packages/$(echo "$package" | tr '[:upper:]' '[:lower:]')/$version" -type f -name bicep | head -n 1)"
if [[ -z "$binary" ]]; then
  echo "the package $package $version holds no 'bicep' binary" >&2
  exit 1
fi

mkdir -p "$target_dir"
cp "$binary" "$target"
chmod +x "$target"
"$target" --version
