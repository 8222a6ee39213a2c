namespace ParallelAgents.Abstractions;

/// <summary>What a cross-command run holds once started: who asked, when, and its jobs in request order.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Owner">Identity that submitted the run; its jobs are theirs too.</param>
/// <param name="Priority">The priority every job of the run carries.</param>
/// <param name="SubmittedAt">When the service accepted the run.</param>
/// <param name="Jobs">The run's jobs, one per command in the request.</param>
/// <param name="Workspace">The one workspace every job works on, pinned once (a git ref fixed to one commit).</param>
[GenerateSerializer, Immutable, Alias("pa.RunRecord")]
public sealed record RunRecord(string Id, string? Owner, JobPriority Priority, DateTimeOffset SubmittedAt, IReadOnlyList<RunJob> Jobs, WorkspaceRef? Workspace)
{
    /// <summary>Hash of the request an idempotency key named, so a reuse of the key for another request is refused.</summary>
    [Id(0)]
    public string? RequestHash { get; init; }
}
