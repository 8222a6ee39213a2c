using ParallelAgents.Commands.Synthetic;

namespace ParallelAgents.Commands.Tests.Synthetic;

public sealed class SyntheticCommandTests
{
    [Fact]
    public async Task Produces_one_distinct_finding_per_item()
    {
        var (assessment, results, section) = await CommandHarness.RunAsync(new SyntheticCommand(), null, """{"items":12}""");
        Assert.Equal(12, assessment.Items.Count);
        Assert.Equal(12, section.Findings.Select(f => f.File).Distinct().Count());
        Assert.All(results, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task Failure_rate_fails_the_same_items_for_the_same_seed()
    {
        var command = new SyntheticCommand();
        async Task<string[]> Failed(int seed)
        {
            var context = new ParallelAgents.Engine.Commands.CommandContext("j", null, ParallelAgents.Engine.Commands.CommandOptions.Parse($$"""{"items":50,"failureRate":0.3,"seed":{{seed}}}"""), CommandHarness.EmptyServices);
            var assessment = await command.AssessAsync(context, CancellationToken.None);
            var failed = new List<string>();
            foreach (var item in assessment.Items)
            {
                try
                {
                    await command.ExecuteAsync(context, item, CancellationToken.None);
                }
                catch (SyntheticItemFailedException)
                {
                    failed.Add(item.Id);
                }
            }

            return [.. failed];
        }

        var first = await Failed(7);
        Assert.Equal(first, await Failed(7));
        Assert.InRange(first.Length, 5, 25);
        Assert.NotEqual(first, await Failed(8));
    }
}
