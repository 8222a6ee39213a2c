using ParallelAgents.Commands.Agent;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Tests.Agent;

/// <summary>The agent's read-only search sees the files the command reads, not what .gitignore keeps out.</summary>
public sealed class WorkspaceReadToolsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("agent-tools-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Search_skips_ignored_files_and_git_metadata()
    {
        File.WriteAllText(Path.Combine(_root, ".gitignore"), ".env\nbuild/\n");
        File.WriteAllText(Path.Combine(_root, ".env"), "needle=1\n");
        File.WriteAllText(Path.Combine(_root, "app.txt"), "a needle here\n");
        Directory.CreateDirectory(Path.Combine(_root, "build"));
        File.WriteAllText(Path.Combine(_root, "build", "out.txt"), "needle in output\n");
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        File.WriteAllText(Path.Combine(_root, ".git", "config"), "needle\n");

        var found = new WorkspaceReadTools(new Workspace(_root), redactSecrets: true).Search("needle");

        Assert.Contains("app.txt:1", found, StringComparison.Ordinal);
        Assert.DoesNotContain(".env", found, StringComparison.Ordinal);
        Assert.DoesNotContain("build/", found, StringComparison.Ordinal);
        Assert.DoesNotContain(".git/", found, StringComparison.Ordinal);
    }
}
