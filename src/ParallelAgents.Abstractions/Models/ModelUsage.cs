namespace ParallelAgents.Abstractions.Models;

/// <summary>What model calls cost: tokens, calls, throttling, retries, cache hits and the estimated price.</summary>
/// <param name="InputTokens">Prompt tokens billed.</param>
/// <param name="OutputTokens">Completion tokens billed.</param>
/// <param name="CachedInputTokens">Prompt tokens the provider served from its own prompt cache.</param>
/// <param name="Calls">Requests sent to the provider (each attempt counts).</param>
/// <param name="Throttled">Answers with status 429.</param>
/// <param name="Retries">Attempts after the first.</param>
/// <param name="CacheHits">Answers served by the response cache without a call.</param>
/// <param name="CostUsd">Estimated cost from the provider's configured prices.</param>
[GenerateSerializer, Immutable, Alias("pa.ModelUsage")]
public sealed record ModelUsage(
    long InputTokens = 0,
    long OutputTokens = 0,
    long CachedInputTokens = 0,
    int Calls = 0,
    int Throttled = 0,
    int Retries = 0,
    int CacheHits = 0,
    double CostUsd = 0)
{
    /// <summary>No usage.</summary>
    public static ModelUsage None { get; } = new();

    /// <summary>Input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>The sum of <paramref name="usages"/>; null when none of them is known (no model was called).</summary>
    public static ModelUsage? Sum(IEnumerable<ModelUsage?> usages) =>
        usages.Aggregate((ModelUsage?)null, (sum, u) => u is null ? sum : (sum ?? None).Add(u));

    /// <summary>The sum of two usages.</summary>
    public ModelUsage Add(ModelUsage other) => new(
        InputTokens + other.InputTokens,
        OutputTokens + other.OutputTokens,
        CachedInputTokens + other.CachedInputTokens,
        Calls + other.Calls,
        Throttled + other.Throttled,
        Retries + other.Retries,
        CacheHits + other.CacheHits,
        CostUsd + other.CostUsd);
}
