namespace ParallelAgents.Deploy.Tests;

/// <summary>The image builds from src/ with a cached restore layer and runs unprivileged on port 8080.</summary>
public sealed class DockerTests
{
    private static readonly string[] DockerfileLines = File.ReadAllLines(RepositoryRoot.File("Dockerfile"))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToArray();

    [Fact]
    public void Dockerfile_BuildsOnTheSdkAndRunsOnTheAspNetRuntime()
    {
        var froms = DockerfileLines.Where(l => l.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.Equal(2, froms.Count);
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:10.0", froms[0], StringComparison.Ordinal);
        Assert.Contains("mcr.microsoft.com/dotnet/aspnet:10.0", froms[1], StringComparison.Ordinal);
        Assert.Contains(DockerfileLines, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal) && l.Contains("ParallelAgents.Api.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_PublishesForThePlatformSoTheServiceIsCompiledAheadOfTime()
    {
        // ReadyToRun needs a runtime identifier, in the restore (the compiler's package) and in the publish.
        var joined = string.Join('\n', File.ReadAllText(RepositoryRoot.File("Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()));
        var lines = joined.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal) && l.Contains("--runtime", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal) && l.Contains("--runtime", StringComparison.Ordinal) && l.Contains("--self-contained false", StringComparison.Ordinal));

        var project = System.Xml.Linq.XDocument.Load(RepositoryRoot.File("src", "ParallelAgents.Api", "ParallelAgents.Api.csproj"));
        var readyToRun = project.Descendants("PublishReadyToRun").SingleOrDefault();
        Assert.NotNull(readyToRun);
        Assert.Equal("true", readyToRun.Value);
    }

    [Fact]
    public void Dockerfile_CopiesWhatDecidesTheRestoreBeforeRestoringAndTheSourcesAfter()
    {
        var restore = Array.FindIndex(DockerfileLines, l => l.StartsWith("RUN", StringComparison.Ordinal) && l.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "no RUN dotnet restore");

        var copiesBefore = DockerfileLines[..restore].Where(IsCopy).ToList();
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", ".csproj" })
        {
            Assert.Contains(copiesBefore, c => c.Contains(file, StringComparison.Ordinal));
        }

        // Copying any source file before the restore would void the cached layer on every code change.
        Assert.DoesNotContain(copiesBefore, c => c.Contains("COPY src/ ", StringComparison.Ordinal) || c.Contains("COPY . ", StringComparison.Ordinal));
        Assert.Contains(DockerfileLines[restore..], c => IsCopy(c) && c.StartsWith("COPY src/ ", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProjectUnderSrc_FollowsTheLayoutTheDockerfileRestores()
    {
        // The Dockerfile puts each src/*/*.csproj back into src/<Name>/ before restoring.
        var projects = Directory.GetFiles(RepositoryRoot.File("src"), "*.csproj", SearchOption.AllDirectories);

        Assert.NotEmpty(projects);
        foreach (var project in projects)
        {
            var folder = Path.GetFileName(Path.GetDirectoryName(project));
            Assert.Equal(RepositoryRoot.File("src", folder!), Path.GetDirectoryName(project));
            Assert.Equal(folder + ".csproj", Path.GetFileName(project));
        }
    }

    [Fact]
    public void FinalImage_RunsAsANonRootUserAndExposesPort8080()
    {
        var final = DockerfileLines[Array.FindLastIndex(DockerfileLines, l => l.StartsWith("FROM ", StringComparison.Ordinal))..];

        var user = Assert.Single(final, l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();
        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
        var exposed = final.Where(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal)).SelectMany(l => l["EXPOSE ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("8080", exposed);
        Assert.Contains(final, l => l.Contains("ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerIgnore_KeepsTestsBenchmarksAndLocalToolsOutOfTheContext()
    {
        var rules = File.ReadAllLines(RepositoryRoot.File(".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Equal("*", rules[0]);
        Assert.Contains("!src/", rules);
        Assert.DoesNotContain(rules, r => r.StartsWith("!tests", StringComparison.Ordinal) || r.StartsWith("!benchmarks", StringComparison.Ordinal) || r.StartsWith("!.tools", StringComparison.Ordinal));
        Assert.Contains("**/bin/", rules);
        Assert.Contains("**/obj/", rules);
    }

    [Fact]
    public void Compose_RunsAzuriteAndAtLeastTwoSilosOnDistinctPorts()
    {
        var compose = DockerComposeFile.Load();

        Assert.Contains("azurite", compose.Services.Keys);
        Assert.True(compose.Silos.Count >= 2, $"expected at least two silos, found {compose.Silos.Count}");
        var hostPorts = compose.Silos.SelectMany(s => s.PublishedHostPorts).ToList();
        Assert.True(compose.Silos.All(s => s.PublishedHostPorts.Count > 0), "every silo publishes its HTTP port");
        Assert.Equal(hostPorts.Count, hostPorts.Distinct().Count());
    }

    [Fact]
    public void Compose_SilosClusterDurablyThroughAzurite()
    {
        var compose = DockerComposeFile.Load();

        var clusterIds = compose.Silos.Select(s => s.Environment.GetValueOrDefault("Orleans__ClusterId")).Distinct().ToList();
        Assert.Single(clusterIds);
        Assert.NotNull(clusterIds[0]);
        foreach (var silo in compose.Silos)
        {
            Assert.Equal("AzureStorage", silo.Environment.GetValueOrDefault("Storage__Provider"));
            Assert.Contains("http://azurite:10002/", silo.Environment.GetValueOrDefault("Storage__ConnectionString") ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("Orleans__AdvertisedIPAddress", silo.Environment.Keys);
        }
    }

    [Fact]
    public void Compose_RunsOneFrontEndInTheClientRoleAndThreeSilos()
    {
        var compose = DockerComposeFile.Load();

        var roles = compose.Silos.GroupBy(s => s.Environment.GetValueOrDefault("Orleans__Role")).ToDictionary(g => g.Key ?? "", g => g.Count());
        Assert.Equal(3, roles.GetValueOrDefault("Silo"));
        Assert.Equal(1, roles.GetValueOrDefault("Client"));
        Assert.Equal(2, roles.Count);
        var front = compose.Silos.Single(s => s.Environment["Orleans__Role"] == "Client");
        Assert.Contains("8080", front.PublishedHostPorts);
        var roots = compose.Silos.Select(s => s.Environment.GetValueOrDefault("Workspaces__AllowedRoots__0")).Distinct().ToList();
        Assert.Equal(["/repos"], roots);
    }

    private static bool IsCopy(string line) => line.StartsWith("COPY ", StringComparison.Ordinal);
}
