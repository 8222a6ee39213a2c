namespace ParallelAgents.Api.Tests.Security;

/// <summary>The secured service with small limits, so each one is reached in a few requests.</summary>
public sealed class LimitsApiFactory : SecureApiFactory
{
    public const int MaxBody = 4096;
    public const int MaxArchive = 2048;
    public const int MaxConcurrent = 2;
    public const int PerMinute = 5;

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Limits:MaxRequestBodyBytes", MaxBody.ToString()),
        new("Limits:MaxConcurrentJobsPerIdentity", MaxConcurrent.ToString()),
        new("Limits:SubmissionsPerMinute", PerMinute.ToString()),
        new("Limits:ConcurrentJobsRetryAfterSeconds", "7"),
        new("Workspaces:MaxArchiveBytes", MaxArchive.ToString()),
    ];
}
