namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>Reads NuGet version specs as written in project files.</summary>
internal static class NuGetVersionSpec
{
    /// <summary>The version NuGet restores for a plain "1.2.3" or an exact "[1.2.3]"; null for ranges, floats and properties.</summary>
    public static string? Exact(string spec)
    {
        var s = spec.Trim();
        if (s.StartsWith('[') && s.EndsWith(']') && !s.Contains(','))
        {
            s = s[1..^1].Trim();
        }

        return !s.Contains('*') && !s.Contains("$(", StringComparison.Ordinal) && NuGet.Versioning.NuGetVersion.TryParse(s, out _) ? s : null;
    }

    /// <summary>Replaces <c>$(Name)</c> with MSBuild properties defined in the same file.</summary>
    public static string Expand(string value, IReadOnlyDictionary<string, string> properties)
    {
        var result = value;
        for (var round = 0; round < 10 && result.Contains("$(", StringComparison.Ordinal); round++)
        {
            var start = result.IndexOf("$(", StringComparison.Ordinal);
            var end = result.IndexOf(')', start);
            if (end < 0 || !properties.TryGetValue(result[(start + 2)..end], out var replacement))
            {
                break;
            }

            result = result[..start] + replacement + result[(end + 1)..];
        }

        return result;
    }
}
