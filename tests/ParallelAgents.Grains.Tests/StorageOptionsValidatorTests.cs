using ParallelAgents.Hosting;

namespace ParallelAgents.Grains.Tests;

public sealed class StorageOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(params (string, string?)[] settings) =>
        OptionsCheck.Failures(new StorageOptionsValidator(), StorageOptions.Section, settings);

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(Failures());

    [Fact]
    public void An_unknown_provider_is_named() =>
        Assert.StartsWith("Storage:Provider (Storage__Provider) is 'Tapes'", Assert.Single(Failures(("Storage:Provider", "Tapes"))), StringComparison.Ordinal);

    [Fact]
    public void A_start_up_timeout_must_be_positive() =>
        Assert.StartsWith("Storage:StartupTimeout", Assert.Single(Failures(("Storage:StartupTimeout", "00:00:00"))), StringComparison.Ordinal);

    [Fact]
    public void Something_that_is_not_a_connection_string_is_named() =>
        Assert.StartsWith("Storage:ConnectionString", Assert.Single(Failures(("Storage:Provider", "AzureStorage"), ("Storage:ConnectionString", "nonsense"))), StringComparison.Ordinal);

    [Fact]
    public void Without_a_connection_string_each_missing_endpoint_is_named()
    {
        var failures = Failures(("Storage:Provider", "AzureStorage"), ("Storage:BlobServiceUri", "https://acct.blob.core.windows.net"));
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Storage:TableServiceUri", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Storage:QueueServiceUri", StringComparison.Ordinal));
    }

    [Fact]
    public void An_endpoint_must_be_http_or_https()
    {
        var failures = Failures(("Storage:Provider", "AzureStorage"), ("Storage:TableServiceUri", "ftp://acct/"), ("Storage:BlobServiceUri", "https://b/"), ("Storage:QueueServiceUri", "https://q/"));
        Assert.StartsWith("Storage:TableServiceUri (Storage__TableServiceUri) must be an absolute http(s) URI", Assert.Single(failures), StringComparison.Ordinal);
    }
}
