# syntax=docker/dockerfile:1
# The ParallelAgents service: ASP.NET Core API with a co-hosted Orleans silo.
# Build from the repository root: docker build -t parallel-agents .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /repo

# Restore layer: only what decides the package graph, so it stays cached until a project file,
# the central package versions or the SDK pin changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/*/*.csproj ./src/
# Every project lives in src/<Name>/<Name>.csproj; put each project file back into its folder.
RUN for project in src/*.csproj; do \
      name="$(basename "$project" .csproj)"; \
      mkdir -p "src/$name" && mv "$project" "src/$name/"; \
    done
# Published for the image's platform, so the assemblies are compiled ahead of time (ReadyToRun) and a new replica
# does not spend its first jobs in the JIT (docs/benchmarks.md, "Cold start").
ARG TARGETARCH
RUN case "$TARGETARCH" in arm64) echo linux-arm64 ;; *) echo linux-x64 ;; esac > /tmp/rid
RUN dotnet restore src/ParallelAgents.Api/ParallelAgents.Api.csproj --runtime "$(cat /tmp/rid)"

COPY src/ ./src/
RUN dotnet publish src/ParallelAgents.Api/ParallelAgents.Api.csproj \
      --configuration Release --no-restore --runtime "$(cat /tmp/rid)" --self-contained false \
      --output /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app

# Git workspaces are fetched with the git command line (docs/workspaces.md); ca-certificates for https remotes.
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates \
    && rm -rf /var/lib/apt/lists/*

# HTTP on 8080; the Orleans silo (11111) and gateway (30000) are reached by the other silos of the
# cluster only. The silo advertises the container's own IPv4 address (see docs/deploy.md).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Orleans__SiloPort=11111 \
    Orleans__GatewayPort=30000
EXPOSE 8080 11111 30000

COPY --from=build --chown=root:root /app/publish ./

# The aspnet image ships an unprivileged "app" user (APP_UID); the service never runs as root.
USER $APP_UID
ENTRYPOINT ["dotnet", "ParallelAgents.Api.dll"]
