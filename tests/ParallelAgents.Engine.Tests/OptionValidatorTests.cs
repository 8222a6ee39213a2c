using System.Text.Json.Nodes;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Resilience;

namespace ParallelAgents.Engine.Tests;

public sealed class OptionValidatorTests
{
    private static readonly CommandDescriptor Descriptor = new(
        "demo", "role", "d", new PoolDefaults(4, 1), PartitionStrategy.Balanced,
        [
            new("count", OptionType.Integer, "c", Minimum: 0, Maximum: 10),
            new("mode", OptionType.String, "m", AllowedValues: ["fast", "slow"]),
            new("paths", OptionType.StringList, "p"),
        ]);

    [Theory]
    [InlineData("""{"count":3,"mode":"fast","paths":["a"],"maxInstances":2}""", null)]
    [InlineData("""{"count":11}""", "options.count")]
    [InlineData("""{"count":1.5}""", "options.count")]
    [InlineData("""{"count":"3"}""", "options.count")]
    [InlineData("""{"mode":"medium"}""", "options.mode")]
    [InlineData("""{"paths":[1]}""", "options.paths")]
    [InlineData("""{"maxInstances":0}""", "options.maxInstances")]
    [InlineData("""{"itemsPerInstance":-1}""", "options.itemsPerInstance")]
    [InlineData("""{"unknown":true}""", "options.unknown")]
    public void Names_the_bad_field(string json, string? field)
    {
        var errors = OptionValidator.Validate(Descriptor, JsonNode.Parse(json)!.AsObject());
        if (field is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal(field, Assert.Single(errors).Field);
        }
    }

    [Fact]
    public void Retry_delay_has_full_jitter_under_an_exponential_cap()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
        var random = new Random(1);
        var delays = Enumerable.Range(0, 200).Select(_ => policy.DelayAfter(3, random).TotalMilliseconds).ToArray();
        Assert.All(delays, d => Assert.InRange(d, 0, 300));
        Assert.True(delays.Max() > 250 && delays.Min() < 50);
        Assert.All(Enumerable.Range(0, 50), _ => Assert.InRange(policy.DelayAfter(1, random).TotalMilliseconds, 0, 100));
        Assert.True(policy.ShouldRetry(3));
        Assert.False(policy.ShouldRetry(4));
    }
}

public sealed class CommandOptionsTests
{
    [Fact]
    public void Numbers_built_in_code_read_and_validate_like_parsed_ones()
    {
        var built = new JsonObject { ["maxInstances"] = 4, ["failureRate"] = 0.5m };
        Assert.Equal(4, new CommandOptions(built).GetInt("maxInstances", 0));
        Assert.Equal(0.5, new CommandOptions(built).GetDouble("failureRate", 0));
        var descriptor = new CommandDescriptor("d", "r", "d", new PoolDefaults(4, 1), PartitionStrategy.Balanced, []);
        Assert.Empty(OptionValidator.Validate(descriptor, new JsonObject { ["maxInstances"] = 4 }));
    }
}
