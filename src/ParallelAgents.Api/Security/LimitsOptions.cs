namespace ParallelAgents.Api.Security;

/// <summary>Per-request and per-identity limits. Section <c>Limits</c>; 0 turns a limit off.</summary>
public sealed class LimitsOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Limits";

    /// <summary>Largest request body in bytes for everything but uploads (uploads: <c>Workspaces:MaxArchiveBytes</c>).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most unfinished jobs one identity may have; anonymous callers share one count.</summary>
    public int MaxConcurrentJobsPerIdentity { get; set; } = 16;

    /// <summary>Most job submissions and uploads one identity (or, anonymous, one client address) may make per minute.</summary>
    public int SubmissionsPerMinute { get; set; } = 120;

    /// <summary>Seconds a caller is told to wait (<c>Retry-After</c>) when it has too many unfinished jobs.</summary>
    public int ConcurrentJobsRetryAfterSeconds { get; set; } = 10;

    /// <summary>Most jobs one cross-command run (POST /api/runs) may hold; at least 1.</summary>
    public int MaxJobsPerRun { get; set; } = 8;
}
