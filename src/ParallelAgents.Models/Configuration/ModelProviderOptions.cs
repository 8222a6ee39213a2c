namespace ParallelAgents.Models.Configuration;

/// <summary>One provider, bound from <c>Models:Providers:&lt;name&gt;</c>.</summary>
public sealed class ModelProviderOptions
{
    /// <summary>The wire protocol.</summary>
    public ModelProviderKind Kind { get; set; } = ModelProviderKind.OpenAI;

    /// <summary>Base address (for OpenAI-compatible servers the part before <c>/chat/completions</c>, e.g. <c>http://localhost:8000/v1</c>).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model (or Azure deployment) used when a job names none.</summary>
    public string? Model { get; set; }

    /// <summary>The API key; never logged. Azure OpenAI without a key uses Microsoft Entra ID.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Calls in flight at once across the cluster.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Calls started in any minute across the cluster; 0 = unlimited.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Tokens in any minute across the cluster; 0 = unlimited.</summary>
    public int TokensPerMinute { get; set; }

    /// <summary>Price of a million input tokens in US dollars, for cost estimates and budgets.</summary>
    public double InputCostPerMillionTokens { get; set; }

    /// <summary>Price of a million output tokens in US dollars.</summary>
    public double OutputCostPerMillionTokens { get; set; }

    /// <summary>Time allowed for one call (one attempt).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts per call, first included, for 429, 5xx, timeouts and broken connections.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The estimated cost of <paramref name="inputTokens"/> and <paramref name="outputTokens"/>.</summary>
    public double Cost(long inputTokens, long outputTokens) =>
        ((inputTokens * InputCostPerMillionTokens) + (outputTokens * OutputCostPerMillionTokens)) / 1_000_000d;
}
