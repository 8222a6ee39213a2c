using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Commands.Synthetic;

/// <summary>
/// A real command on the same path as the others, for tests, benchmarks and demos: N items that wait
/// (like an agent waiting on a model), burn CPU, or fail, deterministically from a seed. One distinct finding per item,
/// so the report proves every item's result arrived exactly once.
/// </summary>
public sealed class SyntheticCommand : IAgentCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "synthetic";

    /// <summary>Rule id of the per-item finding.</summary>
    public const string ItemRuleId = "SYN001";

    private static readonly RuleDescriptor ItemRule = new(ItemRuleId, "SyntheticItemResult", "One finding per synthetic work item, proving its result arrived.", Severity.Info);

    /// <inheritdoc />
    public CommandDescriptor Descriptor { get; } = new(
        Name,
        "synthetic-agent",
        "Simulated agent work: items that await (latencyMs), burn CPU (cpuMs) or fail (failureRate), deterministic for a seed.",
        new PoolDefaults(MaxInstances: 8, ItemsPerInstance: 5),
        PartitionStrategy.Balanced,
        [
            new("items", OptionType.Integer, "Number of work items.", "10", 0, 100_000),
            new("latencyMs", OptionType.Integer, "Milliseconds each item awaits without holding a thread.", "0", 0, 600_000),
            new("cpuMs", OptionType.Integer, "Milliseconds of busy CPU work per item.", "0", 0, 60_000),
            new("failureRate", OptionType.Number, "Share of items that fail (0-1), chosen by the seed.", "0", 0, 1),
            new("seed", OptionType.Integer, "Seed for which items fail and how long items take when jitter is set.", "0", int.MinValue, int.MaxValue),
            new("jitter", OptionType.Number, "Relative spread of latency per item (0-1), from the seed.", "0", 0, 1),
            new("keys", OptionType.Integer, "Number of partition keys the items are spread over (0 = one per item).", "0", 0, 10_000),
            new("slowKeyFactor", OptionType.Number, "Items of the first key (key-0, with keys set) take this many times latencyMs and cpuMs: a skew the assessment cannot see.", "1", 1, 1000),
        ],
        RequiresWorkspace: false);

    /// <inheritdoc />
    public Task<Assessment> AssessAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var count = context.Options.GetInt("items", 10);
        var keys = context.Options.GetInt("keys", 0);
        var items = Enumerable.Range(0, count)
            .Select(i => new WorkItem(ItemId(i), keys > 0 ? $"key-{i % keys}" : "synthetic", 1, i.ToString(CultureInfo.InvariantCulture)))
            .ToArray();
        return Task.FromResult(new Assessment(items, LatencyBound: context.Options.GetInt("cpuMs", 0) == 0));
    }

    /// <inheritdoc />
    public async Task<ItemResult> ExecuteAsync(CommandContext context, WorkItem item, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var index = int.Parse(item.Payload!, CultureInfo.InvariantCulture);
        var seed = context.Options.GetInt("seed", 0);
        var latency = context.Options.GetInt("latencyMs", 0);
        var jitter = context.Options.GetDouble("jitter", 0);
        if (jitter > 0)
        {
            latency = (int)Math.Round(latency * (1 - jitter + (2 * jitter * Unit(seed, index, 1))));
        }

        var cpu = context.Options.GetInt("cpuMs", 0);
        var keys = context.Options.GetInt("keys", 0);
        if (keys > 0 && index % keys == 0)
        {
            var factor = context.Options.GetDouble("slowKeyFactor", 1);
            latency = (int)Math.Round(latency * factor);
            cpu = (int)Math.Round(cpu * factor);
        }

        if (latency > 0)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        }

        if (cpu > 0)
        {
            BurnCpu(cpu, cancellationToken);
        }

        if (Unit(seed, index, 2) < context.Options.GetDouble("failureRate", 0))
        {
            throw new SyntheticItemFailedException($"Synthetic item {item.Id} failed as configured by failureRate.");
        }

        var finding = new Finding(
            ItemRuleId,
            (Severity)(index % 5),
            $"Synthetic result of item {item.Id}.",
            $"synthetic/{item.Id}.txt",
            1,
            Properties: new Dictionary<string, string> { ["itemId"] = item.Id });
        var data = JsonSerializer.Serialize(new { index, latency, cpu });
        return new ItemResult(item.Id, [finding], data, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
    }

    /// <inheritdoc />
    public Task<ReportSection> AggregateAsync(CommandContext context, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        var findings = results.SelectMany(r => r.Findings).ToArray();
        var data = JsonSerializer.Serialize(new
        {
            itemsRequested = context.Options.GetInt("items", 10),
            itemResults = results.Count,
            distinctItems = results.Select(r => r.ItemId).Distinct(StringComparer.Ordinal).Count(),
            failedItems = results.Count(r => r.Error is not null),
        });
        var markdown = $"## Synthetic work\n\n{results.Count} item result(s), {results.Count(r => r.Error is not null)} failed.\n";
        return Task.FromResult(new ReportSection(findings, [ItemRule], data, markdown));
    }

    /// <summary>The id of item <paramref name="index"/>.</summary>
    public static string ItemId(int index) => $"item-{index:D5}";

    private static void BurnCpu(int milliseconds, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(milliseconds * (Stopwatch.Frequency / 1000.0));
        var x = 1.0;
        while (Stopwatch.GetTimestamp() < until)
        {
            for (var i = 0; i < 1000; i++)
            {
                x = Math.Sqrt(x + i);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        GC.KeepAlive(x);
    }

    // SplitMix64 of (seed, index, salt) mapped to [0, 1): stable across runs and machines.
    private static double Unit(int seed, int index, int salt)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)(uint)index ^ ((ulong)salt * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
