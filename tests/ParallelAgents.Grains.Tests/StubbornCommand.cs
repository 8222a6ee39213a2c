using System.Collections.Concurrent;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Grains.Tests;

/// <summary>
/// A command for recovery tests. Option <c>hang</c>: the first execution of each item waits until cancelled (a stuck
/// instance). Option <c>failFirst</c>: the first N executions of each item fail transiently. Executions are counted
/// per job and item across the whole in-process cluster.
/// </summary>
public sealed class StubbornCommand : IAgentCommand
{
    private static readonly ConcurrentDictionary<string, int> Executions = new();

    public CommandDescriptor Descriptor { get; } = new(
        "stubborn", "tester", "Hangs or fails its first executions.", new PoolDefaults(4, 1, 0), PartitionStrategy.Balanced,
        [new("items", OptionType.Integer, "items"), new("hang", OptionType.Boolean, "hang"), new("failFirst", OptionType.Integer, "failures"), new("delayMs", OptionType.Integer, "wait per item")],
        RequiresWorkspace: false);

    public static int ExecutionsOf(string jobId, string itemId) => Executions.GetValueOrDefault($"{jobId}/{itemId}");

    public Task<Assessment> AssessAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Assessment([.. Enumerable.Range(0, context.Options.GetInt("items", 2)).Select(i => new WorkItem($"s{i}", $"s{i}", 1, null))]));

    public async Task<ItemResult> ExecuteAsync(CommandContext context, WorkItem item, CancellationToken cancellationToken)
    {
        var n = Executions.AddOrUpdate($"{context.JobId}/{item.Id}", 1, (_, v) => v + 1);
        if (context.Options.GetBool("hang", false) && n == 1)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        await Task.Delay(context.Options.GetInt("delayMs", 0), cancellationToken);
        if (n <= context.Options.GetInt("failFirst", 0))
        {
            throw new TransientWorkException($"{item.Id} failed on execution {n}");
        }

        return new ItemResult(item.Id, [new Finding("STB001", Severity.Info, $"done {item.Id}", $"{item.Id}.txt", 1)], null, 1, null);
    }

    public Task<ReportSection> AggregateAsync(CommandContext context, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken) =>
        Task.FromResult(new ReportSection([.. results.SelectMany(r => r.Findings)], []));
}
