namespace ParallelAgents.Abstractions;

/// <summary>What a client asked for: the command, its workspace and its options as a JSON object.</summary>
/// <param name="Command">Registered command name, e.g. <c>synthetic</c>.</param>
/// <param name="Workspace">Files to work on; null for commands that need none.</param>
/// <param name="OptionsJson">The request's <c>options</c> object, pool overrides included.</param>
/// <param name="Owner">Identity that submitted the job.</param>
/// <param name="SubmittedAt">When the service accepted the job.</param>
[GenerateSerializer, Immutable, Alias("pa.JobSpec")]
public sealed record JobSpec(string Command, WorkspaceRef? Workspace, string OptionsJson, string? Owner, DateTimeOffset SubmittedAt)
{
    /// <summary>W3C <c>traceparent</c> of the job's trace: every span of the job joins it, on any silo.</summary>
    [Id(0)]
    public string? TraceParent { get; init; }

    /// <summary>Hash of the request that an idempotency key named, so a reuse of the key for another request is refused.</summary>
    [Id(1)]
    public string? RequestHash { get; init; }

    /// <summary>How urgently the job wants the cluster; <see cref="JobPriority.Normal"/> unless the request said otherwise.</summary>
    [Id(2)]
    public JobPriority Priority { get; init; }
}
