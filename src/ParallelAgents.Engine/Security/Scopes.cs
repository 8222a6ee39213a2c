namespace ParallelAgents.Engine.Security;

/// <summary>What an identity may do. <see cref="Admin"/> implies the others and sees every owner's jobs.</summary>
public static class Scopes
{
    /// <summary>Claim type carrying one scope per claim.</summary>
    public const string ClaimType = "scope";

    /// <summary>List jobs, read snapshots, events and reports, list commands.</summary>
    public const string JobsRead = "jobs:read";

    /// <summary>Submit and cancel jobs, upload workspaces.</summary>
    public const string JobsSubmit = "jobs:submit";

    /// <summary>Everything, over every owner's jobs.</summary>
    public const string Admin = "admin";

    /// <summary>The known scopes.</summary>
    public static IReadOnlyList<string> All { get; } = [JobsRead, JobsSubmit, Admin];

    /// <summary>
    /// The scope an Entra app role or delegated scope stands for: <c>jobs.read</c>/<c>Jobs.Read</c> and
    /// <c>jobs:read</c> → jobs:read, likewise for submit; <c>admin</c>/<c>Jobs.Admin</c> → admin; otherwise null.
    /// </summary>
    public static string? FromRole(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        "jobs.read" or "jobs:read" or "jobs_read" => JobsRead,
        "jobs.submit" or "jobs:submit" or "jobs_submit" => JobsSubmit,
        "admin" or "jobs.admin" or "jobs:admin" => Admin,
        _ => null,
    };
}
