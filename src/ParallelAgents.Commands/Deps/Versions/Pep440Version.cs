using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Deps.Versions;

/// <summary>A parsed PEP 440 version: epoch, release, pre, post, dev and local parts, ordered as the specification says.</summary>
public sealed partial class Pep440Version : IComparable<Pep440Version>
{
    private readonly BigInteger _epoch;
    private readonly BigInteger[] _release;
    private readonly (int Kind, BigInteger Number)? _pre;
    private readonly BigInteger? _post;
    private readonly BigInteger? _dev;
    private readonly string[]? _local;

    private Pep440Version(BigInteger epoch, BigInteger[] release, (int, BigInteger)? pre, BigInteger? post, BigInteger? dev, string[]? local)
    {
        _epoch = epoch;
        _release = release;
        _pre = pre;
        _post = post;
        _dev = dev;
        _local = local;
    }

    /// <summary>Parses a version in any of the spellings PEP 440 normalises; false when it is not a PEP 440 version.</summary>
    public static bool TryParse(string text, out Pep440Version version)
    {
        version = null!;
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }

        var epoch = m.Groups["epoch"].Success ? BigInteger.Parse(m.Groups["epoch"].Value, CultureInfo.InvariantCulture) : BigInteger.Zero;
        var release = m.Groups["release"].Value.Split('.').Select(p => BigInteger.Parse(p, CultureInfo.InvariantCulture)).ToList();
        while (release.Count > 1 && release[^1].IsZero)
        {
            release.RemoveAt(release.Count - 1);
        }

        (int, BigInteger)? pre = null;
        if (m.Groups["pre_l"].Success)
        {
            var kind = m.Groups["pre_l"].Value.ToLowerInvariant() switch
            {
                "a" or "alpha" => 0,
                "b" or "beta" => 1,
                _ => 2,
            };
            pre = (kind, Number(m.Groups["pre_n"]));
        }

        BigInteger? post = null;
        if (m.Groups["post_n1"].Success)
        {
            post = Number(m.Groups["post_n1"]);
        }
        else if (m.Groups["post_l"].Success)
        {
            post = Number(m.Groups["post_n2"]);
        }

        BigInteger? dev = m.Groups["dev_l"].Success ? Number(m.Groups["dev_n"]) : null;
        var local = m.Groups["local"].Success ? m.Groups["local"].Value.ToLowerInvariant().Split('-', '_', '.') : null;
        version = new Pep440Version(epoch, [.. release], pre, post, dev, local);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(Pep440Version? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = _epoch.CompareTo(other._epoch);
        if (c != 0)
        {
            return Math.Sign(c);
        }

        for (var i = 0; i < Math.Max(_release.Length, other._release.Length); i++)
        {
            var l = i < _release.Length ? _release[i] : BigInteger.Zero;
            var r = i < other._release.Length ? other._release[i] : BigInteger.Zero;
            c = l.CompareTo(r);
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        c = PreKey().CompareTo(other.PreKey());
        if (c != 0)
        {
            return Math.Sign(c);
        }

        c = (_post ?? BigInteger.MinusOne).CompareTo(other._post ?? BigInteger.MinusOne);
        if (c != 0)
        {
            return Math.Sign(c);
        }

        // A missing dev part sorts after every dev release.
        c = DevKey(_dev).CompareTo(DevKey(other._dev));
        if (c != 0)
        {
            return Math.Sign(c);
        }

        return CompareLocal(_local, other._local);
    }

    // The rank of the pre-release part: a dev release of a final version sorts before its alphas, and a final sorts
    // after every pre-release.
    private (int Rank, int Kind, BigInteger Number) PreKey()
    {
        if (_pre is null && _post is null && _dev is not null)
        {
            return (0, 0, BigInteger.Zero);
        }

        return _pre is { } p ? (1, p.Kind, p.Number) : (2, 0, BigInteger.Zero);
    }

    private static (int, BigInteger) DevKey(BigInteger? dev) => dev is { } d ? (0, d) : (1, BigInteger.Zero);

    private static int CompareLocal(string[]? left, string[]? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var lNum = NumericText.IsDigits(left[i]);
            var rNum = NumericText.IsDigits(right[i]);
            int c;
            if (lNum && rNum)
            {
                c = NumericText.Compare(left[i], right[i]);
            }
            else if (lNum != rNum)
            {
                // Numeric segments sort after alphanumeric ones.
                c = lNum ? 1 : -1;
            }
            else
            {
                c = Math.Sign(string.CompareOrdinal(left[i], right[i]));
            }

            if (c != 0)
            {
                return c;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static BigInteger Number(Group group) =>
        group.Success && group.Value.Length > 0 ? BigInteger.Parse(group.Value, CultureInfo.InvariantCulture) : BigInteger.Zero;

    [GeneratedRegex(
        @"^v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)" +
        @"(?:[-_.]?(?<pre_l>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<pre_n>[0-9]+)?)?" +
        @"(?:-(?<post_n1>[0-9]+)|[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?)?" +
        @"(?:[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?" +
        @"(?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
