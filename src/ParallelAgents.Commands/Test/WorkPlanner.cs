using System.Text.Json;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Test;

/// <summary>
/// Turns suites into work items: one per suite and type, and a type with more tests than the shard size is cut
/// into shards of about equal weight, each a list of selectors the native runner accepts. Shards get keys of their
/// own (<c>unit-2</c>...) so the engine can spread them over instances.
/// </summary>
public static class WorkPlanner
{
    /// <summary>JSON settings of payloads.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Plans the items.</summary>
    public static IReadOnlyList<WorkItem> Plan(
        IReadOnlyList<TestSuite> suites, int shardSize, int timeoutSeconds, long deadlineUnixMs, bool rerunFailed,
        IReadOnlySet<string>? types = null)
    {
        var items = new List<WorkItem>();
        foreach (var suite in suites)
        {
            var byType = suite.Tests.GroupBy(t => t.Type, StringComparer.Ordinal).ToArray();
            foreach (var group in byType.OrderBy(g => Order(g.Key)))
            {
                if (types is { Count: > 0 } && !types.Contains(group.Key))
                {
                    continue;
                }

                var tests = group.ToArray();
                var weight = tests.Sum(t => (long)t.Weight);
                var shards = (int)Math.Clamp((weight + shardSize - 1) / Math.Max(1, shardSize), 1, Math.Max(1, tests.Length));
                var whole = byType.Length == 1 && shards == 1 && suite.Ecosystem != Ecosystem.Node;
                foreach (var (shard, index) in Split(tests, shards).Select((s, i) => (s, i)))
                {
                    var payload = new TestRunPayload(
                        suite.Ecosystem, suite.Runner, suite.Root, suite.Project, group.Key, index, shards,
                        shard.Select(t => t.Selector).Distinct(StringComparer.Ordinal).ToArray(),
                        shard.Select(t => t.Tag).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
                        whole, timeoutSeconds, deadlineUnixMs, rerunFailed);
                    var key = shards > 1 ? $"{group.Key}-{index + 1}" : group.Key;
                    var id = shards > 1 ? $"{suite.Name}#{group.Key}#{index + 1}" : $"{suite.Name}#{group.Key}";
                    items.Add(new WorkItem(id, key, Math.Max(1, shard.Sum(t => (long)t.Weight)), JsonSerializer.Serialize(payload, Json)));
                }
            }
        }

        return items;
    }

    private static int Order(string type)
    {
        var i = TestTypes.All.ToList().IndexOf(type);
        return i < 0 ? int.MaxValue : i;
    }

    // Contiguous runs of about equal weight keep a file's tests together, which keeps fixtures shared.
    private static IEnumerable<TestCase[]> Split(TestCase[] tests, int shards)
    {
        if (shards <= 1)
        {
            yield return tests;
            yield break;
        }

        var total = tests.Sum(t => (long)t.Weight);
        var target = (double)total / shards;
        var current = new List<TestCase>();
        long acc = 0;
        var emitted = 0;
        foreach (var test in tests)
        {
            current.Add(test);
            acc += test.Weight;
            if (emitted < shards - 1 && acc >= target * (emitted + 1))
            {
                yield return current.ToArray();
                current.Clear();
                emitted++;
            }
        }

        if (current.Count > 0)
        {
            yield return current.ToArray();
        }
    }
}
