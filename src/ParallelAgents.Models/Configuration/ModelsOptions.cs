namespace ParallelAgents.Models.Configuration;

/// <summary>The language-model providers the <c>agent</c> command may call, bound from <c>Models</c>. Empty by default.</summary>
public sealed class ModelsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Models";

    /// <summary>Providers by name.</summary>
    public Dictionary<string, ModelProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider used when a job and its agent name none.</summary>
    public string? Default { get; set; }

    /// <summary>Agent-file <c>model:</c> values (<c>opus</c>, <c>sonnet</c>, <c>haiku</c>...) mapped to <c>provider/model</c> or a provider name.</summary>
    public Dictionary<string, string> Aliases { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
