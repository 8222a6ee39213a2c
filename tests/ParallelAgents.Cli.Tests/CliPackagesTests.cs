using System.Text.Json.Nodes;

namespace ParallelAgents.Cli.Tests;

/// <summary>The CLI runs its in-process silo in memory only, so it carries none of the Azure packages the service uses.</summary>
public sealed class CliPackagesTests
{
    [Fact]
    public void Cli_RestoresNoAzurePackage()
    {
        var packages = Packages(RepositoryRoot.File("src", "ParallelAgents.Cli", "obj", "project.assets.json"));

        // The graph is the CLI's own: its in-process silo is there, so an empty or foreign list cannot pass.
        Assert.Contains("Microsoft.Orleans.Server", packages);
        Assert.Contains("Spectre.Console", packages);
        Assert.DoesNotContain(packages, IsAzure);
    }

    private static bool IsAzure(string package) =>
        package.StartsWith("Azure.", StringComparison.OrdinalIgnoreCase)
        || (package.StartsWith("Microsoft.Orleans.", StringComparison.OrdinalIgnoreCase)
            && package.EndsWith(".AzureStorage", StringComparison.OrdinalIgnoreCase));

    private static List<string> Packages(string assetsFile)
    {
        var libraries = JsonNode.Parse(File.ReadAllText(assetsFile))!["libraries"]!.AsObject();
        return libraries
            .Where(l => (string?)l.Value!["type"] == "package")
            .Select(l => l.Key.Split('/')[0])
            .ToList();
    }
}
