using ParallelAgents.Commands.Tests.AgentAudit;

namespace ParallelAgents.Commands.Tests.Docs;

/// <summary>Runs external tools the docs tests compare against.</summary>
public static class ToolRunner
{
    public static (int ExitCode, string Output) Run(string fileName, string workingDirectory, params string[] arguments) =>
        ExternalTool.Run(fileName, arguments, workingDirectory);
}
