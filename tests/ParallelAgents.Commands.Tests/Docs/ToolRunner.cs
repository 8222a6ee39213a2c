using ParallelAgents.Commands.Tests.AgentAudit;

namespace ParallelAgents.Commands.Tests.Docs;

/// <summary>Runs external tools the docs tests compare against.</summary>
public static class ToolRunner
{
    /// <summary>The repository root (the folder holding ParallelAgents.sln).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ParallelAgents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root above " + AppContext.BaseDirectory);
    }

    public static (int ExitCode, string Output) Run(string fileName, string workingDirectory, params string[] arguments) =>
        ExternalTool.Run(fileName, arguments, workingDirectory);
}
