namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>The dependency sections of package.json and npm lockfile roots.</summary>
internal static class NpmSections
{
    public static readonly string[] All = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

    public static bool IsDev(string section) => section == "devDependencies";

    /// <summary>An exact npm version without a leading '=' or 'v'; null for ranges, tags, URLs.</summary>
    public static string? Exact(string spec)
    {
        var s = spec.Trim();
        if (s.StartsWith('='))
        {
            s = s[1..].Trim();
        }

        if (s.StartsWith('v'))
        {
            s = s[1..];
        }

        return Versions.SemVerScheme.Instance.IsValid(s) && s.Count(c => c == '.') == 2 ? s : null;
    }
}
