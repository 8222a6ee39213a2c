namespace ParallelAgents.Durability.Tests;

public sealed class StartupTests
{
    [Theory]
    [InlineData("AzureStorage", null, "Storage__TableServiceUri")]
    [InlineData("Tapes", null, "Storage__Provider")]
    [InlineData("AzureStorage", "nonsense", "Storage__ConnectionString")]
    public async Task A_wrong_or_missing_setting_stops_the_service_naming_it(string provider, string? connectionString, string named)
    {
        var settings = new Dictionary<string, string> { ["Storage__Provider"] = provider };
        if (connectionString is not null)
        {
            settings["Storage__ConnectionString"] = connectionString;
        }

        await using var service = ServiceProcess.Start(settings);
        var exit = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exit);
        Assert.Contains(named, service.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_storage_is_a_clear_error_and_a_nonzero_exit_not_a_hang()
    {
        // Nothing listens on the port.
        var port = FreePorts.Next();
        var endpoints = Azurite.ConnectionStringFor(port, port, port);
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Storage__Provider"] = "AzureStorage",
            ["Storage__ConnectionString"] = endpoints,
            ["Storage__StartupTimeout"] = "00:00:05",
        });
        var exit = await service.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(2, exit);
        Assert.Contains("Azure Storage", service.Errors, StringComparison.Ordinal);
        Assert.Contains("Storage__ConnectionString", service.Errors, StringComparison.Ordinal);
    }
}
