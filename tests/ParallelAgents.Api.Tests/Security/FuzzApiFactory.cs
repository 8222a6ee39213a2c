namespace ParallelAgents.Api.Tests.Security;

/// <summary>The secured service with limits that keep a flood of generated requests cheap: short jobs, few at once, small bodies.</summary>
public sealed class FuzzApiFactory : SecureApiFactory
{
    public const int MaxBody = 64 * 1024;

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Limits:MaxRequestBodyBytes", MaxBody.ToString()),
        new("Limits:MaxConcurrentJobsPerIdentity", "3"),
        new("Limits:SubmissionsPerMinute", "1000000"),
        new("Workspaces:MaxArchiveBytes", MaxBody.ToString()),
        new("Engine:MaxJobDuration", "00:00:03"),
        new("Logging:LogLevel:Default", "Warning"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Error"),
    ];
}
