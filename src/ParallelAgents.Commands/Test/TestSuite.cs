namespace ParallelAgents.Commands.Test;

/// <summary>A suite: one project / package root run by one native runner.</summary>
/// <param name="Ecosystem">Language ecosystem.</param>
/// <param name="Runner">Runner name: pytest, node, jest, vitest, mocha, dotnet, go, cargo.</param>
/// <param name="Root">Workspace-relative directory the runner starts in ("." for the root).</param>
/// <param name="Project">Project file for runners that need one (a .csproj), workspace-relative.</param>
/// <param name="Tests">Tests found in it.</param>
public sealed record TestSuite(Ecosystem Ecosystem, string Runner, string Root, string? Project, IReadOnlyList<TestCase> Tests)
{
    /// <summary>A stable display name, e.g. <c>pytest:services/api</c>.</summary>
    public string Name => Project is null ? $"{Runner}:{Root}" : $"{Runner}:{Project}";
}
