using ParallelAgents.Commands.Deps.Versions;

namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>
/// Decides whether a version is affected, following the OSV evaluation rules: listed in <c>versions</c>, or inside a
/// SEMVER / ECOSYSTEM range (events sorted by version; <c>introduced</c> opens, <c>fixed</c> closes at the fixed
/// version, <c>last_affected</c> closes after it, <c>limit</c> caps the range). Versions compare with the ecosystem's
/// own scheme even in SEMVER ranges. GIT ranges need commits and are not evaluated.
/// </summary>
public static class OsvMatcher
{
    /// <summary>True when <paramref name="version"/> of the package is affected by <paramref name="affected"/>.</summary>
    public static bool IsAffected(OsvAffected affected, string version, IVersionScheme scheme)
    {
        var bare = Bare(version);
        if (affected.Versions.Any(v => v == version || Bare(v) == bare || (scheme.IsValid(v) && scheme.IsValid(version) && scheme.Compare(v, version) == 0)))
        {
            return true;
        }

        if (!scheme.IsValid(version))
        {
            return false;
        }

        foreach (var range in affected.Ranges)
        {
            if (range.Type is "SEMVER" or "ECOSYSTEM" && InRange(range, version, scheme))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Fixed versions in SEMVER/ECOSYSTEM ranges that are above <paramref name="version"/>, lowest first.</summary>
    public static IReadOnlyList<string> FixedAbove(OsvAffected affected, string version, IVersionScheme scheme)
    {
        if (!scheme.IsValid(version))
        {
            return [];
        }

        return affected.Ranges
            .Where(r => r.Type is "SEMVER" or "ECOSYSTEM")
            .SelectMany(r => r.Events)
            .Where(e => e.Kind == "fixed" && scheme.IsValid(e.Version) && scheme.Compare(e.Version, version) > 0)
            .Select(e => e.Version)
            .Distinct(StringComparer.Ordinal)
            .Order(Comparer<string>.Create(scheme.Compare))
            .ToArray();
    }

    private static bool InRange(OsvRange range, string version, IVersionScheme scheme)
    {
        var events = range.Events
            .Where(e => IsZero(e) || scheme.IsValid(e.Version))
            .ToList();
        var limits = events.Where(e => e.Kind == "limit").ToArray();
        if (limits.Length > 0 && limits.All(l => scheme.Compare(version, l.Version) >= 0))
        {
            return false;
        }

        var ordered = events.Where(e => e.Kind != "limit")
            .OrderBy(e => e, Comparer<OsvEvent>.Create((a, b) => CompareEvents(a, b, scheme)))
            .ToList();
        var affected = false;
        foreach (var e in ordered)
        {
            switch (e.Kind)
            {
                case "introduced":
                    if (IsZero(e) || scheme.Compare(version, e.Version) >= 0)
                    {
                        affected = true;
                    }

                    break;
                case "fixed":
                    if (scheme.Compare(version, e.Version) >= 0)
                    {
                        affected = false;
                    }

                    break;
                case "last_affected":
                    if (scheme.Compare(version, e.Version) > 0)
                    {
                        affected = false;
                    }

                    break;
            }
        }

        return affected;
    }

    private static int CompareEvents(OsvEvent a, OsvEvent b, IVersionScheme scheme)
    {
        if (IsZero(a) || IsZero(b))
        {
            return IsZero(a) == IsZero(b) ? 0 : IsZero(a) ? -1 : 1;
        }

        var c = scheme.Compare(a.Version, b.Version);
        if (c != 0)
        {
            return c;
        }

        // At the same version, a fix or last_affected applies after the introduction it closes.
        return Rank(a).CompareTo(Rank(b));

        static int Rank(OsvEvent e) => e.Kind == "introduced" ? 0 : 1;
    }

    private static bool IsZero(OsvEvent e) => e.Kind == "introduced" && e.Version == "0";

    private static string Bare(string version) => version.Length > 1 && version[0] is 'v' or 'V' && char.IsAsciiDigit(version[1]) ? version[1..] : version;
}
