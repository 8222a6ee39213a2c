using System.Globalization;
using System.Text;
using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Test.Discovery;
using ParallelAgents.Commands.Test.Sandbox;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Commands.Test;

/// <summary>
/// The <c>test</c> command (test-engineer): discovers a workspace's suites (.NET, pytest, Node, Go, Rust),
/// classifies tests as unit / integration / e2e / performance / security, and runs each type (sharded when large)
/// with its native runner in a sandbox, reporting the runners' own counts. Off unless the service sets
/// <c>Commands:Test:Enabled=true</c>, since it executes workspace code.
/// </summary>
public sealed class TestCommand(TestCommandOptions options, SandboxLauncher launcher) : IAgentCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "test";

    private const string DisabledReason = "It runs the workspace's own code, so it is off unless the service sets Commands:Test:Enabled=true.";

    private const string DisabledMessage = "The test command is disabled on this service (Commands:Test:Enabled=true enables it); nothing was run.";

    private readonly SuiteRunner _runner = new(launcher);

    /// <inheritdoc />
    public CommandDescriptor Descriptor { get; } = new(
        Name,
        "test-engineer",
        options.Enabled
            ? "Discovers and runs the workspace's test suites by type (unit, integration, e2e, performance, security) with their native runners in a sandbox; reports their exact counts."
            : "Runs the workspace's test suites by type with their native runners — disabled on this service (Commands:Test:Enabled=true enables it).",
        new PoolDefaults(MaxInstances: 5, ItemsPerInstance: 1, ParallelThreshold: 2),
        PartitionStrategy.Keyed,
        [
            new("types", OptionType.StringList, "Suite types to run; all when empty.", AllowedValues: TestTypes.All),
            new("ecosystems", OptionType.StringList, "Ecosystems to run; all when empty.", AllowedValues: ["dotnet", "python", "node", "go", "rust"]),
            new("rerunFailed", OptionType.Boolean, "Run failed tests once more; those that pass are reported flaky (TEST003) instead of failed.", "false"),
            new("suiteTimeoutSeconds", OptionType.Integer, "Timeout of one suite run (one work item); the process tree is killed when it passes. Capped by the service.", options.DefaultSuiteTimeoutSeconds.ToString(CultureInfo.InvariantCulture), 1, 86_400),
            new("jobTimeoutSeconds", OptionType.Integer, "Time budget of all suite runs of the job together.", options.DefaultJobTimeoutSeconds.ToString(CultureInfo.InvariantCulture), 1, 86_400),
            new("shardSize", OptionType.Integer, "Tests per work item: a type with more tests is split into shards run on separate instances.", "200", 1, 1_000_000),
        ],
        DisabledReason: options.Enabled ? null : DisabledReason);

    /// <inheritdoc />
    public Task<Assessment> AssessAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return Task.FromResult(new Assessment([], Findings: [DisabledFinding()], Notes: [DisabledMessage]));
        }

        var workspace = context.RequireWorkspace();
        var problems = new List<string>();
        var suites = SuiteDiscovery.Discover(workspace, problems);
        var ecosystems = context.Options.GetStringList("ecosystems").Select(Parse).OfType<Ecosystem>().ToHashSet();
        if (ecosystems.Count > 0)
        {
            suites = suites.Where(s => ecosystems.Contains(s.Ecosystem)).ToArray();
        }

        var discovered = suites.Count;
        string? changed = null;
        if (context.Changes is { } changes)
        {
            // A suite's folder holds its tests, its project or config and, usually, the code they test.
            suites = suites.Where(s => changes.AnyUnder(s.Root) || s.Tests.Any(t => changes.Contains(t.File))).ToArray();
            changed = $"{suites.Count} of the {discovered} suite(s) have a changed file in their folder and run.";
        }

        var timeout = Math.Clamp(context.Options.GetInt("suiteTimeoutSeconds", options.DefaultSuiteTimeoutSeconds), 1, Math.Max(1, options.MaxSuiteTimeoutSeconds));
        var jobTimeout = Math.Max(1, context.Options.GetInt("jobTimeoutSeconds", options.DefaultJobTimeoutSeconds));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(jobTimeout).ToUnixTimeMilliseconds();
        var types = context.Options.GetStringList("types").ToHashSet(StringComparer.Ordinal);
        var items = WorkPlanner.Plan(suites, context.Options.GetInt("shardSize", 200), timeout, deadline, context.Options.GetBool("rerunFailed", false), types);
        var notes = new List<string>
        {
            suites.Count == 0
                ? "No test suites found."
                : $"Found {suites.Count} suite(s): {string.Join(", ", suites.Select(s => $"{s.Name} ({s.Tests.Sum(t => t.Weight)} test(s))"))}.",
        };
        if (changed is not null)
        {
            notes.Add(changed);
        }

        notes.AddRange(problems.Take(20));
        return Task.FromResult(new Assessment(items, Notes: notes));
    }

    /// <inheritdoc />
    public async Task<ItemResult> ExecuteAsync(CommandContext context, WorkItem item, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!options.Enabled)
        {
            return new ItemResult(item.Id, [DisabledFinding()], null, 0, null);
        }

        var payload = JsonSerializer.Deserialize<TestRunPayload>(item.Payload ?? "null", WorkPlanner.Json)
            ?? throw new InvalidOperationException($"Work item {item.Id} has no payload.");
        var (data, findings) = await _runner.RunAsync(context.RequireWorkspace(), payload, cancellationToken).ConfigureAwait(false);
        return new ItemResult(item.Id, findings, JsonSerializer.Serialize(data, WorkPlanner.Json), System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
    }

    /// <inheritdoc />
    public Task<ReportSection> AggregateAsync(CommandContext context, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            // The note says it (the report keeps one copy of the assessment's and this one); a Markdown section saying
            // it again printed it a third time.
            return Task.FromResult(new ReportSection([DisabledFinding()], TestRules.All, JsonSerializer.Serialize(new { enabled = false }, WorkPlanner.Json), Notes: [DisabledMessage]));
        }

        var items = results.Where(r => r.DataJson is not null)
            .Select(r => JsonSerializer.Deserialize<TestItemData>(r.DataJson!, WorkPlanner.Json))
            .OfType<TestItemData>()
            .ToArray();
        var totals = Sum("all", items);
        var byType = TestTypes.All.Select(t => Sum(t, items.Where(i => i.Type == t))).Where(c => c.Runs > 0).ToArray();
        var bySuite = items.GroupBy(i => i.Suite, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(g.Key, g)).ToArray();
        var data = new
        {
            enabled = true,
            totals,
            types = byType,
            suites = bySuite,
            runs = items,
        };
        var notes = new List<string>(launcher.Capabilities.Describe(options));
        if (items.Length == 0)
        {
            notes.Insert(0, "No tests were run: the workspace has no test suites the command recognises.");
        }

        var section = new ReportSection(
            results.SelectMany(r => r.Findings).ToArray(),
            TestRules.All,
            JsonSerializer.Serialize(data, WorkPlanner.Json),
            Markdown(totals, byType, bySuite, items),
            notes);
        return Task.FromResult(section);
    }

    private static Ecosystem? Parse(string name) => name.ToLowerInvariant() switch
    {
        "dotnet" => Ecosystem.DotNet,
        "python" => Ecosystem.Python,
        "node" => Ecosystem.Node,
        "go" => Ecosystem.Go,
        "rust" => Ecosystem.Rust,
        _ => null,
    };

    private static Finding DisabledFinding() => new(TestRules.Disabled, Severity.Info, DisabledMessage);

    private static TestCounts Sum(string name, IEnumerable<TestItemData> items)
    {
        var list = items.ToArray();
        return new TestCounts(
            name, list.Length, list.Sum(i => i.Passed), list.Sum(i => i.Failed), list.Sum(i => i.Skipped), list.Sum(i => i.Errored),
            list.Sum(i => i.Flaky), list.Count(i => i.TimedOut), Math.Round(list.Sum(i => i.RunMs), 1), Math.Round(list.Sum(i => i.TestsMs), 1));
    }

    private static string Markdown(TestCounts totals, IReadOnlyList<TestCounts> byType, IReadOnlyList<TestCounts> bySuite, IReadOnlyList<TestItemData> items)
    {
        var md = new StringBuilder("## Tests\n\n");
        if (items.Count == 0)
        {
            return md.Append("No test suites were found.\n").ToString();
        }

        md.Append(CultureInfo.InvariantCulture, $"{totals.Total} test(s): {totals.Passed} passed, {totals.Failed} failed, {totals.Skipped} skipped, {totals.Errored} errored");
        md.Append(CultureInfo.InvariantCulture, $"{(totals.Flaky > 0 ? $", {totals.Flaky} flaky" : string.Empty)}{(totals.TimedOut > 0 ? $"; {totals.TimedOut} run(s) timed out" : string.Empty)}.\n\n");
        foreach (var (title, rows) in new[] { ("By type", byType), ("By suite", bySuite) })
        {
            md.Append(CultureInfo.InvariantCulture, $"### {title}\n\n| name | passed | failed | skipped | errored | flaky | timed out | run time (s) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var r in rows)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Passed} | {r.Failed} | {r.Skipped} | {r.Errored} | {r.Flaky} | {r.TimedOut} | {r.RunMs / 1000:0.0} |\n");
            }

            md.Append('\n');
        }

        return md.ToString();
    }
}
