using ParallelAgents.Commands.Deps;

namespace ParallelAgents.Commands.Tests.Deps;

public sealed class AdvisoryOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.Empty(OptionsCheck.Failures(new AdvisoryOptionsValidator(), AdvisoryOptions.SectionName));

    [Theory]
    [InlineData("Advisories:OsvApiUrl", "api.osv.dev")]
    [InlineData("Advisories:OsvApiUrl", "ftp://api.osv.dev")]
    [InlineData("Advisories:OsvDirectory", "/no/such/osv/export")]
    [InlineData("Advisories:ApiTimeoutSeconds", "0")]
    [InlineData("Advisories:ApiMaxAttempts", "0")]
    [InlineData("Advisories:ApiMaxAttempts", "21")]
    [InlineData("Advisories:ApiRetryBaseDelayMs", "-1")]
    [InlineData("Advisories:ApiCacheMinutes", "-1")]
    [InlineData("Advisories:ApiMaxConcurrency", "0")]
    public void A_bad_setting_is_named_by_its_key(string key, string value)
    {
        var failure = Assert.Single(OptionsCheck.Failures(new AdvisoryOptionsValidator(), AdvisoryOptions.SectionName, (key, value)));
        Assert.StartsWith(key + " ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fixture_directory_and_an_https_api_are_accepted() =>
        Assert.Empty(OptionsCheck.Failures(new AdvisoryOptionsValidator(), AdvisoryOptions.SectionName, ("Advisories:OsvDirectory", DepsFixtures.Osv), ("Advisories:OsvApiUrl", "https://api.osv.dev")));
}
