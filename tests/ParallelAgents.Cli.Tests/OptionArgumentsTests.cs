using ParallelAgents.Abstractions;
using ParallelAgents.Cli.Options;

namespace ParallelAgents.Cli.Tests;

public sealed class OptionArgumentsTests
{
    [Fact]
    public void Values_are_json_when_they_parse_and_text_otherwise()
    {
        var options = OptionArguments.Parse(["items=24", "rate=0.5", "strict=true", "paths=[\"src\",\"docs\"]", "mode=fast", "name=\"quoted\"", "empty=", "url=http://x/?a=b"]);
        Assert.Equal(24, options["items"]!.GetValue<int>());
        Assert.Equal(0.5, options["rate"]!.GetValue<double>());
        Assert.True(options["strict"]!.GetValue<bool>());
        Assert.Equal(["src", "docs"], options["paths"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("fast", options["mode"]!.GetValue<string>());
        Assert.Equal("quoted", options["name"]!.GetValue<string>());
        Assert.Equal("", options["empty"]!.GetValue<string>());
        Assert.Equal("http://x/?a=b", options["url"]!.GetValue<string>());
    }

    [Fact]
    public void A_later_key_wins()
    {
        Assert.Equal(2, OptionArguments.Parse(["items=1", "items=2"])["items"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("info", Severity.Info)]
    [InlineData("HIGH", Severity.High)]
    [InlineData("critical", Severity.Critical)]
    public void Severities_parse_by_name(string text, Severity expected) => Assert.Equal(expected, FailOnPolicy.ParseSeverity(text));

    [Theory]
    [InlineData("3")]
    [InlineData("severe")]
    [InlineData("")]
    public void Other_severities_do_not_parse(string text) => Assert.Null(FailOnPolicy.ParseSeverity(text));

    [Fact]
    public void Findings_at_or_above_the_threshold_are_counted_from_the_report()
    {
        const string report = """{"summary": {"bySeverity": {"critical": 1, "high": 2, "medium": 0, "low": 4, "info": 8}}}""";
        Assert.Equal(3, FailOnPolicy.CountAtOrAbove(report, Severity.High));
        Assert.Equal(7, FailOnPolicy.CountAtOrAbove(report, Severity.Low));
        Assert.Equal(15, FailOnPolicy.CountAtOrAbove(report, Severity.Info));
    }
}
