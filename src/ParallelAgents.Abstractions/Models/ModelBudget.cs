namespace ParallelAgents.Abstractions.Models;

/// <summary>A job's spending limits; zero means unlimited.</summary>
/// <param name="MaxTokens">Input plus output tokens.</param>
/// <param name="MaxCostUsd">Estimated cost in US dollars.</param>
[GenerateSerializer, Immutable, Alias("pa.ModelBudget")]
public sealed record ModelBudget(long MaxTokens, double MaxCostUsd)
{
    /// <summary>Why no new item may start once <paramref name="spent"/> is reached, or null while within the budget.</summary>
    public string? Exceeded(ModelUsage spent)
    {
        if (MaxTokens > 0 && spent.TotalTokens >= MaxTokens)
        {
            return $"not run: budget of {MaxTokens} tokens reached ({spent.TotalTokens} used)";
        }

        if (MaxCostUsd > 0 && spent.CostUsd >= MaxCostUsd)
        {
            return $"not run: budget of {MaxCostUsd:0.####} USD reached ({spent.CostUsd:0.####} USD used)";
        }

        return null;
    }
}
