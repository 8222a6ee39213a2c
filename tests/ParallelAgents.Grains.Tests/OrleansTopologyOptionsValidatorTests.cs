using ParallelAgents.Hosting;
using ParallelAgents.Hosting.Topology;

namespace ParallelAgents.Grains.Tests;

public sealed class OrleansTopologyOptionsValidatorTests
{
    private static readonly StorageOptions Memory = new();
    private static readonly StorageOptions Azure = new() { Provider = "AzureStorage", ConnectionString = "UseDevelopmentStorage=true" };

    private static IReadOnlyList<string> Failures(StorageOptions storage, params (string, string?)[] settings) =>
        OptionsCheck.Failures(new OrleansTopologyOptionsValidator(storage), OrleansTopologyOptions.Section, settings);

    [Fact]
    public void The_defaults_are_the_combined_role_and_valid_in_memory()
    {
        Assert.Empty(Failures(Memory));
        Assert.Equal(OrleansRole.Combined, new OrleansTopologyOptions().ParsedRole);
    }

    [Theory]
    [InlineData("Client")]
    [InlineData("silo")]
    public void A_role_apart_from_the_silos_needs_durable_storage_and_says_so(string role)
    {
        var failure = Assert.Single(Failures(Memory, ("Orleans:Role", role)));
        Assert.StartsWith("Orleans:Role (Orleans__Role) is ", failure, StringComparison.Ordinal);
        Assert.Contains("Storage__Provider=AzureStorage", failure, StringComparison.Ordinal);
        Assert.Empty(Failures(Azure, ("Orleans:Role", role)));
    }

    [Theory]
    [InlineData("Gateway")]
    [InlineData("1")]
    [InlineData("")]
    public void An_unknown_role_is_named(string role) =>
        Assert.StartsWith($"Orleans:Role (Orleans__Role) is '{role}'", Assert.Single(Failures(Azure, ("Orleans:Role", role))), StringComparison.Ordinal);

    [Theory]
    [InlineData("UnavailableTimeout", "00:00:00")]
    [InlineData("ResponseTimeout", "-00:00:01")]
    [InlineData("GatewayListRefreshPeriod", "00:00:00")]
    [InlineData("ConnectRetryDelay", "00:00:00")]
    [InlineData("RetryAfterSeconds", "0")]
    public void A_client_setting_out_of_range_is_named(string setting, string value) =>
        Assert.StartsWith(
            $"Orleans:Client:{setting} (Orleans__Client__{setting}) must be",
            Assert.Single(Failures(Azure, ("Orleans:Role", "Client"), ($"Orleans:Client:{setting}", value))),
            StringComparison.Ordinal);
}
