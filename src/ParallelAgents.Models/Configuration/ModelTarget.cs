namespace ParallelAgents.Models.Configuration;

/// <summary>A provider and the model to call on it.</summary>
/// <param name="Provider">The provider's configured name.</param>
/// <param name="Model">The model (Azure: deployment) id.</param>
public sealed record ModelTarget(string Provider, string Model)
{
    /// <summary>The key of its limits and cache entries: <c>provider/model</c>.</summary>
    public string Key => $"{Provider}/{Model}";
}
