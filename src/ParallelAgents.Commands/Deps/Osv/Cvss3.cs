namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>CVSS v3.0 / v3.1 base score from a vector string (FIRST specification, section 7.1 formulas and Roundup).</summary>
public static class Cvss3
{
    /// <summary>The base score (0.0-10.0) of a <c>CVSS:3.x/AV:../AC:../PR:../UI:../S:../C:../I:../A:..</c> vector; null when it is not one.</summary>
    public static double? BaseScore(string vector)
    {
        var parts = vector.Trim().Split('/');
        if (parts.Length < 9 || !parts[0].StartsWith("CVSS:3", StringComparison.Ordinal))
        {
            return null;
        }

        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0 || !metrics.TryAdd(part[..colon], part[(colon + 1)..]))
            {
                return null;
            }
        }

        if (!metrics.TryGetValue("S", out var scope) || scope is not ("U" or "C"))
        {
            return null;
        }

        var changed = scope == "C";
        var av = Lookup(metrics, "AV", ("N", 0.85), ("A", 0.62), ("L", 0.55), ("P", 0.2));
        var ac = Lookup(metrics, "AC", ("L", 0.77), ("H", 0.44));
        var pr = Lookup(metrics, "PR", ("N", 0.85), ("L", changed ? 0.68 : 0.62), ("H", changed ? 0.5 : 0.27));
        var ui = Lookup(metrics, "UI", ("N", 0.85), ("R", 0.62));
        var c = Lookup(metrics, "C", ("H", 0.56), ("L", 0.22), ("N", 0));
        var i = Lookup(metrics, "I", ("H", 0.56), ("L", 0.22), ("N", 0));
        var a = Lookup(metrics, "A", ("H", 0.56), ("L", 0.22), ("N", 0));
        if (av is null || ac is null || pr is null || ui is null || c is null || i is null || a is null)
        {
            return null;
        }

        var iss = 1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * av.Value * ac.Value * pr.Value * ui.Value;
        if (impact <= 0)
        {
            return 0;
        }

        return changed ? Roundup(Math.Min(1.08 * (impact + exploitability), 10)) : Roundup(Math.Min(impact + exploitability, 10));
    }

    /// <summary>CVSS v3.1 Roundup: the smallest number with one decimal that is at least the input, free of float noise.</summary>
    public static double Roundup(double value)
    {
        var integer = (long)Math.Round(value * 100000);
        return integer % 10000 == 0 ? integer / 100000.0 : (Math.Floor(integer / 10000.0) + 1) / 10.0;
    }

    private static double? Lookup(Dictionary<string, string> metrics, string key, params (string Code, double Weight)[] table)
    {
        if (!metrics.TryGetValue(key, out var code))
        {
            return null;
        }

        foreach (var (c, w) in table)
        {
            if (c == code)
            {
                return w;
            }
        }

        return null;
    }
}
