namespace ParallelAgents.Models.Configuration;

/// <summary>Chooses the provider and model of a job from its options, its agent's <c>model:</c> and the configuration.</summary>
public static class ModelResolver
{
    /// <summary>The target, or null and the reason none can be chosen.</summary>
    /// <param name="options">The configured providers.</param>
    /// <param name="provider">The job's <c>provider</c> option.</param>
    /// <param name="model">The job's <c>model</c> option.</param>
    /// <param name="agentModel">The agent definition's <c>model:</c> value (an alias such as <c>sonnet</c>).</param>
    public static (ModelTarget? Target, string? Error) Resolve(ModelsOptions options, string? provider, string? model, string? agentModel)
    {
        if (options.Providers.Count == 0)
        {
            return (null, "No language-model provider is configured: set Models:Providers:<name>:Kind, :Endpoint, :Model (see docs/agents.md).");
        }

        if (!string.IsNullOrWhiteSpace(provider))
        {
            return options.Providers.TryGetValue(provider, out var p)
                ? (new ModelTarget(Name(options, provider), string.IsNullOrWhiteSpace(model) ? p.Model! : model), null)
                : (null, $"Unknown provider '{provider}'. Configured providers: {string.Join(", ", options.Providers.Keys)}.");
        }

        if (string.IsNullOrWhiteSpace(model) && !string.IsNullOrWhiteSpace(agentModel) && !agentModel.Equals("inherit", StringComparison.OrdinalIgnoreCase))
        {
            if (options.Aliases.TryGetValue(agentModel, out var alias))
            {
                var parts = alias.Split('/', 2);
                if (options.Providers.TryGetValue(parts[0], out var aliased))
                {
                    return (new ModelTarget(Name(options, parts[0]), parts.Length > 1 && parts[1].Length > 0 ? parts[1] : aliased.Model!), null);
                }
            }

            if (options.Providers.TryGetValue(agentModel, out var named))
            {
                return (new ModelTarget(Name(options, agentModel), named.Model!), null);
            }
        }

        var fallback = !string.IsNullOrWhiteSpace(options.Default) ? options.Default : options.Providers.Count == 1 ? options.Providers.Keys.First() : null;
        if (fallback is null || !options.Providers.TryGetValue(fallback, out var d))
        {
            return (null, $"Several providers are configured and none is chosen: set the job's provider option or Models:Default ({string.Join(", ", options.Providers.Keys)}).");
        }

        return (new ModelTarget(Name(options, fallback), string.IsNullOrWhiteSpace(model) ? d.Model! : model), null);
    }

    // The configured spelling, so keys of limits and caches do not depend on the case a job used.
    private static string Name(ModelsOptions options, string name) => options.Providers.Keys.First(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
}
