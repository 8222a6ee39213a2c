namespace ParallelAgents.Abstractions;

/// <summary>One job of a cross-command run: its id and its command.</summary>
/// <param name="JobId">The job's id (its <see cref="ICommandGrain"/> key).</param>
/// <param name="Command">The command it runs.</param>
[GenerateSerializer, Immutable, Alias("pa.RunJob")]
public sealed record RunJob(string JobId, string Command);
