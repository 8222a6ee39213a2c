namespace ParallelAgents.Commands.Deps.Versions;

/// <summary>
/// SemVer 2.0.0 precedence (semver.org §11) for npm, crates.io and Go. Accepts a leading <c>v</c> (Go) or <c>=</c>,
/// ignores build metadata (so Go's <c>+incompatible</c> orders like the plain version), and fills missing minor or
/// patch with 0. Go pseudo-versions are prereleases and order correctly under these rules.
/// </summary>
public sealed class SemVerScheme : IVersionScheme
{
    /// <summary>The shared instance.</summary>
    public static SemVerScheme Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "semver";

    /// <inheritdoc />
    public bool IsValid(string version) => TryParse(version, out _, out _);

    /// <inheritdoc />
    public int Compare(string left, string right)
    {
        if (!TryParse(left, out var lCore, out var lPre) || !TryParse(right, out var rCore, out var rPre))
        {
            return string.CompareOrdinal(left, right);
        }

        for (var i = 0; i < 3; i++)
        {
            var c = NumericText.Compare(lCore[i], rCore[i]);
            if (c != 0)
            {
                return c;
            }
        }

        if (lPre.Length == 0 || rPre.Length == 0)
        {
            return lPre.Length == rPre.Length ? 0 : lPre.Length == 0 ? 1 : -1;
        }

        for (var i = 0; i < Math.Min(lPre.Length, rPre.Length); i++)
        {
            var c = CompareIdentifier(lPre[i], rPre[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return lPre.Length.CompareTo(rPre.Length);
    }

    private static int CompareIdentifier(string left, string right)
    {
        var lNum = NumericText.IsDigits(left);
        var rNum = NumericText.IsDigits(right);
        if (lNum && rNum)
        {
            return NumericText.Compare(left, right);
        }

        if (lNum != rNum)
        {
            return lNum ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(left, right));
    }

    private static bool TryParse(string text, out string[] core, out string[] prerelease)
    {
        core = [];
        prerelease = [];
        var s = text.Trim();
        if (s.StartsWith('='))
        {
            s = s[1..].Trim();
        }

        if (s.StartsWith('v') || s.StartsWith('V'))
        {
            s = s[1..];
        }

        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            s = s[..plus];
        }

        var dash = s.IndexOf('-');
        var coreText = dash >= 0 ? s[..dash] : s;
        if (dash >= 0)
        {
            var pre = s[(dash + 1)..];
            if (pre.Length == 0)
            {
                return false;
            }

            prerelease = pre.Split('.');
            if (prerelease.Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
            {
                return false;
            }
        }

        var parts = coreText.Split('.');
        if (parts.Length is 0 or > 3 || parts.Any(p => !NumericText.IsDigits(p)))
        {
            return false;
        }

        core = [parts[0], parts.Length > 1 ? parts[1] : "0", parts.Length > 2 ? parts[2] : "0"];
        return true;
    }
}
