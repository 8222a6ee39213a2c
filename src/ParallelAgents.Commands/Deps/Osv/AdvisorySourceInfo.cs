namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>Which advisory database answered, and how fresh it is.</summary>
/// <param name="Kind"><c>directory</c>, <c>api</c> or <c>none</c>.</param>
/// <param name="Location">Directory or zip path, or API base URL.</param>
/// <param name="DatabaseDate">The newest <c>modified</c> date among the records seen.</param>
/// <param name="Records">Records indexed (directory) or fetched (API).</param>
/// <param name="Skipped">Files or entries that were not valid OSV records.</param>
public sealed record AdvisorySourceInfo(string Kind, string? Location, DateTimeOffset? DatabaseDate, int Records, int Skipped = 0)
{
    /// <summary>No advisory source configured.</summary>
    public static AdvisorySourceInfo None { get; } = new("none", null, null, 0);
}
