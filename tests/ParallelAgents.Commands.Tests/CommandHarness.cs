using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Tests;

/// <summary>Runs a command's assess → execute (every item) → aggregate without a cluster, the way the engine does.</summary>
public static class CommandHarness
{
    public static IServiceProvider EmptyServices { get; } = new ServiceCollection().BuildServiceProvider();

    // changes: a diff-aware run's changed files; the coordinator's assessment and aggregation see them, the items do not.
    public static async Task<(Assessment Assessment, IReadOnlyList<ItemResult> Results, ReportSection Section)> RunAsync(
        IAgentCommand command, string? workspaceRoot, string optionsJson = "{}", IServiceProvider? services = null, WorkspaceChanges? changes = null)
    {
        services ??= new ServiceCollection().AddBuiltInCommands().BuildServiceProvider();
        var context = new CommandContext("test-job", workspaceRoot is null ? null : new Workspace(workspaceRoot), CommandOptions.Parse(optionsJson), services);
        var coordinator = context with { Changes = changes };
        var assessment = await command.AssessAsync(coordinator, CancellationToken.None);
        var results = new List<ItemResult>();
        foreach (var item in assessment.Items)
        {
            results.Add(await command.ExecuteAsync(context, item, CancellationToken.None));
        }

        var section = await command.AggregateAsync(coordinator, results, CancellationToken.None);
        return (assessment, results, section);
    }
}
