using ParallelAgents.Engine.Hosting;

namespace ParallelAgents.Deploy.Tests;

/// <summary>Maps environment-variable names to the configuration keys the service reads.</summary>
internal static class ConfigurationKeyNames
{
    /// <summary>The configuration key of an environment variable ('__' becomes ':').</summary>
    public static string ToKey(string environmentName) => environmentName.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>
    /// The key in <see cref="ConfigurationKeys.All"/> this variable sets, or null when the service reads
    /// no such key. Names match exactly; an element of a list (X:0, X:0:Name) belongs to the list key X.
    /// </summary>
    public static string? KnownKeyFor(string environmentName)
    {
        var key = ToKey(environmentName);
        if (ConfigurationKeys.All.Contains(key, StringComparer.Ordinal))
        {
            return key;
        }

        var segments = key.Split(':');
        // A key with a name in it (Models:Providers:<name>:Kind) matches any one segment there.
        if (ConfigurationKeys.All.FirstOrDefault(k => k.Contains('<', StringComparison.Ordinal) && Matches(k.Split(':'), segments)) is { } named)
        {
            return named;
        }

        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i].Length > 0 && segments[i].All(char.IsAsciiDigit))
            {
                var list = string.Join(':', segments[..i]);
                return ConfigurationKeys.All.Contains(list, StringComparer.Ordinal) ? list : null;
            }
        }

        return null;
    }

    private static bool Matches(string[] template, string[] segments) =>
        template.Length == segments.Length
        && template.Zip(segments).All(p => p.First.StartsWith('<') ? p.Second.Length > 0 && !p.Second.All(char.IsAsciiDigit) : p.First == p.Second);
}
