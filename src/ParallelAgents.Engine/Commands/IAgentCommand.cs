using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Commands;

/// <summary>
/// A command plug-in: describe, assess, execute, aggregate. Execute must be safe to run twice for the same item:
/// work is at-least-once and results are deduplicated by item id.
/// </summary>
public interface IAgentCommand
{
    /// <summary>Name, role, pool defaults, strategy and options.</summary>
    CommandDescriptor Descriptor { get; }

    /// <summary>Reads the workspace and returns the work items.</summary>
    Task<Assessment> AssessAsync(CommandContext context, CancellationToken cancellationToken);

    /// <summary>Runs one work item. Problems with the item's input become findings, not exceptions.</summary>
    Task<ItemResult> ExecuteAsync(CommandContext context, WorkItem item, CancellationToken cancellationToken);

    /// <summary>Merges every item result (one per item) into the command's report section; runs cross-item rules.</summary>
    Task<ReportSection> AggregateAsync(CommandContext context, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken);
}
