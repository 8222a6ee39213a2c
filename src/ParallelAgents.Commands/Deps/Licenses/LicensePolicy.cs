using System.Text.Json.Nodes;

namespace ParallelAgents.Commands.Deps.Licenses;

/// <summary>
/// The job's <c>licenses</c> option: <c>allow</c> and <c>deny</c> lists of SPDX ids (or "id WITH exception"),
/// compared case-insensitively; a trailing '+' on a declared id also matches the id without it. An empty allow list
/// allows everything not denied.
/// </summary>
public sealed class LicensePolicy
{
    private readonly HashSet<string> _allow;
    private readonly HashSet<string> _deny;

    /// <summary>Creates a policy.</summary>
    public LicensePolicy(IEnumerable<string> allow, IEnumerable<string> deny)
    {
        _allow = new HashSet<string>(allow.Select(a => a.Trim()), StringComparer.OrdinalIgnoreCase);
        _deny = new HashSet<string>(deny.Select(d => d.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when the job gave any list, so licenses are checked.</summary>
    public bool IsActive => _allow.Count > 0 || _deny.Count > 0;

    /// <summary>Reads <c>{ "allow": [...], "deny": [...] }</c>; a missing or odd option gives an inactive policy.</summary>
    public static LicensePolicy From(JsonObject? option)
    {
        return new LicensePolicy(List("allow"), List("deny"));

        IEnumerable<string> List(string name) => option?[name] switch
        {
            JsonArray array => array.Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>(),
            JsonValue v when v.TryGetValue(out string? s) => [s],
            _ => [],
        };
    }

    /// <summary>Judges a declared license expression.</summary>
    public LicenseVerdict Judge(string expression)
    {
        var parsed = SpdxExpression.Parse(expression);
        if (parsed.IsSatisfiedBy(Acceptable))
        {
            return LicenseVerdict.Allowed;
        }

        return parsed.Leaves().Any(Denied) ? LicenseVerdict.Denied : LicenseVerdict.NotAllowed;
    }

    private bool Acceptable(SpdxLicense license) => !Denied(license) && (_allow.Count == 0 || Names(license).Any(_allow.Contains));

    private bool Denied(SpdxLicense license) => Names(license).Any(_deny.Contains);

    private static IEnumerable<string> Names(SpdxLicense license)
    {
        yield return license.ToString();
        yield return license.Id;
        if (license.Id.EndsWith('+'))
        {
            yield return license.Id.TrimEnd('+');
        }
    }
}
