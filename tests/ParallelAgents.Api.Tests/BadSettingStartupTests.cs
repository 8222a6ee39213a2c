
namespace ParallelAgents.Api.Tests;

/// <summary>The built service, started as a process with one bad setting, stops at start-up naming the key.</summary>
public sealed class BadSettingStartupTests
{
    [Theory]
    [InlineData("Engine__RetryBaseDelay", "00:00:00", "Engine:RetryBaseDelay must be positive")]
    [InlineData("Limits__ConcurrentJobsRetryAfterSeconds", "0", "Limits:ConcurrentJobsRetryAfterSeconds must be at least 1")]
    [InlineData("Advisories__ApiMaxAttempts", "0", "Advisories:ApiMaxAttempts must be between 1 and 20")]
    [InlineData("Orleans__Role", "Client", "Orleans:Role (Orleans__Role) is Client but Storage:Provider (Storage__Provider) is 'Memory'")]
    [InlineData("Orleans__Role", "Silo", "Orleans:Role (Orleans__Role) is Silo but Storage:Provider (Storage__Provider) is 'Memory'")]
    [InlineData("Orleans__Role", "Gateway", "Orleans:Role (Orleans__Role) is 'Gateway'; use Combined, Client or Silo.")]
    [InlineData("Scaling__ApiKey", "too-short", "Scaling:ApiKey must be at least 16 characters (is 9)")]
    [InlineData("Orleans__Client__UnavailableTimeout", "00:00:00", "Orleans:Client:UnavailableTimeout (Orleans__Client__UnavailableTimeout) must be positive")]
    public async Task A_bad_setting_stops_the_service_with_exit_code_2_naming_the_key(string variable, string value, string message)
    {
        await using var service = ServiceProcess.Start(
            new Dictionary<string, string?> { [variable] = value, ["Auth__AllowAnonymous"] = null },
            dll: typeof(Program).Assembly.Location);
        var exit = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 2, $"exit code {exit}; output:\n{service.Output}");
        Assert.Contains("parallel-agents: " + message, service.Errors, StringComparison.Ordinal);
    }
}
