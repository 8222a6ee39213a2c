using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Grains.Tests;

/// <summary>
/// A command for failure tests: items keyed "bad" throw a transient error every time (the segment fails after its
/// retries), the others succeed after a short wait.
/// </summary>
public sealed class FlakyCommand : IAgentCommand
{
    public CommandDescriptor Descriptor { get; } = new(
        "flaky", "tester", "Fails every item keyed 'bad'.", new PoolDefaults(8, 1, 0), PartitionStrategy.Keyed,
        [new("good", OptionType.Integer, "good keys"), new("bad", OptionType.Integer, "bad keys")], RequiresWorkspace: false);

    public Task<Assessment> AssessAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var good = context.Options.GetInt("good", 3);
        var bad = context.Options.GetInt("bad", 1);
        var items = Enumerable.Range(0, good).Select(i => new WorkItem($"good-{i}", $"good-{i}", 1, null))
            .Concat(Enumerable.Range(0, bad).Select(i => new WorkItem($"bad-{i}", "bad", 1, null)))
            .ToArray();
        return Task.FromResult(new Assessment(items));
    }

    public async Task<ItemResult> ExecuteAsync(CommandContext context, WorkItem item, CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken);
        if (item.Key == "bad")
        {
            throw new TransientWorkException($"{item.Id} cannot reach its service.");
        }

        return new ItemResult(item.Id, [new Finding("FLK001", Severity.Low, $"ok {item.Id}", $"{item.Id}.txt", 1)], JsonSerializer.Serialize(item.Id), 20, null);
    }

    public Task<ReportSection> AggregateAsync(CommandContext context, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken) =>
        Task.FromResult(new ReportSection([.. results.SelectMany(r => r.Findings)], []));
}
