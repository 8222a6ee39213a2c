using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ParallelAgents.TestSupport;

/// <summary>Binds settings the way the service does (configuration keys) and runs an options validator over them.</summary>
public static class OptionsCheck
{
    /// <summary>The validator's failures for <paramref name="settings"/> bound from <paramref name="section"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Failures<TOptions>(IValidateOptions<TOptions> validator, string section, params (string Key, string? Value)[] settings)
        where TOptions : class, new()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var options = new TOptions();
        configuration.GetSection(section).Bind(options);
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? [.. result.Failures] : [];
    }
}
